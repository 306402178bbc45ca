#!/usr/bin/env bash
# The performance figures of docs/PERFORMANCE.md beside Keycloak's, in one command:
#
#     bench/load.sh
#
# What runs (docs/PERFORMANCE.md, "How the figures are measured", says why each choice):
# - ours: the WAR on Open Liberty as `mvn liberty:run` installs it, started with `server run` (shipped jvm.options
#   and server.env), its database the embedded store's wire-protocol server in its own JVM (EmbeddedMongo, -Xmx256m,
#   as scripts/cluster.sh runs it) so that the service's and the database's CPU are measured apart; argon2id m=7168
#   t=5 p=1 (Keycloak's default); USERS users seeded directly and a signed-in session (refresh-token family) for
#   each; JWT_TTL=3600 so that tokens made during the warm-up live through the run;
# - Keycloak $KC_VERSION as a team runs it (bench/keycloak.sh: `kc.sh build`, then `start --optimized`, dev-file
#   database, -Xmx$KC_HEAP), refresh tokens rotated (revokeRefreshToken on), the same argon2id parameters;
# - both run side by side for the whole run; each is warmed until its JVMs' JIT compile time is flat (and at least
#   WARM_MIN seconds), then RUNS rounds interleave the products figure by figure: ours, then Keycloak's counterpart;
# - every figure is the median of RUNS runs with min and max; CPU milliseconds per operation from /proc for the
#   service, its database and the load generator (wrk, or the open-loop generator) separately; memory as the PSS of
#   every process each product needs, after each round; p50/p99/p99.9 at fixed offered loads from an open-loop
#   generator (bench/java/.../OpenLoop) at 0.5x (authenticated requests: RUNS rounds, interleaved), 1.5x and 2x of the
#   measured capacity, with the share of 429/503;
#   start to ready (`server run`, `kc.sh start --optimized`) RUNS times each, interleaved; the login ceiling from
#   JMH with -t $(nproc) under the server's JVM flags and server.env, after each round with logins (the login
#   efficiency's reference, paired by round) and once at the end.
# Prints the table and appends it, with the raw runs, to docs/PERFORMANCE.md (APPEND=0: print only).
# Environment: RUNS (5), DUR (15, seconds per measured run), WARM_MIN (60), USERS (100000), KEYCLOAK (1; 0: ours
# only, no ratios), FIGURES (all: "static auth cold refresh login"), OPEN_LOOP (1), STARTS (1), KC_HEAP (256m),
# KC_VERSION; MONGO_PORT (27219); DB_JAVA_OPTS (-Xmx256m: the database process's JVM options); JVM_EXTRA (options
# appended to the server's jvm.options, e.g. -XX:TieredStopAtLevel=1 for C1 only); NMT=1 (native memory summaries of both
# of our JVMs after the rounds, in target/bench/load/nmt-*.txt); LEGACY=1 seeds sessions of the refresh-token format before generations (to measure
# an earlier commit with the same command). Needs: mvn, wrk (installed from Debian when absent), curl, jq, ss, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
DUR=${DUR:-15}
WARM_MIN=${WARM_MIN:-60}
WARM_CHUNKS=8          # warm-up chunks at most; each refresh chunk and run rotates its own slice of the sessions
USERS=${USERS:-100000}
KEYCLOAK=${KEYCLOAK:-1}
FIGURES=${FIGURES:-"static auth cold refresh login"}
OPEN_LOOP=${OPEN_LOOP:-1}
STARTS=${STARTS:-1}
MONGO_PORT=${MONGO_PORT:-27219}
export DB_JAVA_OPTS=${DB_JAVA_OPTS:-"-Xmx256m"}   # the database process's JVM options (scripts/cluster.sh's)
export JVM_EXTRA=${JVM_EXTRA:-}                # lines appended to the server's jvm.options (the last of a flag wins)
APPEND=${APPEND:-1}
NMT=${NMT:-0}   # 1: both of our JVMs track native memory; its summaries are written after the rounds (not for figures)
if [ "$NMT" = 1 ]; then DB_JAVA_OPTS="$DB_JAVA_OPTS -XX:NativeMemoryTracking=summary"; JVM_EXTRA="$JVM_EXTRA -XX:NativeMemoryTracking=summary"; fi
BASE=http://localhost:9080
CORES=$(nproc)
OUT=target/bench/load
PY=$(command -v /usr/bin/python3 || command -v python3)
WRK_REQUESTS="-t2 -c32"     # static document, authenticated requests, cold tokens, userinfo
WRK_REFRESH="-t16 -c16"     # one session at a time per connection, each sending the token of its last answer
WRK_LOGIN="-t2 -c4"         # password logins: CPU-bound by the hash, more connections only queue
rm -rf "$OUT"; mkdir -p "$OUT"
RUNS_TSV=$OUT/runs.tsv
printf 'product\tfigure\tround\trps\tp50_ms\tp99_ms\tbad\trequests\tserver_ms_op\tdb_ms_op\tgen_ms_op\n' > "$RUNS_TSV"

command -v wrk >/dev/null || { s=""; [ "$(id -u)" = 0 ] || s=sudo; $s apt-get update -q && $s apt-get install -y -q wrk; }
for tool in jq curl ss; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

echo "== building the service and the bench tools"
mvn -q -B -Pbench -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/classpath.txt"
CP="$(cat "$OUT/classpath.txt"):target/classes:target/test-classes"
tools() { java -cp "$CP" io.accounts.bench.Tools "$@" 2>> "$OUT/tools.log"; }
. bench/keycloak.sh

SVC_PID="" DB_PID="" RUN_PID=""
cleanup() {
  [ -n "$SVC_PID" ] && kill -TERM "$SVC_PID" 2>/dev/null || true
  [ -n "$RUN_PID" ] && wait "$RUN_PID" 2>/dev/null || true
  [ -n "$DB_PID" ] && kill -TERM "$DB_PID" 2>/dev/null || true
  kc_stop
}
trap cleanup EXIT

# --- /proc readings -------------------------------------------------------------------------------------------
TCK=$(getconf CLK_TCK)
stat_ms() { sed 's/.*) //' "$1" | awk -v t="$TCK" '{printf "%d", ($12 + $13) * 1000 / t}'; }   # utime+stime, ms
cpu_ms() { # of a process (0 when none)
  if [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ]; then stat_ms "/proc/$1/stat"; else echo 0; fi
}
jit_ms() { # CPU of the JVM's JIT compiler threads, ms
  local total=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ CompilerThre*|C2\ CompilerThre*) total=$((total + $(stat_ms "$task/stat"))) ;;
    esac
  done
  echo "$total"
}
pss_mb() { local kb=0 p; for p in "$@"; do kb=$((kb + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup"))); done; echo $((kb / 1024)); }
listener() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# a command's own CPU (its children's rusage), ms, on stderr's last line; its output to $1
rusage() { local out=$1; shift; "$PY" -c '
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d" % ((u.ru_utime + u.ru_stime) * 1000))' "$out" "$@"; }

# --- ours -----------------------------------------------------------------------------------------------------
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" MONGODB_DATABASE=benchDB JWT_TTL=3600
export ARGON2_MEMORY=7168 ARGON2_ITERATIONS=5 ARGON2_PARALLELISM=1
export ADMIN_EMAIL=admin@bench.example ADMIN_PASSWORD='bench admin password 42'   # example values
export JWT_KEY_ENCRYPTION_KEY=bench-key-encryption-key-example                     # an example value, bench only
export LOGIN_FAILURES_PER_ADDRESS=1000000
ready() { curl -sf -o /dev/null "$BASE/health/ready"; }
start_ours() { # sets SVC_PID, START_S
  local t0; t0=$(date +%s.%N)
  target/liberty/wlp/bin/server run defaultServer > "$OUT/server-run.log" 2>&1 < /dev/null &
  RUN_PID=$!
  until ready; do kill -0 "$RUN_PID" 2>/dev/null || { echo "the server stopped: $OUT/server-run.log" >&2; exit 1; }; sleep 0.05; done
  START_S=$(echo "$(date +%s.%N) - $t0" | bc)
  SVC_PID=$(listener 9080)
}
stop_ours() { kill -TERM "$SVC_PID"; wait "$RUN_PID" 2>/dev/null || true; while kill -0 "$SVC_PID" 2>/dev/null; do sleep 0.1; done; SVC_PID=""; RUN_PID=""; }

start_db() { # the database process, as scripts/cluster.sh runs it; sets DB_PID
  if (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; then echo "port $MONGO_PORT is taken" >&2; exit 1; fi
  java $DB_JAVA_OPTS -cp "$CP" io.accounts.platform.store.EmbeddedMongo "$MONGO_PORT" "$OUT/db" >> "$OUT/db.log" 2>&1 &
  DB_PID=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; do sleep 0.02; done
}
stop_db() { kill -TERM "$DB_PID"; wait "$DB_PID" 2>/dev/null || true; DB_PID=""; }
start_ours_with_db() { # both processes from nothing to ready, on the run's data: sets START_S
  local t0; t0=$(date +%s.%N)
  start_db; start_ours
  START_S=$(echo "$(date +%s.%N) - $t0" | bc)
}
start_db

echo "== installing the server (mvn liberty:run, once), then server run"
mvn -q -B liberty:run > "$OUT/liberty-run.log" 2>&1 &
MVN_PID=$!
until ready; do sleep 0.2; done
kill -TERM "$MVN_PID"; wait "$MVN_PID" 2>/dev/null || true
while curl -s -o /dev/null "$BASE/health/live"; do sleep 0.2; done
for option in $JVM_EXTRA; do echo "$option" >> target/liberty/wlp/usr/servers/defaultServer/jvm.options; done
start_ours

echo "== $USERS users and a session for each"
tools seed "$MONGODB_URI" benchDB "$USERS" 7168 5
tools families "$MONGODB_URI" benchDB "$USERS" "$JWT_KEY_ENCRYPTION_KEY" "$OUT/sessions-0.txt" \
    "$([ "${LEGACY:-0}" = 1 ] && echo legacy || echo generations)"
login() { curl -s -X POST "$BASE/user/login" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}"; }
TOKEN=$(login bench-0@bench.example "bench password 1234" | jq -r .data.token)
ID=$(echo "$TOKEN" | "$PY" -c "import base64,json,sys; p=sys.stdin.read().split('.')[1]; print(json.loads(base64.urlsafe_b64decode(p+'='*(-len(p)%4)))['sub'])")
if [[ " $FIGURES " == *" cold "* ]]; then
  echo "== every session rotated once (the first warm-up; its access tokens are the cold tokens, one per user)"
  tools rotate-all "$BASE" "$OUT/sessions-0.txt" "$OUT/sessions.txt" "$OUT/cold-tokens.txt" 16
else
  cp "$OUT/sessions-0.txt" "$OUT/sessions.txt"
fi

if [ "$KEYCLOAK" = 1 ]; then
  echo "== Keycloak $KC_VERSION: install, build, realm"
  kc_install
  kc_start "$OUT/kc-first.log"
  kc_realm
  KC_BEARER=$(kc_bearer)
fi

# --- one measured run -------------------------------------------------------------------------------------------
# run PRODUCT FIGURE ROUND DURATION: drives the figure's load, records a row of runs.tsv (ROUND "warm": not recorded)
SLICES=$((RUNS + WARM_CHUNKS))
run() {
  local product=$1 figure=$2 round=$3 dur=$4 file=$OUT/$1-$2-$3.txt server db before_s before_d gen slice
  if [ "$product" = ours ]; then server=$SVC_PID db=$DB_PID; else server=$KC_PID db=""; fi
  if [ "$product/$figure" = keycloak/refresh ]; then kc_refresh_tokens "$OUT/kc-sessions.txt"; fi   # not measured
  before_s=$(cpu_ms "$server"); before_d=$(cpu_ms "$db")
  case "$product/$figure" in
    ours/static) gen=$(rusage "$file" wrk $WRK_REQUESTS -d"${dur}s" --latency "$BASE/.well-known/openid-configuration") ;;
    ours/auth) gen=$(rusage "$file" wrk $WRK_REQUESTS -d"${dur}s" --latency -H "Authorization: Bearer $TOKEN" "$BASE/user/$ID") ;;
    ours/cold) gen=$(BENCH_THREADS=2 BENCH_TOKENS_FILE=$OUT/cold-tokens.txt rusage "$file" wrk $WRK_REQUESTS -d"${dur}s" --latency -s bench/wrk/cold.lua "$BASE") ;;
    ours/refresh)
      slice=$([ "$round" = warm ] && echo "$WARM_SLICE" || echo $((WARM_CHUNKS + round - 1)))
      gen=$(BENCH_THREADS=16 BENCH_SLICE="$slice/$SLICES" BENCH_REFRESH_FILE=$OUT/sessions.txt rusage "$file" wrk $WRK_REFRESH -d"${dur}s" --latency -s bench/wrk/refresh.lua "$BASE") ;;
    ours/login) gen=$(BENCH_USERS=$USERS rusage "$file" wrk $WRK_LOGIN -d"${dur}s" --latency -s bench/wrk/login.lua "$BASE") ;;
    keycloak/static) gen=$(rusage "$file" wrk $WRK_REQUESTS -d"${dur}s" --latency "$KC/realms/bench/.well-known/openid-configuration") ;;
    keycloak/auth) gen=$(rusage "$file" wrk $WRK_REQUESTS -d"${dur}s" --latency -H "Authorization: Bearer $KC_BEARER" "$KC/realms/bench/protocol/openid-connect/userinfo") ;;
    keycloak/refresh)
      gen=$(BENCH_THREADS=16 BENCH_KC_CLIENT="$KC_CLIENT:$KC_SECRET" BENCH_REFRESH_FILE=$OUT/kc-sessions.txt rusage "$file" wrk $WRK_REFRESH -d"${dur}s" --latency -s bench/wrk/refresh.lua "$KC_TOKEN_URL") ;;
    keycloak/login) gen=$(BENCH_USERS=$KC_USERS BENCH_KC_CLIENT="$KC_CLIENT:$KC_SECRET" rusage "$file" wrk $WRK_LOGIN -d"${dur}s" --latency -s bench/wrk/kc-login.lua "$KC_TOKEN_URL") ;;
    *) return 0 ;;
  esac
  local used_s=$(( $(cpu_ms "$server") - before_s )) used_d=$(( $(cpu_ms "$db") - before_d ))
  [ "$round" = warm ] && return 0
  "$PY" - "$file" "$product" "$figure" "$round" "$used_s" "$used_d" "$gen" >> "$RUNS_TSV" <<'PY'
import re, sys
path, product, figure, rnd, server, db, gen = sys.argv[1:]
text = open(path).read()
def latency(q):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % q, text, re.M)
    if not m: return ""
    v = float(m.group(1)); return "%.2f" % (v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v)
requests = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = 0
for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"rotation failures: (\d+)", r"cold-token failures: (\d+)"):
    m = re.search(pattern, text)
    if m: bad = max(bad, int(m.group(1)))
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m: bad += sum(int(g) for g in m.groups())
per = lambda ms: "%.3f" % (int(ms) / requests) if requests else ""
print("\t".join([product, figure, rnd, "%.1f" % rps, latency(50), latency(99), str(bad), str(requests),
                 per(server), per(db) if product == "ours" else "", per(gen)]))
PY
  tail -1 "$RUNS_TSV" | tr '\t' ' '
}

# --- warm-up: until each JVM's compile time is flat, at least WARM_MIN s ------------------------------------------
warm_chunk() { # PRODUCT: one chunk of every figure
  local f
  for f in $FIGURES; do
    case $f in refresh) run "$1" "$f" warm 10 ;; static) run "$1" "$f" warm 3 ;; *) run "$1" "$f" warm 5 ;; esac
  done
}
flat() { # PRODUCT START_SECONDS JIT_BEFORE...: 0 when warm
  [ $(( $(date +%s) - $2 )) -ge "$WARM_MIN" ] || return 1
  local now; now=$(jits "$1")
  [ "$now" -lt $(( $3 + ${JIT_FLAT_MS:-300} )) ]
}
jits() { if [ "$1" = ours ]; then echo $(( $(jit_ms "$SVC_PID") + $(jit_ms "$DB_PID") )); else jit_ms "$KC_PID"; fi; }
echo "== warm-up (chunks of every figure until the JIT's CPU grows by less than ${JIT_FLAT_MS:-300} ms a chunk, >= ${WARM_MIN} s)"
products="ours"; if [ "$KEYCLOAK" = 1 ]; then products="ours keycloak"; fi
for p in $products; do
  t0=$(date +%s)
  for chunk in $(seq 0 $((WARM_CHUNKS - 1))); do
    WARM_SLICE=$chunk
    j0=$(jits "$p")
    warm_chunk "$p"
    echo "   $p chunk $chunk: JIT +$(( $(jits "$p") - j0 )) ms"
    if flat "$p" "$t0" "$j0"; then break; fi
  done
done

# --- the rounds ---------------------------------------------------------------------------------------------------
PSS_TSV=$OUT/pss.tsv   # after each round: MB of the service, its database, Keycloak
printf 'round\tservice\tdatabase\tkeycloak\n' > "$PSS_TSV"
ARGON2_TSV=$OUT/argon2.tsv   # after each round with logins: JMH's ms per hash, the login efficiency's reference
printf 'round\tms\n' > "$ARGON2_TSV"
FLAGS=$(grep -E '^-' server-config/jvm.options | tr '\n' ' ')
argon2() { # NAME WARMUPS ITERATIONS: JMH's argon2id hash on every core under the server's flags and server.env
  ( set -a; . server-config/server.env; set +a
    java -cp "$CP" org.openjdk.jmh.Main Argon2Benchmark -p parameters=7168:5 -t "$CORES" -f 1 -wi "$2" -i "$3" -w 2s \
        -r 3s -jvmArgs "$FLAGS" -rf text -rff "$OUT/$1.txt" > "$OUT/$1.log" 2>&1 )
}
for round in $(seq 1 "$RUNS"); do
  echo "== round $round of $RUNS"
  for f in $FIGURES; do
    run ours "$f" "$round" "$DUR"
    if [ "$KEYCLOAK" = 1 ] && [ "$f" != cold ]; then run keycloak "$f" "$round" "$DUR"; fi
  done
  if [[ " $FIGURES " == *" login "* ]]; then   # measured beside the logins, not once at the end: it moves too
    argon2 "argon2-$round" 1 3
    printf '%s\t%s\n' "$round" "$(awk '/Argon2Benchmark.verify/ {print $(NF-3)}' "$OUT/argon2-$round.txt" | tr -d ',')" >> "$ARGON2_TSV"
  fi
  pss_svc=$(pss_mb "$SVC_PID"); pss_db=$(pss_mb "$DB_PID"); pss_kc=""   # fails the run if a process died
  if [ "$KEYCLOAK" = 1 ]; then pss_kc=$(pss_mb "$KC_PID"); fi
  printf '%s\t%s\t%s\t%s\n' "$round" "$pss_svc" "$pss_db" "$pss_kc" >> "$PSS_TSV"
done
tools sizes "$MONGODB_URI" benchDB > "$OUT/sizes.tsv" || echo "(sizes not read: $OUT/tools.log)"   # collection, documents, mean BSON bytes
if [ "$NMT" = 1 ]; then
  jcmd "$SVC_PID" VM.native_memory summary > "$OUT/nmt-service.txt"; jcmd "$DB_PID" VM.native_memory summary > "$OUT/nmt-database.txt"
  echo "== native memory: $OUT/nmt-service.txt, $OUT/nmt-database.txt"
fi

# --- open loop: latency at fixed offered loads ----------------------------------------------------------------------
OPEN_TSV=$OUT/open.tsv
printf 'product\tfigure\tfactor\tround\tline\n' > "$OPEN_TSV"
median_rps() { awk -F'\t' -v p="$1" -v f="$2" '$1==p && $2==f {print $4}' "$RUNS_TSV" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'; }
open_run() { # PRODUCT FIGURE FACTOR URL CONNECTIONS [env...] (OPEN_ROUND: the round, 1 unless repeated)
  local product=$1 figure=$2 factor=$3 url=$4 conns=$5 capacity rate line; shift 5
  capacity=$(median_rps "$product" "$figure"); [ -n "$capacity" ] || return 0
  rate=$(echo "$capacity * $factor" | bc -l)
  line=$(env "$@" java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$CP" io.accounts.bench.OpenLoop "$url" "$rate" "$DUR" "$conns")
  printf '%s\t%s\t%s\t%s\t%s\n' "$product" "$figure" "$factor" "${OPEN_ROUND:-1}" "$line" >> "$OPEN_TSV"
  echo "   $product $figure x$factor: $line"
}
open_auth() { # FACTOR: authenticated requests (ours) and userinfo (Keycloak)
  open_run ours auth "$1" "$BASE/user/$ID" 64 OPEN_HEADERS="Authorization: Bearer $TOKEN"
  if [ "$KEYCLOAK" = 1 ]; then open_run keycloak auth "$1" "$KC/realms/bench/protocol/openid-connect/userinfo" 64 \
      OPEN_HEADERS="Authorization: Bearer $KC_BEARER"; fi
}
open_login() { # FACTOR: password logins, both products
  open_run ours login "$1" "$BASE/user/login" 64 OPEN_METHOD=POST OPEN_HEADERS="Content-Type: application/json" \
      OPEN_N="$USERS" OPEN_BODY='{"email":"bench-{n}@bench.example","password":"bench password 1234"}'
  if [ "$KEYCLOAK" = 1 ]; then open_run keycloak login "$1" "$KC_TOKEN_URL" 64 OPEN_METHOD=POST \
      OPEN_HEADERS="Content-Type: application/x-www-form-urlencoded" OPEN_N="$KC_USERS" \
      OPEN_BODY="grant_type=password&client_id=$KC_CLIENT&client_secret=$KC_SECRET&username=user{n}&password=Bench-pass-{n}"; fi
}
if [ "$OPEN_LOOP" = 1 ]; then
  echo "== open loop"
  # the goal's figure, authenticated requests at half capacity, in RUNS rounds with the products interleaved;
  # the other loads once
  for OPEN_ROUND in $(seq 1 "$RUNS"); do open_auth 0.5; done
  OPEN_ROUND=1
  open_login 0.5
  for factor in 1.5 2; do open_auth "$factor"; open_login "$factor"; done
fi

# --- start to ready, interleaved ------------------------------------------------------------------------------------
START_TSV=$OUT/starts.tsv
printf 'product\tround\tseconds\n' > "$START_TSV"
if [ "$STARTS" = 1 ]; then
  echo "== start to ready"
  stop_ours; kc_stop; stop_db
  for round in $(seq 1 "$RUNS"); do
    start_ours_with_db; printf 'ours\t%s\t%s\n' "$round" "$START_S" >> "$START_TSV"; stop_ours; stop_db
    if [ "$KEYCLOAK" = 1 ]; then kc_start "$OUT/kc-start-$round.log"; printf 'keycloak\t%s\t%s\n' "$round" "$START_S" >> "$START_TSV"; kc_stop; fi
  done
  tail -n +2 "$START_TSV" | tr '\t' ' '
fi

# --- the login ceiling: argon2 on every core under the server's JVM flags and server.env -------------------------------
echo "== argon2id m=7168 t=5 p=1 on $CORES threads (JMH, the server's JVM flags and server.env)"
argon2 argon2 3 5
HASH_MS=$(awk '/Argon2Benchmark.verify/ {print $(NF-3)}' "$OUT/argon2.txt" | tr -d ',')
HASH_ERR=$(awk '/Argon2Benchmark.verify/ {print $(NF-1)}' "$OUT/argon2.txt" | tr -d ',')

REPORT=$("$PY" bench/report.py "$OUT" "$CORES" "$HASH_MS" "$HASH_ERR" \
  "$KC_VERSION" "$KC_HEAP" "$USERS" "$RUNS" "$DUR" "$(java -version 2>&1 | head -1)" "$(git rev-parse --short HEAD)")
echo "$REPORT"
[ "$APPEND" = 1 ] && echo "$REPORT" >> docs/PERFORMANCE.md
exit 0
