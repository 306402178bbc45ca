-- Cold tokens: every request carries an access token this server has not verified yet. The tokens are read from
-- $BENCH_TOKENS_FILE ("sub token" per line, more lines than the verified-token cache holds); each thread walks
-- its own share of them (line index, index + $BENCH_THREADS, ...: pass wrk's -t), GET /user/{sub} with that token.
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

init = function(args)
  subs, tokens = {}, {}
  for line in io.lines(os.getenv("BENCH_TOKENS_FILE")) do
    local sub, token = line:match("^(%S+) (%S+)$")
    table.insert(subs, sub)
    table.insert(tokens, token)
  end
  stride = tonumber(os.getenv("BENCH_THREADS") or "2")
  position = index
  failures = 0
end

request = function()
  local i = position
  position = position + stride
  if position > #tokens then position = index end
  return wrk.format("GET", "/user/" .. subs[i], { ["Authorization"] = "Bearer " .. tokens[i] })
end

response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  io.write(string.format("cold-token failures: %d\n", failed))
end
