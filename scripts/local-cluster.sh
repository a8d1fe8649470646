#!/usr/bin/env bash
# The docker-compose.yml set on localhost, without Docker: two service instances (ports 7071 and 7072,
# notifications and webhooks off) and one worker (port 7080), in PostgreSQL mode with RabbitMQ, on the
# PostgreSQL and RabbitMQ of this machine.
#
#   scripts/local-cluster.sh [start]   build the jar if missing, start the three, wait until each /ready is 200
#   scripts/local-cluster.sh status    pid, and /ready of each
#   scripts/local-cluster.sh stop      SIGTERM each (SIGKILL after 30 s), remove the pid files
#
# State is kept in $LOCAL_CLUSTER_DIR (default .local-cluster/ at the repository's root): logs/<name>.log,
# run/<name>.pid and the token secret the instances share. The cluster has a database of its own,
# scheduling_local (created if missing), and a RabbitMQ virtual host of its own, scheduling_local (created
# with rabbitmqctl if missing), so that neither its events nor its worker mix with the tests' (which use
# database test and the default virtual host, and random HTTP ports).
#
# Settings (environment): LOCAL_PG_HOST (127.0.0.1), LOCAL_PG_PORT (5432), LOCAL_PG_USER (postgres),
# LOCAL_PG_PASSWORD (none), LOCAL_DB (scheduling_local), LOCAL_AMQP_URL
# (amqp://guest:guest@127.0.0.1:5672/scheduling_local), LOCAL_ADMIN_TOKEN (local-admin-token),
# LOCAL_JAVA_OPTS (-Xmx256m), LOCAL_CLUSTER_DIR, MAVEN_ARGS (extra arguments for the jar's build).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/bootstrap/target/scheduling-service.jar"
DIR=${LOCAL_CLUSTER_DIR:-$ROOT/.local-cluster}
PG_HOST=${LOCAL_PG_HOST:-127.0.0.1}
PG_PORT=${LOCAL_PG_PORT:-5432}
PG_USER=${LOCAL_PG_USER:-postgres}
DB=${LOCAL_DB:-scheduling_local}
AMQP_URL=${LOCAL_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/scheduling_local}
ADMIN_TOKEN=${LOCAL_ADMIN_TOKEN:-local-admin-token}
read -r -a JAVA_OPTS <<< "${LOCAL_JAVA_OPTS:--Xmx256m}"
READY_TIMEOUT=${LOCAL_READY_TIMEOUT:-120}

# name:port[:command]; api-1 starts first and migrates the schema, then the others.
NODES=(api-1:7071 api-2:7072 worker:7080:worker)

log() { printf '[local-cluster] %s\n' "$*"; }
die() { printf '[local-cluster] %s\n' "$*" >&2; exit 1; }

node_name() { echo "${1%%:*}"; }
node_port() { local rest=${1#*:}; echo "${rest%%:*}"; }
node_command() { local rest=${1#*:}; [ "$rest" = "${rest#*:}" ] && echo "" || echo "${rest#*:}"; }
pid_file() { echo "$DIR/run/$1.pid"; }

# The pid in the node's pid file, if that process runs and is this jar.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(<"$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  [[ $(tr '\0' ' ' < "/proc/$pid/cmdline") == *scheduling-service.jar* ]] || return 1
  echo "$pid"
}

# The HTTP status of GET http://127.0.0.1:<port><path>, 000 when nothing answers (bash only, no curl).
http_status() {
  local port=$1 path=$2 status
  status=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port \
      && printf 'GET $path HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 \
      && read -r _ status _ <&3 && echo \"\$status\"" 2>/dev/null) || true
  echo "${status:-000}"
}

port_in_use() { timeout 1 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

ensure_jar() {
  if [ ! -f "$JAR" ]; then
    log "building $JAR"
    # shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments
    (cd "$ROOT" && mvn -q -B package -DskipTests ${MAVEN_ARGS:-})
  fi
}

ensure_database() {
  command -v psql >/dev/null || die "psql is needed to create database $DB (apt-get install postgresql-client)"
  export PGPASSWORD=${LOCAL_PG_PASSWORD:-}
  local exists
  exists=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB'") \
      || die "PostgreSQL at $PG_HOST:$PG_PORT refuses user $PG_USER (start it, or set LOCAL_PG_*)"
  if [ "$exists" != 1 ]; then
    log "creating database $DB"
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE \"$DB\""
  fi
}

# The virtual host of LOCAL_AMQP_URL (its path, URL-decoded); "/" needs nothing.
ensure_vhost() {
  local hostport=${AMQP_URL#*://}; hostport=${hostport#*@}; hostport=${hostport%%/*}
  local host=${hostport%%:*} port=5672
  [ "$hostport" != "$host" ] && port=${hostport#*:}
  timeout 2 bash -c "</dev/tcp/$host/$port" 2>/dev/null || die "RabbitMQ does not answer on $host:$port"
  local vhost=${AMQP_URL#*://}; vhost=${vhost#*/}
  [ "$vhost" = "$AMQP_URL" ] && vhost=""
  vhost=$(printf '%b' "${vhost//%/\\x}")
  if [ -z "$vhost" ] || [ "$vhost" = / ]; then
    return
  fi
  command -v rabbitmqctl >/dev/null \
      || die "rabbitmqctl is needed to create the virtual host $vhost; or set LOCAL_AMQP_URL to one that exists"
  local vhosts
  vhosts=$(rabbitmqctl -q list_vhosts name 2>/dev/null) || die "rabbitmqctl cannot reach the broker"
  if ! grep -qxF "$vhost" <<< "$vhosts"; then
    local user=${AMQP_URL#*://}; user=${user%%@*}; user=${user%%:*}
    log "creating RabbitMQ virtual host $vhost for user $user"
    rabbitmqctl -q add_vhost "$vhost" >/dev/null
    rabbitmqctl -q set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
  fi
}

# One secret for both instances, kept across restarts so that access tokens stay valid.
token_secret() {
  local file="$DIR/token-secret"
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 > "$file")
  fi
  cat "$file"
}

start_node() {
  local node=$1 secret=$2 name port command
  name=$(node_name "$node"); port=$(node_port "$node"); command=$(node_command "$node")
  local env_vars=(
    SCHEDULING_HTTP_PORT="$port"
    SCHEDULING_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
    SCHEDULING_DB_USER="$PG_USER"
    SCHEDULING_DB_PASSWORD="${LOCAL_PG_PASSWORD:-}"
    SCHEDULING_AMQP_URL="$AMQP_URL"
  )
  if [ "$name" != worker ]; then
    env_vars+=(
      SCHEDULING_NOTIFICATIONS=off
      SCHEDULING_WEBHOOKS=off
      SCHEDULING_ADMIN_TOKEN="$ADMIN_TOKEN"
      SCHEDULING_TOKEN_SECRET="$secret"
      SCHEDULING_DEV_MAILBOX=true
    )
  fi
  # Nothing from the caller's SCHEDULING_* reaches the nodes: only what is set here.
  local unset_vars=() variable
  for variable in $(compgen -e); do
    [[ $variable == SCHEDULING_* ]] && unset_vars+=(-u "$variable")
  done
  log "starting $name on port $port${command:+ ($command)}"
  # shellcheck disable=SC2086 # command is empty or one word
  nohup env "${unset_vars[@]}" "${env_vars[@]}" java "${JAVA_OPTS[@]}" -jar "$JAR" $command \
      >> "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

await_ready() {
  local node=$1 name port pid deadline
  name=$(node_name "$node"); port=$(node_port "$node")
  deadline=$((SECONDS + READY_TIMEOUT))
  while [ "$(http_status "$port" /ready)" != 200 ]; do
    if ! pid=$(running_pid "$name"); then
      log "$name stopped during its start; the end of $DIR/logs/$name.log:"
      tail -n 20 "$DIR/logs/$name.log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name: /ready is not 200 after ${READY_TIMEOUT}s; see $DIR/logs/$name.log"
      return 1
    fi
    sleep 1
  done
  log "$name ready: http://127.0.0.1:$port (pid $(running_pid "$name"))"
}

start() {
  local node name port
  for node in "${NODES[@]}"; do
    name=$(node_name "$node"); port=$(node_port "$node")
    if running_pid "$name" >/dev/null; then
      die "$name already runs (pid $(running_pid "$name")): scripts/local-cluster.sh stop first"
    fi
    if port_in_use "$port"; then
      die "port $port is taken by another process"
    fi
  done
  mkdir -p "$DIR/logs" "$DIR/run"
  ensure_jar
  ensure_database
  ensure_vhost
  local secret
  secret=$(token_secret)
  start_node "${NODES[0]}" "$secret"
  await_ready "${NODES[0]}" || { stop; exit 1; }
  for node in "${NODES[@]:1}"; do
    start_node "$node" "$secret"
  done
  for node in "${NODES[@]:1}"; do
    await_ready "$node" || { stop; exit 1; }
  done
  log "up: api-1 http://127.0.0.1:7071, api-2 http://127.0.0.1:7072, worker http://127.0.0.1:7080;" \
      "admin token $ADMIN_TOKEN; logs in $DIR/logs; stop with: scripts/local-cluster.sh stop"
}

stop() {
  local node name pid
  for node in "${NODES[@]}"; do
    name=$(node_name "$node")
    if pid=$(running_pid "$name"); then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for node in "${NODES[@]}"; do
    name=$(node_name "$node")
    if pid=$(running_pid "$name"); then
      for _ in $(seq 1 30); do
        [ -d "/proc/$pid" ] || break
        sleep 1
      done
      if [ -d "/proc/$pid" ]; then
        log "$name did not stop within 30 s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$(pid_file "$name")"
  done
  log "stopped"
}

status() {
  local node name port pid down=0
  for node in "${NODES[@]}"; do
    name=$(node_name "$node"); port=$(node_port "$node")
    if pid=$(running_pid "$name"); then
      printf '%-7s pid %-7s port %s  /ready %s\n' "$name" "$pid" "$port" "$(http_status "$port" /ready)"
    else
      printf '%-7s stopped\n' "$name"
      down=1
    fi
  done
  return "$down"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: scripts/local-cluster.sh [start|stop|status]" ;;
esac
