-- POST /user/login as a random one of the seeded users (bench-N@bench.example, one shared password).
local users = tonumber(os.getenv("BENCH_USERS") or "1000")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
math.randomseed(os.time() + math.floor(os.clock() * 100000))

request = function()
  local body = string.format('{"email":"bench-%d@bench.example","password":"bench password 1234"}',
    math.random(0, users - 1))
  return wrk.format(nil, "/user/login", nil, body)
end
