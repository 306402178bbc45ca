#!/usr/bin/env bash
# The embedded default under months of use, compressed (issue: "The embedded default lives for months"): the README's
# server (`mvn liberty:run`, shipped jvm.options and heap, no MONGODB_URI) on an empty data directory, then mixed
# traffic (refresh rotations, requests without a token, reads, logins, wrong passwords, registrations) for at least
# SOAK_MINUTES and SOAK_WRITES database writes, sampled every 10 s (bench/java/io/accounts/bench/Soak.java). Then the
# restart on the soaked file against one on an empty data directory, each timed from `server run` to ready.
#
#   bench/soak.sh            the service with its embedded store
#   bench/soak.sh cluster    scripts/cluster.sh start 2: the store in its own process, two nodes behind nginx
#   SOAK_RATE=400 bench/soak.sh   at a fixed offered rate (requests a second, open loop) instead of as fast as answered
#
# So that expiry reaches a steady state within the run, sessions live SOAK_SESSION_SECONDS (600) and events
# SOAK_EVENT_DAYS (0.007, ~10 min) instead of a day and 30 days; the per-address registration and failed-login
# throttles are lifted (one load generator is one address). Results: target/bench/soak-<mode>/ (soak.csv, soak.png,
# summary.md, restart.txt). Not part of mvn verify; takes SOAK_MINUTES + ~3 min.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-single}
MINUTES=${SOAK_MINUTES:-30}
WRITES=${SOAK_WRITES:-1000000}
OUT=target/bench/soak-$MODE
WLP=target/liberty/wlp
mkdir -p "$OUT"

export SESSION_LIFETIME=${SOAK_SESSION_SECONDS:-600} EVENTS_RETENTION_DAYS=${SOAK_EVENT_DAYS:-0.007}
export REGISTRATION_PER_ADDRESS=1000000 LOGIN_FAILURES_PER_ADDRESS=1000000 LOGIN_FAILURES_PER_ACCOUNT_ADDRESS=1000000
export ADMIN_EMAIL=admin@soak.example ADMIN_PASSWORD='soak admin password 42'

echo "== building the service and the bench tools"
mvn -q -B -Pbench -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt"
CP="$(cat "$OUT/classpath.txt"):target/classes:target/test-classes"

ready() { curl -sf "$1/health/ready" >/dev/null 2>&1; }
wait_ready() { for _ in $(seq 1 1800); do ready "$1" && return 0; sleep 0.1; done; echo "not ready" >&2; return 1; }

# seconds from `server run` to a ready service, on the data directory as it is
timed_start() { # server
  local t0 t1
  t0=$(date +%s.%N)
  "$WLP/bin/server" run "$1" > "$OUT/run-$1.log" 2>&1 &
  local pid=$!
  wait_ready http://localhost:9080
  t1=$(date +%s.%N)
  "$WLP/bin/server" stop "$1" > /dev/null 2>&1 || true
  wait "$pid" 2>/dev/null || true
  python3 -c "print('%.1f' % ($t1 - $t0))"
}

if [ "$MODE" = single ]; then
  DATA=$WLP/usr/servers/defaultServer/data
  cleanup() { "$WLP/bin/server" stop defaultServer >/dev/null 2>&1 || true; [ -n "${MVN_PID:-}" ] && kill "$MVN_PID" 2>/dev/null || true; }
  trap cleanup EXIT
  rm -rf "$DATA"
  echo "== mvn liberty:run (the README's server) on an empty data directory"
  mvn -q -B liberty:run > "$OUT/liberty-run.log" 2>&1 &
  MVN_PID=$!
  wait_ready http://localhost:9080
  PID=$(pgrep -f 'ws-server.jar defaultServer' | head -1)
  URI=$(grep -ho 'listening at mongodb://127.0.0.1:[0-9]*' "$WLP/usr/servers/defaultServer/logs/messages.log" | tail -1 | sed 's/listening at //')
  echo "== soak: service pid $PID, embedded store $URI, file $DATA/mongo.mv"
  java -Dsoak.rate="${SOAK_RATE:-0}" -cp "$CP" io.accounts.bench.Soak http://localhost:9080 "$URI" "$DATA/mongo.mv" "$MINUTES" "$WRITES" "$OUT" "$PID" \
    | tee "$OUT/soak.log"
  kill -TERM "$MVN_PID"; wait "$MVN_PID" 2>/dev/null || true; MVN_PID=""
  while curl -s -o /dev/null http://localhost:9080/health/live; do sleep 0.2; done
  ls -l "$DATA/mongo.mv" | tee "$OUT/restart.txt"
  for i in 1 2 3; do echo "restart on the soaked file: $(timed_start defaultServer) s" | tee -a "$OUT/restart.txt"; done
  mv "$DATA" "$DATA.soaked"
  for i in 1 2 3; do echo "start on an empty data directory: $(timed_start defaultServer) s" | tee -a "$OUT/restart.txt"; rm -rf "$DATA"; done
  rm -rf "$DATA"; mv "$DATA.soaked" "$DATA"
else
  CLUSTER=target/cluster
  props=$(mktemp)
  printf 'session.lifetime=%s\nevents.retention-days=%s\nregistration.per-address=1000000\nlogin.failures-per-address=1000000\nlogin.failures-per-account-address=1000000\nadmin.email=%s\nadmin.password=%s\n' \
    "$SESSION_LIFETIME" "$EVENTS_RETENTION_DAYS" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" > "$props"
  trap 'scripts/cluster.sh stop >/dev/null 2>&1 || true; rm -f "$props"' EXIT
  scripts/cluster.sh stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER/db"
  CLUSTER_PROPERTIES=$props scripts/cluster.sh start 2
  DB_PID=$(awk '$1=="db"{print $2}' "$CLUSTER/pids")
  NODES=$(awk '$1 ~ /^node/{print $2}' "$CLUSTER/pids" | paste -sd,)
  echo "== soak: nodes $NODES behind nginx, database process $DB_PID"
  java -Dsoak.rate="${SOAK_RATE:-0}" -cp "$CP" io.accounts.bench.Soak http://localhost:9080 mongodb://127.0.0.1:27018 "$CLUSTER/db/mongo.mv" \
    "$MINUTES" "$WRITES" "$OUT" "$NODES" "$DB_PID" | tee "$OUT/soak.log"
  # the database process alone: its start on the soaked file against one on an empty directory
  kill "$DB_PID"; while kill -0 "$DB_PID" 2>/dev/null; do sleep 0.1; done
  db_start() { # dir
    local t0 t1 pid
    t0=$(date +%s.%N)
    java -Xmx256m -cp "target/user-account-service/WEB-INF/classes:target/user-account-service/WEB-INF/lib/*" \
      io.accounts.platform.store.EmbeddedMongo 27019 "$1" > "$OUT/db-start.log" 2>&1 &
    pid=$!
    until (exec 3<>/dev/tcp/127.0.0.1/27019) 2>/dev/null; do sleep 0.02; done
    t1=$(date +%s.%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    python3 -c "print('%.2f' % ($t1 - $t0))"
  }
  ls -l "$CLUSTER/db/mongo.mv" | tee "$OUT/restart.txt"
  for i in 1 2 3; do echo "database restart on the soaked file: $(db_start "$CLUSTER/db") s" | tee -a "$OUT/restart.txt"; done
  for i in 1 2 3; do empty=$(mktemp -d); echo "database start on an empty directory: $(db_start "$empty") s" | tee -a "$OUT/restart.txt"; rm -rf "$empty"; done
fi
echo "== results in $OUT"
