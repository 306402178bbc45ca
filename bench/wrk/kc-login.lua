-- Keycloak's password grant as a random one of the users user1..user$BENCH_USERS (password "Bench-pass-N"), the
-- counterpart of login.lua; the client's credentials from $BENCH_KC_CLIENT ("id:secret").
local users = tonumber(os.getenv("BENCH_USERS") or "100")
local client, secret = os.getenv("BENCH_KC_CLIENT"):match("^([^:]+):(.+)$")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
math.randomseed(os.time() + math.floor(os.clock() * 100000))

request = function()
  local i = math.random(1, users)
  return wrk.format(nil, nil, nil, string.format(
    "grant_type=password&client_id=%s&client_secret=%s&username=user%d&password=Bench-pass-%d", client, secret, i, i))
end
