#!/usr/bin/env bash
# Keycloak as a team runs it, for bench/load.sh (sourced, not run; the caller sets OUT, CP and the wrk settings):
#   kc_install   org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central (the local repository),
#                unzipped under $KC_HOME_DIR, then `kc.sh build --db=dev-file --health-enabled=false` once (untimed)
#   kc_start LOG `kc.sh start --optimized --http-enabled=true --hostname-strict=false` on 127.0.0.1:$KC_PORT with
#                JAVA_OPTS_KC_HEAP="-Xmx$KC_HEAP" (the smallest heap found to serve the load: docs/PERFORMANCE.md);
#                sets KC_PID (the JVM kc.sh runs, found by its port) and START_S (launch to the first 200 of the discovery document)
#   kc_stop      stops exactly the process kc_start started
#   kc_realm     realm `bench`: confidential client `bench` (direct access grants, client_secret_post), refresh
#                tokens rotated (revokeRefreshToken on, as ours always are), $KC_USERS users user1..N whose passwords
#                Keycloak hashes with its default, argon2id m=7 MiB t=5 p=1 (the parameters of our run); access
#                tokens live an hour, as ours do in the run (JWT_TTL=3600), so one bearer serves every run
#   kc_refresh_tokens FILE   16 fresh sessions' refresh tokens (rotation invalidates the previous run's)
#   kc_bearer    an access token with scope openid, for userinfo
# Environment: KC_VERSION (26.4.7), KC_PORT (8180), KC_USERS (100), KC_HEAP (the -Xmx, default 256m).
KC_VERSION=${KC_VERSION:-26.4.7}
KC_PORT=${KC_PORT:-8180}
KC_USERS=${KC_USERS:-100}
KC_HEAP=${KC_HEAP:-256m}
KC=http://127.0.0.1:$KC_PORT
KC_HOME_DIR=${KC_HOME_DIR:-target/bench/keycloak-$KC_VERSION}
KC_CLIENT=bench KC_SECRET=bench-client-secret-example   # example values for a throw-away local realm
KC_ADMIN_PASSWORD=bench-admin-example
KC_TOKEN_URL=$KC/realms/bench/protocol/openid-connect/token
KC_PID=""

kc_install() {
  if [ ! -x "$KC_HOME_DIR/bin/kc.sh" ]; then
    mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
        -DoutputDirectory="$(dirname "$KC_HOME_DIR")"
    unzip -q -o "$(dirname "$KC_HOME_DIR")/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$(dirname "$KC_HOME_DIR")"
    rm -f "$(dirname "$KC_HOME_DIR")/keycloak-quarkus-dist-$KC_VERSION.zip"
  fi
  if [ ! -f "$KC_HOME_DIR/.built" ]; then
    (cd "$KC_HOME_DIR" && bin/kc.sh build --db=dev-file --health-enabled=false) > "$OUT/kc-build.log" 2>&1
    touch "$KC_HOME_DIR/.built"
  fi
  rm -rf "$KC_HOME_DIR/data"
}

kc_start() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$KC_PORT") 2>/dev/null; then echo "port $KC_PORT is taken" >&2; exit 1; fi
  local t0; t0=$(date +%s.%N)
  ( cd "$KC_HOME_DIR" && KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD \
      JAVA_OPTS_KC_HEAP="-Xmx$KC_HEAP" exec bin/kc.sh start --optimized --http-enabled=true --hostname-strict=false \
      --http-port "$KC_PORT" --http-host 127.0.0.1 ) > "$1" 2>&1 < /dev/null &
  local launched=$!
  until curl -sf -o /dev/null "$KC/realms/master/.well-known/openid-configuration"; do
    kill -0 "$launched" 2>/dev/null || { echo "Keycloak did not start, see $1" >&2; exit 1; }
    sleep 0.05
  done
  START_S=$(echo "$(date +%s.%N) - $t0" | bc)
  KC_PID=$(ss -ltnpH "sport = :$KC_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)   # the JVM kc.sh runs
}

kc_stop() {
  [ -n "$KC_PID" ] || return 0
  kill -TERM "$KC_PID" 2>/dev/null || true
  for _ in $(seq 120); do kill -0 "$KC_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  KC_PID=""
}

kc_admin() { curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$KC_ADMIN_PASSWORD" \
  "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token; }

kc_grant() { # $1: user number, $2: scope (optional); prints the token response
  curl -sf -d grant_type=password -d "client_id=$KC_CLIENT" -d "client_secret=$KC_SECRET" -d "username=user$1" \
    -d "password=Bench-pass-$1" ${2:+-d "scope=$2"} "$KC_TOKEN_URL"; }

kc_realm() {
  python3 - "$KC_USERS" "$KC_CLIENT" "$KC_SECRET" > "$OUT/kc-realm.json" <<'PY'
import json, sys
n, client, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
print(json.dumps({"realm": "bench", "enabled": True, "revokeRefreshToken": True, "refreshTokenMaxReuse": 0,
  "accessTokenLifespan": 3600,
  "clients": [{"clientId": client, "enabled": True, "publicClient": False, "secret": secret,
               "clientAuthenticatorType": "client-secret", "directAccessGrantsEnabled": True, "standardFlowEnabled": False}],
  "users": [{"username": f"user{i}", "enabled": True, "email": f"user{i}@bench.example", "emailVerified": True,
             "firstName": "Bench", "lastName": f"User{i}",
             "credentials": [{"type": "password", "value": f"Bench-pass-{i}", "temporary": False}]} for i in range(1, n + 1)]}))
PY
  curl -sf -o /dev/null -m 900 -H "Authorization: Bearer $(kc_admin)" -H 'Content-Type: application/json' \
    --data-binary @"$OUT/kc-realm.json" "$KC/admin/realms"
  kc_grant 1 > /dev/null
}

kc_refresh_tokens() { : > "$1"; for i in $(seq 1 16); do kc_grant "$i" | jq -r .refresh_token >> "$1"; done; }

kc_bearer() { kc_grant 1 openid | jq -r .access_token; }
