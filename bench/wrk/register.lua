-- POST /user with a new address every time: registrations/s (argon2 hashing plus the insert and its commit).
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end
init = function(args)
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  n = n + 1
  local body = string.format('{"first_name":"B","last_name":"W","email":"w%d-%d-%d@bench.example","password":"bench password 1234"}',
    id, n, os.time())
  return wrk.format(nil, "/user", nil, body)
end
