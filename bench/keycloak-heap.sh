#!/usr/bin/env bash
# The smallest heap Keycloak serves bench/load.sh's load with (its KC_HEAP): for each -Xmx in HEAPS, Keycloak as
# bench/keycloak.sh runs it (`start --optimized`, fresh dev-file database, realm bench with 100 users), then 20 s of
# each load of the run (password grant, refresh grant with rotation, userinfo); a heap serves when no request
# failed and the JVM did not run out of memory. Prints one line per heap (requests/s of each load, failures).
#
#     bench/keycloak-heap.sh            (HEAPS="96m 128m 192m 256m")
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench/keycloak-heap
mkdir -p "$OUT"
HEAPS=${HEAPS:-"96m 128m 192m 256m"}
. bench/keycloak.sh
trap kc_stop EXIT
command -v wrk >/dev/null || { s=""; [ "$(id -u)" = 0 ] || s=sudo; $s apt-get update -q && $s apt-get install -y -q wrk; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
bad() { awk '/Non-2xx|rotation failures/ {n += $NF} /Socket errors/ {gsub(/[^0-9 ]/, ""); for (i = 1; i <= NF; i++) n += $i} END {print n + 0}' "$1"; }
kc_install
for heap in $HEAPS; do
  KC_HEAP=$heap
  rm -rf "$KC_HOME_DIR/data"
  if ! (kc_start "$OUT/kc-$heap.log"; kc_realm) > /dev/null 2>&1; then
    echo "-Xmx$heap: did not start or import (see $OUT/kc-$heap.log)"; kc_stop; continue
  fi
  [ -n "$KC_PID" ] || KC_PID=$(ss -ltnpH "sport = :$KC_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  BENCH_USERS=$KC_USERS BENCH_KC_CLIENT="$KC_CLIENT:$KC_SECRET" wrk -t2 -c4 -d20s -s bench/wrk/kc-login.lua "$KC_TOKEN_URL" > "$OUT/login-$heap.txt" || true
  kc_refresh_tokens "$OUT/sessions.txt"
  BENCH_THREADS=16 BENCH_KC_CLIENT="$KC_CLIENT:$KC_SECRET" BENCH_REFRESH_FILE=$OUT/sessions.txt wrk -t16 -c16 -d20s -s bench/wrk/refresh.lua "$KC_TOKEN_URL" > "$OUT/refresh-$heap.txt" || true
  wrk -t2 -c32 -d20s -H "Authorization: Bearer $(kc_bearer)" "$KC/realms/bench/protocol/openid-connect/userinfo" > "$OUT/userinfo-$heap.txt" || true
  alive=yes; kill -0 "$KC_PID" 2>/dev/null || alive=no
  oom=$(grep -c OutOfMemoryError "$OUT/kc-$heap.log" || true)
  pss=$(awk '/^Pss:/ {printf "%d", $2/1024}' "/proc/$KC_PID/smaps_rollup" 2>/dev/null || echo -)
  echo "-Xmx$heap: logins $(rps "$OUT/login-$heap.txt")/s (failed $(bad "$OUT/login-$heap.txt")), refresh $(rps "$OUT/refresh-$heap.txt")/s (failed $(bad "$OUT/refresh-$heap.txt")), userinfo $(rps "$OUT/userinfo-$heap.txt")/s (failed $(bad "$OUT/userinfo-$heap.txt")); OutOfMemoryError $oom; alive $alive; PSS $pss MB"
  kc_stop
done
