-- Refresh-token rotation over many live sessions. The tokens are read from $BENCH_REFRESH_FILE, one per line; with
-- $BENCH_SLICE="k/K" only the lines k, k+K, k+2K, ... (0-based) are used, so that each run of a series starts from
-- sessions no earlier run rotated (their tokens in the file are still current). Each wrk thread (one connection:
-- run with -tN -cN) takes every $BENCH_THREADS-th (default 16) of those and rotates them in turn, keeping the next token of every
-- answer for the session's next turn. Against our service (the URL is its base) the request is
-- POST /user/refresh-token with JSON; with $BENCH_KC_CLIENT ("id:secret") it is Keycloak's refresh grant, a form
-- posted to the URL given (its token endpoint).
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

init = function(args)
  local slice, slices = 0, 1
  local spec = os.getenv("BENCH_SLICE")
  if spec then
    slice, slices = spec:match("^(%d+)/(%d+)$")
    slice, slices = tonumber(slice), tonumber(slices)
  end
  local stride = tonumber(os.getenv("BENCH_THREADS") or "16")   -- wrk -t of WRK_REFRESH
  tokens = {}
  local n, mine = 0, 0
  for line in io.lines(os.getenv("BENCH_REFRESH_FILE")) do
    if n % slices == slice then
      if mine % stride == index - 1 then
        table.insert(tokens, line)
      end
      mine = mine + 1
    end
    n = n + 1
  end
  position = 1
  local keycloak = os.getenv("BENCH_KC_CLIENT")
  if keycloak then
    client, secret = keycloak:match("^([^:]+):(.+)$")
  end
  failures = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = client and "application/x-www-form-urlencoded" or "application/json"
end

request = function()
  local token = tokens[position]
  if client then
    return wrk.format(nil, nil, nil, "grant_type=refresh_token&client_id=" .. client .. "&client_secret=" .. secret
      .. "&refresh_token=" .. token)
  end
  return wrk.format(nil, "/user/refresh-token", nil, '{"refresh_token":"' .. token .. '"}')
end

response = function(status, headers, body)
  local next_token = body:match('"refresh_token":"([^"]+)"')
  if status == 200 and next_token then
    tokens[position] = next_token
  else
    failures = failures + 1
  end
  position = position + 1
  if position > #tokens then position = 1 end
end

done = function(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  io.write(string.format("rotation failures: %d\n", failed))
end
