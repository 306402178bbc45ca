# The service under load, as bench/load.sh and bench/profile.sh run it (sourced, not run): builds the WAR and the
# bench tools, starts the MongoDB wire-protocol server in its own process, runs `mvn liberty:run` once to install
# the server, and leaves it stopped; `start_service` starts it with the shipped jvm.options. Stops both on exit.
# Environment: MONGO_PORT (27219).
MONGO_PORT=${MONGO_PORT:-27219}
BASE=http://localhost:9080
CORES=$(nproc)
OUT=target/bench
mkdir -p "$OUT"
rm -rf "$OUT"/mongo "$OUT"/mongo.mv

command -v wrk >/dev/null || { sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo; $sudo_ apt-get update -q && $sudo_ apt-get install -y -q wrk; }

echo "== building the service and the bench tools"
mvn -q -B -Pbench -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt"
CP="$(cat "$OUT/classpath.txt"):target/classes:target/test-classes"
tools() { java -cp "$CP" io.accounts.bench.Tools "$@"; }

cleanup() {
  target/liberty/wlp/bin/server stop defaultServer >/dev/null 2>&1 || true
  [ -n "${MVN_PID:-}" ] && kill "$MVN_PID" 2>/dev/null || true
  [ -n "${MONGO_PID:-}" ] && kill "$MONGO_PID" 2>/dev/null || true
}
trap cleanup EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; then echo "port $MONGO_PORT is taken" >&2; exit 1; fi
java -Xmx2g -cp "$CP" io.accounts.bench.Tools serve "$MONGO_PORT" "$OUT/mongo" > "$OUT/mongo.log" 2>&1 &
MONGO_PID=$!
# a paging query scans the collection in mongo-java-server: allow it a minute instead of the shipped 5 s
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/?socketTimeoutMS=60000" MONGODB_DATABASE=benchDB
export ARGON2_MEMORY=7168 ARGON2_ITERATIONS=5 ARGON2_PARALLELISM=1
export ADMIN_EMAIL=admin@bench.example ADMIN_PASSWORD='bench admin password 42'
export LOGIN_FAILURES_PER_ADDRESS=1000000

ready() { curl -sf "$BASE/health/ready" >/dev/null 2>&1; }
wait_ready() { for _ in $(seq 1 600); do ready && return 0; sleep 0.1; done; echo "not ready" >&2; return 1; }

echo "== mvn liberty:run"
mvn -q -B liberty:run > "$OUT/liberty-run.log" 2>&1 &
MVN_PID=$!
wait_ready
kill -TERM "$MVN_PID"; wait "$MVN_PID" 2>/dev/null || true; MVN_PID=""
while curl -s -o /dev/null "$BASE/health/live"; do sleep 0.2; done

start_service() { target/liberty/wlp/bin/server start defaultServer > /dev/null; wait_ready; }
# the pid Liberty wrote for this server (another Liberty defaultServer may run on the machine)
service_pid() { cat target/liberty/wlp/usr/servers/.pid/defaultServer.pid; }
login() { curl -s -X POST "$BASE/user/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['data']['$1'])"; }
sub() { python3 -c "import base64,json,sys; p=sys.stdin.read().split('.')[1]; print(json.loads(base64.urlsafe_b64decode(p+'='*(-len(p)%4)))['sub'])"; }
