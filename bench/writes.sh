#!/usr/bin/env bash
# Write throughput with and without a commit before every acknowledgement (docs/PERFORMANCE.md, durability):
#
#     bench/writes.sh
#
# Runs the service (`mvn liberty:run`, shipped jvm.options, argon2id m=7168 t=5) twice against a MongoDB
# wire-protocol server in its own process: once with mongo-java-server's own H2 backend (commit about once a
# second: the embedded default before) and once with the durable one (the embedded default now), and drives
# wrk against registrations (POST /user, new address each time) and refresh rotations (16 families).
# Environment: DURATION (15s), MONGO_PORT (27219).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
MONGO_PORT=${MONGO_PORT:-27219}
BASE=http://localhost:9080
OUT=target/bench-writes
rm -rf "$OUT"; mkdir -p "$OUT"
command -v wrk >/dev/null || { s=""; [ "$(id -u)" = 0 ] || s=sudo; $s apt-get update -q && $s apt-get install -y -q wrk; }
mvn -q -B -Pbench -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt"
CP="$(cat "$OUT/classpath.txt"):target/classes:target/test-classes"
cleanup() {
  [ -n "${MVN_PID:-}" ] && kill -TERM "$MVN_PID" 2>/dev/null && wait "$MVN_PID" 2>/dev/null || true
  [ -n "${MONGO_PID:-}" ] && kill "$MONGO_PID" 2>/dev/null || true
}
trap cleanup EXIT
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" MONGODB_DATABASE=writesDB
export ARGON2_MEMORY=7168 ARGON2_ITERATIONS=5 ARGON2_PARALLELISM=1
export LOGIN_FAILURES_PER_ADDRESS=1000000 REGISTRATION_PER_ADDRESS=1000000
login() { curl -s -X POST "$BASE/user/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['data']['$1'])"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }

for mode in serve-background serve; do
  java -Xmx1g -cp "$CP" io.accounts.bench.Tools "$mode" "$MONGO_PORT" "$OUT/$mode-data$([ "$mode" = serve ] || echo .mv)" \
      > "$OUT/$mode-mongo.log" 2>&1 &
  MONGO_PID=$!
  mvn -q -B liberty:run > "$OUT/$mode-liberty.log" 2>&1 &
  MVN_PID=$!
  for _ in $(seq 1 900); do curl -sf "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  java -cp "$CP" io.accounts.bench.Tools seed "$MONGODB_URI" writesDB 40 7168 5 > /dev/null
  : > "$OUT/tokens.txt"
  for i in $(seq 1 32); do login "bench-$i@bench.example" "bench password 1234" | field refresh_token >> "$OUT/tokens.txt"; done
  head -16 "$OUT/tokens.txt" > "$OUT/warm.txt"; tail -16 "$OUT/tokens.txt" > "$OUT/measure.txt"
  BENCH_REFRESH_FILE="$OUT/warm.txt" wrk -t16 -c16 -d5s -s bench/wrk/refresh.lua "$BASE" > /dev/null
  BENCH_REFRESH_FILE="$OUT/measure.txt" wrk -t16 -c16 -d"$DURATION" -s bench/wrk/refresh.lua "$BASE" > "$OUT/$mode-refresh.txt"
  wrk -t2 -c4 -d5s -s bench/wrk/register.lua "$BASE" > /dev/null
  wrk -t2 -c4 -d"$DURATION" -s bench/wrk/register.lua "$BASE" > "$OUT/$mode-register.txt"
  echo "$mode: rotations/s $(rps "$OUT/$mode-refresh.txt") ($(grep -h 'rotation failures' "$OUT/$mode-refresh.txt")), registrations/s $(rps "$OUT/$mode-register.txt") $(grep -h 'Non-2xx' "$OUT/$mode-register.txt" || true)"
  kill -TERM "$MVN_PID"; wait "$MVN_PID" 2>/dev/null || true; MVN_PID=""
  kill "$MONGO_PID"; wait "$MONGO_PID" 2>/dev/null || true; MONGO_PID=""
  while curl -s -o /dev/null "$BASE/health/live"; do sleep 0.2; done
done
