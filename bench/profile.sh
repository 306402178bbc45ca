#!/usr/bin/env bash
# Where the server's CPU goes under the scenarios of bench/load.sh, sampled by async-profiler
# (tools.profiler:async-profiler from Maven Central, loaded into the running server through the attach API;
# itimer sampling, so no perf_events permission is needed):
#
#     bench/profile.sh [static|auth|refresh|login]...      (default: static auth refresh login)
#
# Starts the service as bench/load.sh does (bench/service.sh, shipped jvm.options), seeds 1,000 users, and for each
# scenario runs a warm-up, then DURATION of the same wrk load with the profiler on. Writes the folded stacks to
# target/bench/profile-<scenario>.collapsed (one line per stack and thread: flame-graph input) and prints the
# share of the server's samples by layer (bench/layers.py) with the CPU time per request from /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/settings.sh
SCENARIOS=${*:-static auth refresh login}
ASPROF_VERSION=4.1
. bench/service.sh

mvn -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASPROF_VERSION" -DoutputDirectory="$OUT"
unzip -o -q -j "$OUT/async-profiler-$ASPROF_VERSION.jar" linux-x64/libasyncProfiler.so -d "$OUT"
LIB=$(realpath "$OUT/libasyncProfiler.so")

start_service
PID=$(service_pid)
tools seed "$MONGODB_URI" benchDB 1000 7168 5
TOKEN=$(login bench-0@bench.example "bench password 1234" | field token)
ID=$(echo "$TOKEN" | sub)
: > "$OUT/profile-refresh-tokens.txt"
for i in $(seq 1 32); do login "bench-$i@bench.example" "bench password 1234" | field refresh_token >> "$OUT/profile-refresh-tokens.txt"; done
head -16 "$OUT/profile-refresh-tokens.txt" > "$OUT/profile-warm-tokens.txt"; tail -16 "$OUT/profile-refresh-tokens.txt" > "$OUT/profile-measure-tokens.txt"

load() { # $1 scenario, $2 duration, $3 tokens file (refresh)
  case $1 in
    static) wrk $WRK_REQUESTS -d"$2" "$BASE/.well-known/openid-configuration" ;;
    auth) wrk $WRK_REQUESTS -d"$2" -H "Authorization: Bearer $TOKEN" "$BASE/user/$ID" ;;
    refresh) BENCH_REFRESH_FILE="$3" wrk $WRK_REFRESH -d"$2" -s bench/wrk/refresh.lua "$BASE" ;;
    login) BENCH_USERS=1000 wrk $WRK_LOGIN -d"$2" -s bench/wrk/login.lua "$BASE" ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for s in $SCENARIOS; do
  echo "== $s"
  warm=$WARMUP; [ "$s" = login ] && warm=$LOGIN_WARMUP
  load "$s" "$warm" "$OUT/profile-warm-tokens.txt" > /dev/null
  tools agent "$PID" "$LIB" "start,event=itimer,interval=1ms,threads" > /dev/null
  t0=$(ticks "$PID"); m0=$(ticks "$MONGO_PID")
  load "$s" "$DURATION" "$OUT/profile-measure-tokens.txt" > "$OUT/profile-$s.txt"
  t1=$(ticks "$PID"); m1=$(ticks "$MONGO_PID")
  tools agent "$PID" "$LIB" "stop,collapsed,file=$(realpath "$OUT")/profile-$s.collapsed" > /dev/null
  n=$(awk '/requests in/ {print $1}' "$OUT/profile-$s.txt")
  hz=$(getconf CLK_TCK)
  echo "$(awk '/Requests\/sec/ {print $2}' "$OUT/profile-$s.txt") req/s; CPU per request: server" \
       "$(echo "scale=3; ($t1 - $t0) * 1000 / $hz / $n" | bc) ms, database process" \
       "$(echo "scale=3; ($m1 - $m0) * 1000 / $hz / $n" | bc) ms (profiler on)"
  python3 bench/layers.py "$OUT/profile-$s.collapsed"
done
