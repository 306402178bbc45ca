-- Refresh-token rotation: each wrk thread (one connection) rotates its own family, taking the next token
-- from every answer. The starting tokens are read from $BENCH_REFRESH_FILE, one per line. Against our service
-- (the URL is its base) the request is POST /user/refresh-token with JSON; with $BENCH_KC_CLIENT ("id:secret")
-- it is Keycloak's refresh grant, a form posted to the URL given (its token endpoint), as bench/keycloak.sh runs it.
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
  local keycloak = os.getenv("BENCH_KC_CLIENT")
  if keycloak then
    client, secret = keycloak:match("^([^:]+):(.+)$")
  end
  failures = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = client and "application/x-www-form-urlencoded" or "application/json"
end

request = function()
  if client then
    return wrk.format(nil, nil, nil, "grant_type=refresh_token&client_id=" .. client .. "&client_secret=" .. secret
      .. "&refresh_token=" .. token)
  end
  return wrk.format(nil, "/user/refresh-token", nil, '{"refresh_token":"' .. token .. '"}')
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
