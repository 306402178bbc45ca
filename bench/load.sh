#!/usr/bin/env bash
# The performance figures of docs/PERFORMANCE.md, in one run on one server:
#
#     bench/load.sh
#
# Starts a MongoDB wire-protocol server in its own process (as a real MongoDB would be; the embedded default
# keeps the database in the service's 96 MB heap, too small for a million users), then the service with
# `mvn liberty:run` (shipped jvm.options, MONGODB_URI, argon2id m=7168 KiB t=5 p=1 as Keycloak's default),
# measures warm starts, runs the argon2 JMH benchmark for the hashing bound, seeds users directly, drives wrk
# (installed from Debian when absent) on loopback after a warm-up of each scenario, prints each figure and
# appends them with the date, the machine and this command to docs/PERFORMANCE.md. Then, with our server stopped,
# bench/keycloak.sh measures Keycloak with the same wrk settings (bench/settings.sh) and the report puts each of
# our figures beside Keycloak's.
# Environment: USERS_LARGE (1000000), MONGO_PORT (27219), COLD_TOKENS (20000), KEYCLOAK (1; 0 skips it), and
# bench/settings.sh's (DURATION, WARMUP, ...). Another JDK: JAVA_HOME=<jdk> PATH=<jdk>/bin:$PATH bench/load.sh (Maven,
# the server and the tools all run on it); JVM_ARGS adds options to the server's JVM (e.g. -XX:+UseCompactObjectHeaders).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/settings.sh
COLD_TOKENS=${COLD_TOKENS:-20000}
KEYCLOAK=${KEYCLOAK:-1}
USERS_SMALL=1000
USERS_LARGE=${USERS_LARGE:-1000000}
. bench/service.sh

echo "== warm starts (server start to /health/ready UP)"
STARTS=()
for run in 1 2 3; do
  t0=$(date +%s.%N)
  target/liberty/wlp/bin/server start defaultServer > /dev/null
  wait_ready
  t1=$(date +%s.%N)
  STARTS+=("$(echo "$t1 - $t0" | bc)")
  [ "$run" = 3 ] || { target/liberty/wlp/bin/server stop defaultServer > /dev/null; }
done
WARM=$(printf '%s\n' "${STARTS[@]}" | sort -n | head -1)
PID=$(service_pid)

echo "== argon2id m=7168 t=5 p=1, one hash (JMH)"
java -cp "$CP" org.openjdk.jmh.Main Argon2Benchmark -p parameters=7168:5 -f 1 -wi 2 -i 3 -w 2s -r 2s \
    -rf text -rff "$OUT/argon2.txt" > "$OUT/argon2.log" 2>&1
HASH_MS=$(awk '/Argon2Benchmark.verify/ {print $(NF-3)}' "$OUT/argon2.txt" | tr -d ',')

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
count() { awk '/requests in/ {print $1}' "$1"; }

paging() { # $1: label; prints first and deep page p99 (ms)
  local admin cursor
  admin=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD" | field token)
  cursor=$(tools cursor "$MONGODB_URI" benchDB 25)
  wrk -t1 -c4 -d5s --timeout 60s -H "Authorization: Bearer $admin" "$BASE/user?limit=20&after=$cursor" > /dev/null
  wrk -t1 -c4 -d"$DURATION" --timeout 60s --latency -H "Authorization: Bearer $admin" "$BASE/user?limit=20" \
      > "$OUT/page-first-$1.txt"
  wrk -t1 -c4 -d"$DURATION" --timeout 60s --latency -H "Authorization: Bearer $admin" "$BASE/user?limit=20&after=$cursor" \
      > "$OUT/page-deep-$1.txt"
}

echo "== seeding $USERS_SMALL users; logins"
tools seed "$MONGODB_URI" benchDB "$USERS_SMALL" 7168 5
BENCH_USERS=$USERS_SMALL wrk $WRK_LOGIN -d"$LOGIN_WARMUP" -s bench/wrk/login.lua "$BASE" > /dev/null   # warm-up
BENCH_USERS=$USERS_SMALL wrk $WRK_LOGIN -d"$DURATION" --latency -s bench/wrk/login.lua "$BASE" > "$OUT/login-small.txt"
paging small

echo "== authorizer overhead"
TOKEN=$(login bench-0@bench.example "bench password 1234" | field token)
ID=$(echo "$TOKEN" | sub)
wrk $WRK_REQUESTS -d"$WARMUP" "$BASE/.well-known/openid-configuration" > /dev/null   # warm-up
wrk $WRK_REQUESTS -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$BASE/user/$ID" > /dev/null
wrk $WRK_REQUESTS -d"$DURATION" --latency "$BASE/.well-known/openid-configuration" > "$OUT/open.txt"
wrk $WRK_REQUESTS -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$BASE/user/$ID" > "$OUT/auth.txt"

echo "== cold tokens: $COLD_TOKENS distinct access tokens this server has not verified (4x its verified-token cache)"
tools tokens "$BASE" 2000 "$OUT/cold-warm-tokens.txt"
tools tokens "$BASE" "$COLD_TOKENS" "$OUT/cold-tokens.txt"
THREADS_=$(echo "$WRK_REQUESTS" | sed 's/.*-t\([0-9]*\).*/\1/')
BENCH_THREADS=$THREADS_ BENCH_TOKENS_FILE="$OUT/cold-warm-tokens.txt" wrk $WRK_REQUESTS -d"$WARMUP" -s bench/wrk/cold.lua "$BASE" > /dev/null
BENCH_THREADS=$THREADS_ BENCH_TOKENS_FILE="$OUT/cold-tokens.txt" wrk $WRK_REQUESTS -d"$DURATION" --latency -s bench/wrk/cold.lua "$BASE" > "$OUT/cold.txt"

echo "== refresh-token rotation, one family per connection"
: > "$OUT/refresh-tokens.txt"
for i in $(seq 1 32); do login "bench-$i@bench.example" "bench password 1234" | field refresh_token >> "$OUT/refresh-tokens.txt"; done
head -16 "$OUT/refresh-tokens.txt" > "$OUT/warm-tokens.txt"; tail -16 "$OUT/refresh-tokens.txt" > "$OUT/measure-tokens.txt"
BENCH_REFRESH_FILE="$OUT/warm-tokens.txt" wrk $WRK_REFRESH -d"$WARMUP" -s bench/wrk/refresh.lua "$BASE" > /dev/null   # warm-up
BENCH_REFRESH_FILE="$OUT/measure-tokens.txt" wrk $WRK_REFRESH -d"$DURATION" --latency -s bench/wrk/refresh.lua "$BASE" > "$OUT/refresh.txt"

echo "== seeding up to $USERS_LARGE users; logins and paging again"
tools seed "$MONGODB_URI" benchDB "$USERS_LARGE" 7168 5
BENCH_USERS=$USERS_LARGE wrk $WRK_LOGIN -d"$DURATION" --latency -s bench/wrk/login.lua "$BASE" > "$OUT/login-large.txt"
paging large
RSS_MB=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")

LOGIN_RPS=$(rps "$OUT/login-small.txt")
BOUND=$(echo "scale=2; $CORES * 1000 / $HASH_MS" | bc)
OPEN=$(rps "$OUT/open.txt"); AUTH=$(rps "$OUT/auth.txt"); REFRESH=$(rps "$OUT/refresh.txt"); COLD=$(rps "$OUT/cold.txt")
ratio() { echo "scale=3; $1 / $2" | bc; }
PROVIDER=$(cat target/liberty/wlp/usr/servers/defaultServer/logs/console.log target/liberty/wlp/usr/servers/defaultServer/logs/messages*.log | grep -o 'tokens are signed and verified with [^(]*' | tail -1 || true)

cleanup   # our server and database stop before Keycloak starts: each has the machine to itself
KC_ROWS="(Keycloak not measured: KEYCLOAK=0)"
if [ "$KEYCLOAK" = 1 ]; then
  bench/keycloak.sh "$OUT/keycloak"
  . "$OUT/keycloak/keycloak.env"
  KC_ROWS=$(cat <<ROWS
Side by side with Keycloak $KC_VERSION (\`bench/keycloak.sh\`, \`kc.sh start-dev\`, embedded H2, its default heap; same machine, same wrk settings, measured right after ours):

| figure | ours | Keycloak | ours / Keycloak | goal |
|---|---|---|---|---|
| authenticated \`GET /user/{id}\` vs \`GET userinfo\` (req/s) | $AUTH | $KC_USERINFO | $(ratio "$AUTH" "$KC_USERINFO") | >= 1.5 |
| refresh rotations vs refresh grant as shipped (tokens reusable) (req/s) | $REFRESH | $KC_REFRESH_REUSE | $(ratio "$REFRESH" "$KC_REFRESH_REUSE") | >= 3 |
| refresh rotations vs refresh grant with rotation (revokeRefreshToken on) (req/s) | $REFRESH | $KC_REFRESH_ROTATE | $(ratio "$REFRESH" "$KC_REFRESH_ROTATE") | |
| logins vs password grant (argon2id m=7 MiB t=5 both) (req/s) | $LOGIN_RPS | $KC_LOGIN | $(ratio "$LOGIN_RPS" "$KC_LOGIN") | >= 2.5 |
| static discovery document (req/s) | $OPEN | $KC_STATIC | $(ratio "$OPEN" "$KC_STATIC") | >= 1.5 |
| RSS after the load (MB) | $RSS_MB | $KC_RSS_MB | $(ratio "$RSS_MB" "$KC_RSS_MB") | <= 0.4 |
| warm start to ready (s) | $WARM | $KC_START_S | $(ratio "$WARM" "$KC_START_S") | |

Keycloak wrk errors: ${KC_ERRORS:-none}
ROWS
)
fi
REPORT=$(cat <<REPORT

### Load run, $(date -u '+%Y-%m-%d %H:%M UTC')
- command: \`bench/load.sh\` (DURATION=$DURATION, USERS_LARGE=$USERS_LARGE, COLD_TOKENS=$COLD_TOKENS); wrk on loopback on the same machine ($(tr '\n' ' ' < bench/settings.sh | grep -o 'WRK_[A-Z]*="[^"]*"' | tr '\n' ' '))
- machine: $CORES cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)
- server: \`mvn liberty:run\` then \`server start\` on ${JAVA_HOME:-the java on PATH}, shipped jvm.options ($(grep -E '^-Xmx|^-Xmn|^-XX:TieredStopAtLevel' server-config/jvm.options | tr '\n' ' '))${JVM_ARGS:+ and JVM_ARGS=$JVM_ARGS}, MONGODB_URI = mongo-java-server (H2) in its own process on the same machine, argon2id m=7168 t=5 p=1; ${PROVIDER:-provider not logged}

| # | figure | measured | goal |
|---|---|---|---|
| 1 | authenticated \`GET /user/{id}\` / unauthenticated \`GET /.well-known/openid-configuration\` | $AUTH / $OPEN = $(ratio "$AUTH" "$OPEN") | >= 0.9 |
| 1c | cold tokens ($COLD_TOKENS distinct, each new to the server) / static | $COLD / $OPEN = $(ratio "$COLD" "$OPEN") $(grep -h 'cold-token failures' "$OUT/cold.txt") | >= 0.6 |
| 2 | refresh-token rotations/s per core (16 families) | $REFRESH / $CORES = $(ratio "$REFRESH" "$CORES") $(grep -h 'rotation failures' "$OUT/refresh.txt") | >= 2,400 |
| 3 | logins/s / argon2 bound ($CORES cores / $HASH_MS ms) | $LOGIN_RPS / $BOUND = $(ratio "$LOGIN_RPS" "$BOUND") | >= 0.9 |
| 4 | server RSS at the end | $RSS_MB MB | <= 300 MB |
| 5a | login p99, $USERS_LARGE users / $USERS_SMALL users | $(p99 "$OUT/login-large.txt") / $(p99 "$OUT/login-small.txt") ms = $(ratio "$(p99 "$OUT/login-large.txt")" "$(p99 "$OUT/login-small.txt")") | <= 1.2 |
| 5b | \`GET /user\` p99, deep page / first page ($USERS_LARGE users) | $(p99 "$OUT/page-deep-large.txt") / $(p99 "$OUT/page-first-large.txt") ms = $(ratio "$(p99 "$OUT/page-deep-large.txt")" "$(p99 "$OUT/page-first-large.txt")") | <= 1.2 |
| 6 | warm start to ready (best of ${STARTS[*]} s) | $WARM s | <= 5 s |

Paging detail (requests answered in $DURATION; p99 ms): $USERS_SMALL users first $(count "$OUT/page-first-small.txt") / $(p99 "$OUT/page-first-small.txt"), deep $(count "$OUT/page-deep-small.txt") / $(p99 "$OUT/page-deep-small.txt"); $USERS_LARGE users first $(count "$OUT/page-first-large.txt") / $(p99 "$OUT/page-first-large.txt"), deep $(count "$OUT/page-deep-large.txt") / $(p99 "$OUT/page-deep-large.txt"). Logins answered: $(count "$OUT/login-small.txt") at $USERS_SMALL users, $(count "$OUT/login-large.txt") at $USERS_LARGE.

wrk errors: open $(errors "$OUT/open.txt") auth $(errors "$OUT/auth.txt") cold $(errors "$OUT/cold.txt") refresh $(errors "$OUT/refresh.txt") login $(errors "$OUT/login-small.txt") $(errors "$OUT/login-large.txt") paging $(errors "$OUT/page-first-large.txt") $(errors "$OUT/page-deep-large.txt")

$KC_ROWS
REPORT
)
echo "$REPORT"
echo "$REPORT" >> docs/PERFORMANCE.md
