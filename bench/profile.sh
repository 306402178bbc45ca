#!/usr/bin/env bash
# Where the server's CPU goes under the scenarios of bench/load.sh, sampled by async-profiler
# (tools.profiler:async-profiler from Maven Central, loaded into the running server through the attach API;
# itimer sampling, so no perf_events permission is needed):
#
#     bench/profile.sh [static|auth|cold|refresh|login|start]...      (default: all of them)
#
# Starts the service as bench/load.sh does (bench/service.sh, shipped jvm.options), seeds 1,000 users, and for each
# scenario runs a warm-up, then DURATION of the same wrk load with the profiler on. Writes the folded stacks to
# target/bench/profile-<scenario>.collapsed, and the database process's to profile-<scenario>-database.collapsed
# (one line per stack and thread: flame-graph input), and prints the share of each process's samples by layer
# (bench/layers.py) with the CPU time per request from /proc. `start` restarts the service with the profiler
# loaded from the JVM's first instruction and profiles until /health/ready answers UP (profile-start.collapsed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/settings.sh
SCENARIOS=${*:-static auth cold refresh login start}
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

load() { # $1 scenario, $2 duration, $3 refresh tokens file (refresh), $4 access tokens file (cold)
  case $1 in
    static) wrk $WRK_REQUESTS -d"$2" "$BASE/.well-known/openid-configuration" ;;
    auth) wrk $WRK_REQUESTS -d"$2" -H "Authorization: Bearer $TOKEN" "$BASE/user/$ID" ;;
    cold) BENCH_THREADS=$(echo "$WRK_REQUESTS" | sed 's/.*-t\([0-9]*\).*/\1/') BENCH_TOKENS_FILE="$4" \
            wrk $WRK_REQUESTS -d"$2" -s bench/wrk/cold.lua "$BASE" ;;
    refresh) BENCH_REFRESH_FILE="$3" wrk $WRK_REFRESH -d"$2" -s bench/wrk/refresh.lua "$BASE" ;;
    login) BENCH_USERS=1000 wrk $WRK_LOGIN -d"$2" -s bench/wrk/login.lua "$BASE" ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

profile_start() {
  target/liberty/wlp/bin/server stop defaultServer > /dev/null
  # in the server's own jvm.options: JVM_ARGS would load the profiler into the server script's status JVM too
  local options=target/liberty/wlp/usr/servers/defaultServer/jvm.options
  cp "$options" "$OUT/jvm.options.shipped"
  echo "-agentpath:$LIB=start,event=itimer,interval=1ms,threads" >> "$options"
  t0=$(date +%s.%N)
  start_service
  t1=$(date +%s.%N)
  cp "$OUT/jvm.options.shipped" "$options"
  PID=$(service_pid)
  tools agent "$PID" "$LIB" "stop,collapsed,file=$(realpath "$OUT")/profile-start.collapsed" > /dev/null
  echo "start to ready: $(echo "$t1 - $t0" | bc) s (profiler on), server CPU $(echo "scale=2; $(ticks "$PID") / $(getconf CLK_TCK)" | bc) s"
  python3 bench/layers.py "$OUT/profile-start.collapsed"
}

for s in $SCENARIOS; do
  echo "== $s"
  [ "$s" = start ] && { profile_start; continue; }
  warm=$WARMUP; [ "$s" = login ] && warm=$LOGIN_WARMUP
  if [ "$s" = cold ]; then   # as bench/load.sh: 20,000 tokens, four times the verified-token cache
    tools tokens "$BASE" 2000 "$OUT/profile-cold-warm-tokens.txt"; tools tokens "$BASE" 20000 "$OUT/profile-cold-tokens.txt"
  fi
  load "$s" "$warm" "$OUT/profile-warm-tokens.txt" "$OUT/profile-cold-warm-tokens.txt" > /dev/null
  for p in "$PID" "$MONGO_PID"; do tools agent "$p" "$LIB" "start,event=itimer,interval=1ms,threads" > /dev/null; done
  t0=$(ticks "$PID"); m0=$(ticks "$MONGO_PID")
  load "$s" "$DURATION" "$OUT/profile-measure-tokens.txt" "$OUT/profile-cold-tokens.txt" > "$OUT/profile-$s.txt"
  t1=$(ticks "$PID"); m1=$(ticks "$MONGO_PID")
  tools agent "$PID" "$LIB" "stop,collapsed,file=$(realpath "$OUT")/profile-$s.collapsed" > /dev/null
  tools agent "$MONGO_PID" "$LIB" "stop,collapsed,file=$(realpath "$OUT")/profile-$s-database.collapsed" > /dev/null
  n=$(awk '/requests in/ {print $1}' "$OUT/profile-$s.txt")
  hz=$(getconf CLK_TCK)
  echo "$(awk '/Requests\/sec/ {print $2}' "$OUT/profile-$s.txt") req/s; CPU per request: server" \
       "$(echo "scale=3; ($t1 - $t0) * 1000 / $hz / $n" | bc) ms, database process" \
       "$(echo "scale=3; ($m1 - $m0) * 1000 / $hz / $n" | bc) ms (profiler on)"
  echo "  the service:"; python3 bench/layers.py "$OUT/profile-$s.collapsed"
  if [ $((m1 - m0)) -gt 50 ]; then   # the database process worked in this scenario (more than its heartbeats)
    echo "  the database process:"; python3 bench/layers.py "$OUT/profile-$s-database.collapsed"
  fi
done
