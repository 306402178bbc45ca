#!/usr/bin/env bash
# Keycloak on this box, measured with the same wrk settings as our figures (bench/settings.sh), for the
# side-by-side table of bench/load.sh, which calls this script after its own figures (our server stopped):
#
#     bench/keycloak.sh OUT_DIR
#
# Fetches org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central into the local Maven repository
# and unzips it under OUT_DIR; starts `kc.sh start-dev` (embedded H2, kc.sh's default heap) on 127.0.0.1:$KC_PORT;
# imports realm `bench` (confidential client, direct access grants, $KC_USERS users hashed by Keycloak's default,
# argon2id m=7 MiB t=5 as ours in the load run); restarts it and times the warm start (launch to the first 200 of
# the discovery document); drives wrk: the discovery document, userinfo with a bearer token, the refresh grant
# as Keycloak ships it (refresh tokens reusable) and with rotation (revokeRefreshToken on, as ours always is),
# the password grant; reads the JVM's RSS after the load; stops exactly the process it started. Writes
# OUT_DIR/keycloak.env (KC_STATIC, KC_USERINFO, KC_REFRESH_REUSE, KC_REFRESH_ROTATE, KC_LOGIN, KC_RSS_MB, KC_START_S,
# KC_VERSION) and the wrk outputs beside it. Learnt from ../shared/peers/keycloak/run.sh, which measures more.
# Environment: KC_VERSION (26.4.7), KC_PORT (8180), KC_USERS (100), and bench/settings.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/settings.sh
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
KC_VERSION=${KC_VERSION:-26.4.7}
KC_PORT=${KC_PORT:-8180}
KC_USERS=${KC_USERS:-100}
KC=http://127.0.0.1:$KC_PORT
DIR=$OUT/keycloak-$KC_VERSION
CLIENT=bench SECRET=bench-client-secret-example   # an example value for a throw-away local realm
ADMIN_PASSWORD=bench-admin-example
TOKEN_URL=$KC/realms/bench/protocol/openid-connect/token
KC_PID=""

stop_kc() {
  [ -n "$KC_PID" ] || return 0
  kill -TERM "$KC_PID" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$KC_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  KC_PID=""
}
trap stop_kc EXIT

start_kc() { # $1: log file; sets KC_PID and START_S (launch to the discovery document answering 200)
  if (exec 3<>"/dev/tcp/127.0.0.1/$KC_PORT") 2>/dev/null; then echo "port $KC_PORT is taken" >&2; exit 1; fi
  local t0; t0=$(date +%s.%N)
  ( cd "$DIR" && KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
      exec bin/kc.sh start-dev --http-port "$KC_PORT" --http-host 127.0.0.1 ) > "$1" 2>&1 < /dev/null &
  KC_PID=$!   # kc.sh execs java: this is the JVM
  until curl -sf -o /dev/null "$KC/realms/master/.well-known/openid-configuration"; do
    kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak did not start, see $1" >&2; exit 1; }
    sleep 0.1
  done
  START_S=$(echo "$(date +%s.%N) - $t0" | bc)
}

admin() { curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$ADMIN_PASSWORD" \
  "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token; }
grant() { # $1: user number, $2: scope (optional); prints the token response
  curl -sf -d grant_type=password -d "client_id=$CLIENT" -d "client_secret=$SECRET" -d "username=user$1" \
    -d "password=Bench-pass-$1" ${2:+-d "scope=$2"} "$TOKEN_URL"; }
rotation() { # $1: true|false, the realm's revokeRefreshToken
  curl -sf -X PUT -H "Authorization: Bearer $(admin)" -H 'Content-Type: application/json' \
    -d "{\"revokeRefreshToken\": $1, \"refreshTokenMaxReuse\": 0}" "$KC/admin/realms/bench"; }
refresh_tokens() { : > "$OUT/kc-refresh-tokens.txt"; for i in $(seq 1 16); do grant "$i" | jq -r .refresh_token >> "$OUT/kc-refresh-tokens.txt"; done; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }

echo "== Keycloak $KC_VERSION"
if [ ! -d "$DIR" ]; then
  mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$OUT"
  unzip -q -o "$OUT/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$OUT"
  rm -f "$OUT/keycloak-quarkus-dist-$KC_VERSION.zip"
fi
rm -rf "$DIR/data"
start_kc "$OUT/kc-first.log"
python3 - "$KC_USERS" "$CLIENT" "$SECRET" > "$OUT/kc-realm.json" <<'PY'
import json, sys
n, client, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
print(json.dumps({"realm": "bench", "enabled": True,
  "clients": [{"clientId": client, "enabled": True, "publicClient": False, "secret": secret,
               "clientAuthenticatorType": "client-secret", "directAccessGrantsEnabled": True, "standardFlowEnabled": False}],
  "users": [{"username": f"user{i}", "enabled": True, "email": f"user{i}@bench.example", "emailVerified": True,
             "firstName": "Bench", "lastName": f"User{i}",
             "credentials": [{"type": "password", "value": f"Bench-pass-{i}", "temporary": False}]} for i in range(1, n + 1)]}))
PY
curl -sf -o /dev/null -m 600 -H "Authorization: Bearer $(admin)" -H 'Content-Type: application/json' \
  --data-binary @"$OUT/kc-realm.json" "$KC/admin/realms"
grant 1 > /dev/null
stop_kc
STARTS=()
for run in 1 2; do
  start_kc "$OUT/kc-warm-$run.log"
  STARTS+=("$START_S")
  [ "$run" = 2 ] || stop_kc
done
START=$(printf '%s\n' "${STARTS[@]}" | sort -n | head -1)

D="$KC/realms/bench/.well-known/openid-configuration"
wrk $WRK_REQUESTS -d"$WARMUP" "$D" > /dev/null
wrk $WRK_REQUESTS -d"$DURATION" --latency "$D" > "$OUT/kc-static.txt"

BEARER=$(grant 1 openid | jq -r .access_token)
U="$KC/realms/bench/protocol/openid-connect/userinfo"
wrk $WRK_REQUESTS -d"$WARMUP" -H "Authorization: Bearer $BEARER" "$U" > /dev/null
wrk $WRK_REQUESTS -d"$DURATION" --latency -H "Authorization: Bearer $BEARER" "$U" > "$OUT/kc-userinfo.txt"

export BENCH_KC_CLIENT="$CLIENT:$SECRET" BENCH_REFRESH_FILE="$OUT/kc-refresh-tokens.txt"
for mode in reuse rotate; do
  rotation "$([ "$mode" = rotate ] && echo true || echo false)"
  refresh_tokens
  wrk $WRK_REFRESH -d"$WARMUP" -s bench/wrk/refresh.lua "$TOKEN_URL" > /dev/null
  refresh_tokens
  wrk $WRK_REFRESH -d"$DURATION" --latency -s bench/wrk/refresh.lua "$TOKEN_URL" > "$OUT/kc-refresh-$mode.txt"
done

BENCH_USERS=$KC_USERS wrk $WRK_LOGIN -d"$LOGIN_WARMUP" -s bench/wrk/kc-login.lua "$TOKEN_URL" > /dev/null
BENCH_USERS=$KC_USERS wrk $WRK_LOGIN -d"$DURATION" --latency -s bench/wrk/kc-login.lua "$TOKEN_URL" > "$OUT/kc-login.txt"
RSS=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$KC_PID/status")
stop_kc

cat > "$OUT/keycloak.env" <<ENV
KC_VERSION=$KC_VERSION
KC_STATIC=$(rps "$OUT/kc-static.txt")
KC_USERINFO=$(rps "$OUT/kc-userinfo.txt")
KC_REFRESH_REUSE=$(rps "$OUT/kc-refresh-reuse.txt")
KC_REFRESH_ROTATE=$(rps "$OUT/kc-refresh-rotate.txt")
KC_LOGIN=$(rps "$OUT/kc-login.txt")
KC_RSS_MB=$RSS
KC_START_S=$START
KC_ERRORS="$(awk '/Non-2xx|Socket errors|rotation failures: [1-9]/ {printf "%s: %s; ", FILENAME, $0}' "$OUT"/kc-*.txt)"
ENV
cat "$OUT/keycloak.env"
