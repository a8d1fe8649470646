#!/usr/bin/env bash
# The soak and fault suite (docs/reliability.md): three service instances and two workers from
# bootstrap/target/scheduling-service.jar, in PostgreSQL mode with RabbitMQ, on a database and a RabbitMQ
# vhost of the run's own, reached through a fault proxy (reliability/FaultProxy.java); a mixed load from
# reliability/SoakLoad.java while faults are injected; then reliability/SoakCheck.java checks the invariants
# in SQL, at a tap queue, in the workers' logs and through the API. Writes a Markdown report and exits
# non-zero if an invariant fails, a process does not recover, or the run cannot be set up.
#
#   reliability/run.sh            the full run (~5.5 min of load; kill -9 of an instance, twice, and of a
#                                 worker, the broker connection cut, a slow database, PostgreSQL restarted)
#   reliability/run.sh --short    the short run for CI (~1 min of load; kill -9 of an instance and of a
#                                 worker, the broker connection cut; PostgreSQL is not touched)
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and RabbitMQ on 127.0.0.1:5672 (guest/guest) with
# rabbitmqctl on this machine, and Java 17. Traffic goes to 127.0.0.1 only. Everything started is stopped by
# its pid at the end, the database dropped, the vhost deleted. The full run restarts the machine's PostgreSQL
# (pg_ctlcluster) once, for a few seconds.
#
# Settings (environment): RELIABILITY_PORT_BASE (7370: instances on +1..+3, workers on +11, +12, the proxy's
# control on +20, its PostgreSQL and RabbitMQ routes on +21, +22), RELIABILITY_DIR (target/reliability/<mode>-<time>),
# RELIABILITY_USERS (virtual clients), RELIABILITY_SECONDS (load duration), RELIABILITY_KEEP=1 (keep the database
# and vhost for a post-mortem), MAVEN_ARGS (extra arguments for the jar's build, if it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MODE=full
case "${1:-}" in
  --short) MODE=short ;;
  ""|--full) ;;
  *) echo "usage: reliability/run.sh [--short]" >&2; exit 2 ;;
esac

JAR="$ROOT/bootstrap/target/scheduling-service.jar"
STAMP=$(date -u +%Y%m%d-%H%M%S)
WORK=${RELIABILITY_DIR:-$ROOT/target/reliability/$MODE-$STAMP}
BASE_PORT=${RELIABILITY_PORT_BASE:-7370}
CONTROL_PORT=$((BASE_PORT + 20))
PG_PROXY_PORT=$((BASE_PORT + 21))
AMQP_PROXY_PORT=$((BASE_PORT + 22))
DB="reliability_${STAMP//-/_}_$$"
VHOST="reliability-$STAMP-$$"
ADMIN_TOKEN="reliability-admin-$RANDOM$RANDOM"
TOKEN_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
PG_VERSION=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
if [ "$MODE" = full ]; then
  LOAD_SECONDS=${RELIABILITY_SECONDS:-330}
  USERS=${RELIABILITY_USERS:-12}
else
  LOAD_SECONDS=${RELIABILITY_SECONDS:-60}
  USERS=${RELIABILITY_USERS:-10}
fi
SETTLE_SECONDS=90
READY_TIMEOUT=90

# name:port[:worker]; api-1 starts first and migrates the schema.
NODES=(api-1:$((BASE_PORT + 1)) api-2:$((BASE_PORT + 2)) api-3:$((BASE_PORT + 3))
       worker-1:$((BASE_PORT + 11)):worker worker-2:$((BASE_PORT + 12)):worker)
API_BASES=("http://127.0.0.1:$((BASE_PORT + 1))" "http://127.0.0.1:$((BASE_PORT + 2))" "http://127.0.0.1:$((BASE_PORT + 3))")

mkdir -p "$WORK/logs" "$WORK/run"
FAULTS="$WORK/faults.tsv"
: > "$FAULTS"
FAILURES=()
WORKER_KILLS=0
T0=

log() { printf '[reliability %s] %s\n' "$(date -u +%T)" "$*" >&2; }
fail() { FAILURES+=("$*"); log "FAILURE: $*"; }
now_ms() { date +%s%3N; }

node_field() { # node index: 1 name, 2 port, 3 command
  local IFS=:; read -r -a parts <<< "$1"; echo "${parts[$(($2 - 1))]:-}"
}
node_by_name() {
  local node; for node in "${NODES[@]}"; do [ "$(node_field "$node" 1)" = "$1" ] && { echo "$node"; return; }; done
}
pid_of() { [ -f "$WORK/run/$1.pid" ] && cat "$WORK/run/$1.pid"; }
alive() { local pid; pid=$(pid_of "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
http_status() { curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null || true; }

# A process of ours, by pid (never by name): the proxy, the load, the nodes.
stop_pid() {
  local pid=$1 signal=${2:-TERM}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  [ -n "${LOAD_PID:-}" ] && stop_pid "$LOAD_PID"
  local file
  for file in "$WORK"/run/*.pid; do
    [ -e "$file" ] && stop_pid "$(cat "$file")"
  done
  [ -n "${PROXY_PID:-}" ] && stop_pid "$PROXY_PID"
  # The machine's PostgreSQL must be up whatever happened during its restart.
  if [ -n "$PG_VERSION" ] && ! pg_isready -q; then
    log "PostgreSQL does not answer: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
  fi
  if [ "${RELIABILITY_KEEP:-}" = 1 ]; then
    log "kept database $DB and vhost $VHOST (RELIABILITY_KEEP=1)"
  else
    [ -n "${OWN_DB:-}" ] && psql -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
    [ -n "${OWN_VHOST:-}" ] && rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1
  fi
  log "work directory: $WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------------
# Setup

for node in "${NODES[@]}"; do
  port=$(node_field "$node" 2)
  if timeout 1 bash -c "</dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    log "port $port is taken; set RELIABILITY_PORT_BASE"; exit 2
  fi
done
for port in $CONTROL_PORT $PG_PROXY_PORT $AMQP_PROXY_PORT; do
  if timeout 1 bash -c "</dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    log "port $port is taken; set RELIABILITY_PORT_BASE"; exit 2
  fi
done
for tool in java curl psql pg_isready rabbitmqctl; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 2; }
done
pg_isready -q || { log "PostgreSQL does not answer on 127.0.0.1:5432"; exit 2; }
timeout 2 bash -c '</dev/tcp/127.0.0.1/5672' 2>/dev/null || { log "RabbitMQ does not answer on 127.0.0.1:5672"; exit 2; }
if [ ! -f "$JAR" ]; then
  log "building $JAR"
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments
  mvn -q -B package -DskipTests ${MAVEN_ARGS:-}
fi

psql -d postgres -qc "CREATE DATABASE $DB" && OWN_DB=1
rabbitmqctl -q add_vhost "$VHOST" >/dev/null && OWN_VHOST=1
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
AMQP_DIRECT="amqp://guest:guest@127.0.0.1:5672/$VHOST"
log "$MODE run: database $DB, vhost $VHOST, work directory $WORK"

java reliability/FaultProxy.java "$CONTROL_PORT" "pg=$PG_PROXY_PORT:127.0.0.1:5432" \
    "amqp=$AMQP_PROXY_PORT:127.0.0.1:5672" > "$WORK/logs/proxy.log" 2>&1 &
PROXY_PID=$!
proxy() { # a command for the fault proxy; prints its answer
  local answer
  answer=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$CONTROL_PORT && echo '$*' >&3 && head -1 <&3") || true
  [[ $answer == ok* ]] || { fail "the proxy did not take '$*': $answer"; return 1; }
}
for _ in $(seq 1 60); do grep -q "control on" "$WORK/logs/proxy.log" 2>/dev/null && break; sleep 0.5; done
grep -q "control on" "$WORK/logs/proxy.log" || { log "the fault proxy did not start"; cat "$WORK/logs/proxy.log" >&2; exit 1; }

start_node() {
  local node=$1 name port command
  name=$(node_field "$node" 1); port=$(node_field "$node" 2); command=$(node_field "$node" 3)
  local env_vars=(
    SCHEDULING_HTTP_PORT="$port"
    SCHEDULING_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PROXY_PORT/$DB"
    SCHEDULING_DB_USER=postgres
    SCHEDULING_DB_PASSWORD=
    SCHEDULING_AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PROXY_PORT/$VHOST"
    SCHEDULING_EVENTS_RETRY_DELAYS=PT1S,PT3S,PT10S,PT20S
  )
  if [ -z "$command" ]; then
    env_vars+=(
      SCHEDULING_NOTIFICATIONS=off
      SCHEDULING_WEBHOOKS=off
      SCHEDULING_ADMIN_TOKEN="$ADMIN_TOKEN"
      SCHEDULING_TOKEN_SECRET="$TOKEN_SECRET"
      SCHEDULING_DEV_MAILBOX=true
      SCHEDULING_DB_POOL_SIZE=6
      SCHEDULING_LOCK_TTL=PT20S
      SCHEDULING_OTP_RESEND_COOLDOWN=PT1S
    )
  else
    env_vars+=(SCHEDULING_DB_POOL_SIZE=3)
  fi
  local unset_vars=() variable
  for variable in $(compgen -e); do
    [[ $variable == SCHEDULING_* || $variable == OTEL_* ]] && unset_vars+=(-u "$variable")
  done
  # shellcheck disable=SC2086 # command is empty or one word
  env "${unset_vars[@]}" "${env_vars[@]}" java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR" $command \
      >> "$WORK/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$WORK/run/$name.pid"
  log "started $name on port $port (pid $!)"
  disown $!   # stopped by pid, never waited for; no job notice when it is killed
}

# Waits until /ready of each named node is 200; prints the seconds it took. Fails after READY_TIMEOUT.
await_ready() {
  local start=$SECONDS name node port
  for name in "$@"; do
    node=$(node_by_name "$name"); port=$(node_field "$node" 2)
    while [ "$(http_status "$port" /ready)" != 200 ]; do
      alive "$name" || { fail "$name died (see $WORK/logs/$name.log)"; return 1; }
      [ $((SECONDS - start)) -lt "$READY_TIMEOUT" ] || { fail "$name: /ready not 200 after ${READY_TIMEOUT}s"; return 1; }
      sleep 0.2
    done
  done
  echo $((SECONDS - start))
}
all_names() { local node; for node in "${NODES[@]}"; do node_field "$node" 1; done; }

start_node "${NODES[0]}"
await_ready api-1 >/dev/null || exit 1
for node in "${NODES[@]:1}"; do start_node "$node"; done
# shellcheck disable=SC2046
await_ready $(all_names) >/dev/null || exit 1
declare -A FIRST_PID
for name in $(all_names); do FIRST_PID[$name]=$(pid_of "$name"); done
log "all up"

# ------------------------------------------------------------------------------------------------------
# Load and faults

CP="$JAR"
java -cp "$CP" reliability/SoakLoad.java "$WORK" "$ADMIN_TOKEN" "$AMQP_DIRECT" "$LOAD_SECONDS" "$USERS" \
    "${API_BASES[@]}" > "$WORK/logs/load.log" 2>&1 &
LOAD_PID=$!
for _ in $(seq 1 120); do [ -f "$WORK/started" ] && break; kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.5; done
[ -f "$WORK/started" ] || { log "the load did not start"; tail -30 "$WORK/logs/load.log" >&2; exit 1; }
T0=$SECONDS
T0_EPOCH=$(date +%s)
log "load started: $USERS clients for $LOAD_SECONDS s"

at() { # waits until the load has run $1 seconds
  local wait=$(($1 - (SECONDS - T0)))
  [ "$wait" -le 0 ] || sleep "$wait"
}
fault() { # at-seconds name detail recovery-seconds
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u -d "@$((T0_EPOCH + $1))" +%T)" "$1" "$2" "$3" "$4" >> "$FAULTS"
  log "fault at +$1 s: $2 ($3); recovered in $4 s"
}
# Everything, survivors included, ready again; prints the seconds.
recovered() {
  # shellcheck disable=SC2046
  await_ready $(all_names) || echo "NOT RECOVERED"
}

kill_and_restart() { # name
  local name=$1 at_s=$((SECONDS - T0)) pid
  pid=$(pid_of "$name")
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  [[ $name == worker-* ]] && WORKER_KILLS=$((WORKER_KILLS + 1))
  sleep 3
  start_node "$(node_by_name "$name")"
  fault "$at_s" "kill -9 $name" "pid $pid, restarted after 3 s" "$(recovered)"
}

# The /ready answers of every node, asked at once, e.g. "api-1 503 (3.0 s), ...": proof that a fault took.
readiness() {
  local node name dir pids=()
  dir=$(mktemp -d "$WORK/ready.XXXX")
  for node in "${NODES[@]}"; do
    name=$(node_field "$node" 1)
    curl -s -o /dev/null -m 8 -w '%{http_code} (%{time_total} s)' "http://127.0.0.1:$(node_field "$node" 2)/ready" \
        > "$dir/$name" 2>/dev/null &
    pids+=($!)
  done
  wait "${pids[@]}" || true   # these curls only: the load and the proxy run in the background too
  for node in "${NODES[@]}"; do name=$(node_field "$node" 1); printf '%s %s; ' "$name" "$(cat "$dir/$name")"; done
  rm -rf "$dir"
}

broker_cut() { # seconds
  local at_s=$((SECONDS - T0)) during
  proxy cut amqp
  sleep 3
  during=$(readiness)
  at $((at_s + $1))
  proxy restore amqp
  fault "$at_s" "broker connection cut" "every connection to RabbitMQ closed and refused for $1 s; /ready after 3 s: $during" "$(recovered)"
}

slow_database() { # milliseconds seconds
  local at_s=$((SECONDS - T0))
  proxy latency pg "$1"
  sleep "$2"
  proxy latency pg 0
  fault "$at_s" "slow database" "+$1 ms on every chunk each way between the processes and PostgreSQL for $2 s" "$(recovered)"
}

postgres_restart() {
  local at_s=$((SECONDS - T0)) start=$SECONDS down during
  # A restart in two steps, to see the processes' readiness while it is down: stop (fast mode), 2 s, start.
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop -m fast || fail "pg_ctlcluster stop failed"
  sleep 1
  during=$(readiness)
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start || fail "pg_ctlcluster start failed"
  for _ in $(seq 1 60); do pg_isready -q && break; sleep 0.5; done
  down=$((SECONDS - start))
  pg_isready -q || fail "PostgreSQL did not come back"
  fault "$at_s" "PostgreSQL restarted" "pg_ctlcluster stop, then start: ${down} s until it answered; /ready while it was down: $during" "$(recovered)"
}

if [ "$MODE" = full ]; then
  at 30;  kill_and_restart api-1
  at 75;  kill_and_restart worker-1
  at 115; broker_cut 20
  at 170; slow_database 50 30
  at 225; postgres_restart
  at 270; kill_and_restart api-3
  at 285; kill_and_restart worker-2
else
  at 12;  kill_and_restart api-1
  at 25;  kill_and_restart worker-1
  at 36;  broker_cut 10
fi

wait "$LOAD_PID" || fail "the load ended with status $?"
LOAD_PID=
log "load finished; checking"

# Survivors: every process not killed on purpose still runs as the pid it started with, and is ready.
SURVIVORS=()
for name in $(all_names); do
  if grep -q "kill -9 $name\b" "$FAULTS"; then continue; fi
  if [ "$(pid_of "$name")" = "${FIRST_PID[$name]}" ] && alive "$name"; then
    SURVIVORS+=("$name")
  else
    fail "$name was not killed by the suite but does not run as pid ${FIRST_PID[$name]} any more"
  fi
done
recovered > /dev/null

# ------------------------------------------------------------------------------------------------------
# Invariants

WORKER_LOGS="$WORK/logs/worker-1.log,$WORK/logs/worker-2.log"
CHECK_STATUS=0
java -cp "$CP" reliability/SoakCheck.java "$WORK" "jdbc:postgresql://127.0.0.1:5432/$DB" "$AMQP_DIRECT" \
    "$WORKER_KILLS" "$SETTLE_SECONDS" "$WORKER_LOGS" "${API_BASES[@]}" > "$WORK/logs/check.log" 2>&1 || CHECK_STATUS=$?
[ -f "$WORK/invariants.md" ] || { tail -30 "$WORK/logs/check.log" >&2; fail "the check did not finish (status $CHECK_STATUS)"; }
[ "$CHECK_STATUS" -eq 0 ] || fail "invariants failed"
SURPRISES=$(wc -l < "$WORK/surprises.txt" 2>/dev/null || echo 0)
[ "$SURPRISES" -eq 0 ] || fail "$SURPRISES unexpected answers during the load (surprises.txt)"
grep -q "NOT RECOVERED" "$FAULTS" && fail "a fault was not recovered from"
for name in $(all_names); do
  if grep -q '"level":"ERROR"' "$WORK/logs/$name.log" 2>/dev/null; then
    log "$name logged errors (expected during faults; see its log)"
  fi
done

# ------------------------------------------------------------------------------------------------------
# Report

prop() { sed -n "s/^$1=//p" "$WORK/load-summary.properties" | head -1; }
fig() { sed -n "s/^$1=//p" "$WORK/figures.properties" 2>/dev/null | head -1; }
REPORT="$WORK/report.md"
{
  echo "# Soak and fault run ($MODE), $(date -u +'%F %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1);" \
    "PostgreSQL $(psql -d postgres -tAc 'SHOW server_version' | cut -d' ' -f1); RabbitMQ $(rabbitmqctl -q version 2>/dev/null);" \
    "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Processes: 3 service instances (pool 6, lock TTL 20 s, notifications and webhooks off) and 2 workers" \
    "(pool 3) from \`bootstrap/target/scheduling-service.jar\`, reaching PostgreSQL and RabbitMQ through the fault proxy;" \
    "$USERS virtual clients on random instances."
  echo
  echo "## Load held"
  echo
  echo "| | value |"
  echo "| --- | ---: |"
  echo "| load duration | $(prop seconds) s |"
  echo "| HTTP requests (all attempts, all answers) | $(prop requests) |"
  echo "| requests/s | $(prop requestsPerSecond) |"
  events=$(fig events); secs=$(prop seconds)
  echo "| events committed (outbox) | ${events:-?} |"
  echo "| events/s | $(awk -v e="${events:-0}" -v s="${secs:-1}" 'BEGIN { printf "%.1f", e / s }') |"
  echo "| holds / appointments in the database | $(fig locks) / $(fig appointments) |"
  echo
  echo "| operation: answers | count |"
  echo "| --- | ---: |"
  sed -n 's/^count\.\([a-z.]*\)\.\([0-9a-z-]*\)=\(.*\)/| \1: \2 | \3 |/p' "$WORK/load-summary.properties"
  echo
  echo "| operation | p50 ms | p99 ms | max ms |"
  echo "| --- | ---: | ---: | ---: |"
  for op in $(sed -n 's/^latency\.\(.*\)\.p50ms=.*/\1/p' "$WORK/load-summary.properties"); do
    echo "| $op | $(prop "latency.$op.p50ms") | $(prop "latency.$op.p99ms") | $(prop "latency.$op.maxms") |"
  done
  echo
  echo "Per 10 s of load: requests answered (failed: no answer or 5xx)."
  echo
  echo '```'
  awk -v t0="$(head -1 "$WORK/timeline.tsv" | cut -f1)" '{ b = int(($1 - t0) / 10); n[b] += $2; f[b] += $3; if (b > m) m = b }
    END { for (i = 0; i <= m; i++) printf "+%3ds %6d (%d)\n", i * 10, n[i], f[i] }' "$WORK/timeline.tsv"
  echo '```'
  echo
  echo "## Faults injected"
  echo
  echo "| time (UTC) | load + s | fault | detail | everything ready again after (s) |"
  echo "| --- | ---: | --- | --- | ---: |"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$FAULTS"
  echo
  echo "Survivors (never restarted, ready at the end): ${SURVIVORS[*]:-none}."
  echo
  echo "## Invariants"
  echo
  cat "$WORK/invariants.md" 2>/dev/null || echo "(the check did not finish)"
  echo
  echo "## Result"
  echo
  if [ "${#FAILURES[@]}" -eq 0 ]; then
    echo "**PASS**: every invariant held, no unexpected answer, every process recovered."
  else
    echo "**FAIL**:"
    printf -- '- %s\n' "${FAILURES[@]}"
    if [ -s "$WORK/surprises.txt" ]; then
      echo
      echo "First unexpected answers:"
      echo
      echo '```'
      head -20 "$WORK/surprises.txt"
      echo '```'
    fi
  fi
} > "$REPORT"
cp "$REPORT" "$ROOT/target/reliability/latest-$MODE.md"
cat "$REPORT"
# The access tokens of the run's clients are not kept.
rm -f "$WORK/sessions.tsv"
[ "${#FAILURES[@]}" -eq 0 ]
