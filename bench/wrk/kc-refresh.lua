-- Keycloak's refresh grant, shaped like our refresh.lua: each wrk thread (one connection) holds its own session and
-- sends the refresh token of the last answer (with the realm's revokeRefreshToken on, that is a rotation; off, the
-- next token is as good as the first). Form bodies need the client's credentials: $BENCH_KC_CLIENT ("id:secret");
-- starting tokens from $BENCH_REFRESH_FILE, one per line.
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

init = function(args)
  local n = 0
  for line in io.lines(os.getenv("BENCH_REFRESH_FILE")) do
    n = n + 1
    if n == index then token = line end
  end
  client, secret = os.getenv("BENCH_KC_CLIENT"):match("^([^:]+):(.+)$")
  failures = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

request = function()
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&client_id=" .. client .. "&client_secret=" .. secret
    .. "&refresh_token=" .. token)
end

response = function(status, headers, body)
  local next_token = body:match('"refresh_token":"([^"]+)"')
  if status == 200 and next_token then
    token = next_token
  else
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  io.write(string.format("rotation failures: %d\n", failed))
end
