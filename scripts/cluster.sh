#!/usr/bin/env bash
# A local cluster on this machine, real processes only:
#   one MongoDB wire-protocol server as its own process (the database every node shares, data in $CLUSTER_DIR/db),
#   N Open Liberty servers running the WAR on ports 9081..908N (MONGODB_URI pointing at that database),
#   Debian's nginx as a round-robin load balancer on 9080 (installed by scripts/ensure-nginx.sh when missing).
#
#   scripts/cluster.sh start N    builds the WAR and installs Liberty first when they are missing
#   scripts/cluster.sh start-node I   starts node I of a running cluster again (after it crashed or was killed)
#   scripts/cluster.sh status     what runs, by pid
#   scripts/cluster.sh stop       stops exactly what start started, by the pids it wrote
#
# Environment (defaults): CLUSTER_PORT (9080) the balancer, CLUSTER_NODE_PORT (9081) the first node,
# CLUSTER_NODE_PORTS (unset) the nodes' ports listed one by one instead, CLUSTER_DB_PORT (27018) the database, CLUSTER_DIR (target/cluster) pids, logs, data and the generated
# key-encryption key every node shares (CLUSTER_DIR/kek, mode 600; never commit it), CLUSTER_PROPERTIES a file of
# key=value settings added to every node (e.g. ADMIN_EMAIL's admin.email and admin.password).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${CLUSTER_DIR:-$ROOT/target/cluster}
LB_PORT=${CLUSTER_PORT:-9080}
NODE_PORT=${CLUSTER_NODE_PORT:-9081}
DB_PORT=${CLUSTER_DB_PORT:-27018}
WLP=$ROOT/target/liberty/wlp
WAR=$ROOT/target/user-account-service.war
EXPLODED=$ROOT/target/user-account-service

log() { echo "cluster: $*" >&2; }

node_port() { # i (1-based)
  if [ -n "${CLUSTER_NODE_PORTS:-}" ]; then
    local ports=($CLUSTER_NODE_PORTS)
    echo "${ports[$(( $1 - 1 ))]:?CLUSTER_NODE_PORTS lists fewer ports than nodes}"
  else
    echo $((NODE_PORT + $1 - 1))
  fi
}

wait_for() { # url seconds
  for _ in $(seq 1 $(( $2 * 2 ))); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  log "$1 did not answer within $2 s"; return 1
}

wait_port() { # port seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "nothing listens on $1 after $2 s"; return 1
}

start() {
  local n=$1
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || { log "usage: cluster.sh start N (1..99)"; exit 2; }
  if [ -s "$DIR/pids" ]; then log "already started ($DIR/pids); run: scripts/cluster.sh stop"; exit 1; fi
  if [ ! -f "$WAR" ] || [ ! -x "$WLP/bin/server" ]; then
    log "building the WAR and installing Open Liberty (once)"
    mvn -B -q -DskipTests package liberty:create >&2
  fi
  bash scripts/ensure-nginx.sh >&2
  mkdir -p "$DIR/db" "$DIR/nginx"
  : > "$DIR/pids"
  if [ ! -s "$DIR/kek" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 > "$DIR/kek")
  fi

  log "database on 127.0.0.1:$DB_PORT"
  nohup java -Xmx256m -cp "$EXPLODED/WEB-INF/classes:$EXPLODED/WEB-INF/lib/*" io.accounts.platform.store.EmbeddedMongo \
    "$DB_PORT" "$DIR/db" > "$DIR/db.log" 2>&1 &
  echo "db $!" >> "$DIR/pids"
  wait_port "$DB_PORT" 60

  local upstreams="" starters=()
  for i in $(seq 1 "$n"); do
    local port name="cluster-node$i"
    port=$(node_port "$i")
    local server="$WLP/usr/servers/$name"
    rm -rf "$server"
    mkdir -p "$server/dropins" "$server/configDropins/overrides"
    cp server-config/* "$server/"
    cp "$WAR" "$server/dropins/"
    # the balancer is a trusted proxy: the client address is the one it forwards
    cat > "$server/configDropins/overrides/cluster.xml" <<'XML'
<server>
    <httpEndpoint id="defaultHttpEndpoint">
        <remoteIp proxies="127\.0\.0\.1"/>
    </httpEndpoint>
</server>
XML
    {
      echo "default.http.port=$port"
      echo "http.host=localhost"
      echo "mongodb.uri=mongodb://127.0.0.1:$DB_PORT"
      echo "jwt.issuer=http://localhost:$LB_PORT"
      echo "jwt.key-encryption-key=$(cat "$DIR/kek")"
      echo "data.dir=$DIR/$name-data"
      if [ -n "${CLUSTER_PROPERTIES:-}" ]; then cat "$CLUSTER_PROPERTIES"; fi
    } > "$server/bootstrap.properties"
    chmod 600 "$server/bootstrap.properties"
    "$WLP/bin/server" start "$name" > "$DIR/$name.log" 2>&1 &
    starters+=($!)
    upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"$'\n'
  done
  wait "${starters[@]}"
  for i in $(seq 1 "$n"); do
    echo "node$i $(cat "$WLP/usr/servers/.pid/cluster-node$i.pid") $(node_port "$i") cluster-node$i" >> "$DIR/pids"
  done
  for i in $(seq 1 "$n"); do
    wait_for "http://localhost:$(node_port "$i")/health/ready" 180
  done

  cat > "$DIR/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $DIR/nginx/body;
    proxy_temp_path $DIR/nginx/proxy;
    fastcgi_temp_path $DIR/nginx/fastcgi;
    uwsgi_temp_path $DIR/nginx/uwsgi;
    scgi_temp_path $DIR/nginx/scgi;
    upstream accounts {
$upstreams        keepalive 32;
    }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://accounts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # a node that is down: the next one answers (only for requests that cannot have changed anything)
            proxy_next_upstream error timeout;
        }
    }
}
EOF
  local nginx=nginx
  [ -x /usr/sbin/nginx ] && nginx=/usr/sbin/nginx
  nohup "$nginx" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" > "$DIR/nginx/stdout.log" 2>&1 &
  echo "nginx $!" >> "$DIR/pids"
  wait_port "$LB_PORT" 30
  log "$n node(s) on ports $(for i in $(seq 1 "$n"); do printf '%s ' "$(node_port "$i")"; done)and the balancer on http://localhost:$LB_PORT"
}

start_node() {
  local i=$1 name="cluster-node$1"
  [[ "$i" =~ ^[1-9][0-9]?$ ]] || { log "usage: cluster.sh start-node I (1..99)"; exit 2; }
  [ -s "$DIR/pids" ] && [ -d "$WLP/usr/servers/$name" ] || { log "no $name in a running cluster; run: scripts/cluster.sh start N"; exit 1; }
  local pid
  pid=$(awk -v role="node$i" '$1 == role { print $2 }' "$DIR/pids")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then log "node$i already runs (pid $pid)"; return 0; fi
  "$WLP/bin/server" start "$name" > "$DIR/$name.log" 2>&1
  sed -i "/^node$i /d" "$DIR/pids"
  echo "node$i $(cat "$WLP/usr/servers/.pid/$name.pid") $(node_port "$i") $name" >> "$DIR/pids"
  wait_for "http://localhost:$(node_port "$i")/health/ready" 180
  log "node$i started again on port $(node_port "$i")"
}

stop() {
  if [ ! -f "$DIR/pids" ]; then log "nothing started ($DIR/pids is missing)"; return 0; fi
  local pids=()
  while read -r role pid _; do
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" && pids+=("$pid") && log "stopping $role (pid $pid)"
    fi
  done < <(tac "$DIR/pids")
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; log "pid $pid killed after 30 s"; fi
  done
  rm -f "$DIR/pids"
}

status() {
  [ -f "$DIR/pids" ] || { echo "not started"; return 0; }
  while read -r role pid port _; do
    if kill -0 "$pid" 2>/dev/null; then echo "$role pid $pid ${port:+port $port }running"; else echo "$role pid $pid gone"; fi
  done < "$DIR/pids"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  start-node) start_node "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh start N | start-node I | status | stop" >&2; exit 2 ;;
esac
