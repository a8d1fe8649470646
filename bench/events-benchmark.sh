#!/usr/bin/env bash
# Events through the outbox and RabbitMQ: the service in PostgreSQL mode with SCHEDULING_AMQP_URL, driven
# by bench/LockLoad.java (each lock commits one slot.locked event) while bench/EventsConsumer.java counts the
# events that reach a queue bound to scheduling.events and times them from their occurredAt; then RabbitMQ's
# own PerfTest with publisher confirms on the same machine for the same time. Prints a Markdown report.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test), RabbitMQ on 127.0.0.1:5672 (guest/guest;
# rabbitmqctl on this machine gives the run a vhost of its own) and Maven Central (amqp-client, PerfTest).
# Usage: bench/events-benchmark.sh [seconds per step, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_STEP=${1:-15}
CLIENTS=8
PORT=${BENCH_PORT:-7172}
STAMP=$(date +%s)
SCHEMA="bench_events_$STAMP"
VHOST="bench-events-$STAMP"
AMQP_USER=${BENCH_AMQP_USER:-guest}
AMQP_PASSWORD=${BENCH_AMQP_PASSWORD:-guest}
AMQP_ADDRESS=${BENCH_AMQP_ADDRESS:-127.0.0.1:5672}
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test
JAR=${BENCH_JAR:-bootstrap/target/scheduling-service.jar}
TOOLS=${BENCH_TOOLS:-/tmp/scheduling-bench-tools}   # throw-away poms and the classpaths they resolve
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-admin-token"
# shellcheck source=bench/common.sh
. bench/common.sh
PERF_TEST_VERSION=2.22.1
WORK=$(mktemp -d /tmp/events-benchmark.XXXXXX)

OWN_VHOST=
log() { echo "[$(date +%T)] $*" >&2; }   # progress on stderr; the report goes to stdout
cleanup() {
  local status=$?
  set +e
  for pid in ${LOAD_PID:-} ${CONSUMER_PID:-} ${PERF_PID:-} ${SERVICE_PID:-}; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  psql -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1
  # Deleting the vhost deletes every queue and exchange in it: the service's, the consumer's, PerfTest's.
  [ -n "$OWN_VHOST" ] && rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1
  if [ "$status" -eq 0 ]; then rm -rf "$WORK"; else echo "events benchmark failed; logs in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The classpath of a few Maven artifacts, resolved once through a throw-away pom under $TOOLS.
tool_classpath() { # name groupId:artifactId:version...
  local dir="$TOOLS/$1" jar
  shift
  if [ -s "$dir/cp.txt" ]; then
    for jar in $(tr ':' ' ' < "$dir/cp.txt"); do [ -f "$jar" ] || rm -f "$dir/cp.txt"; done
  fi
  if [ ! -s "$dir/cp.txt" ]; then
    mkdir -p "$dir"
    {
      echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
      echo "<groupId>local.bench</groupId><artifactId>$(basename "$dir")</artifactId><version>1</version>"
      echo '<packaging>pom</packaging><dependencies>'
      local gav g a v
      for gav in "$@"; do
        IFS=: read -r g a v <<< "$gav"
        echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
      done
      echo '</dependencies></project>'
    } > "$dir/pom.xml"
    mvn -q -B -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" >&2 || return 1
  fi
  cat "$dir/cp.txt"
}

read -r LOAD_AT_START _ < /proc/loadavg
[ -f "$JAR" ] || mvn -q -B package -DskipTests
CONSUMER_CP=$(tool_classpath events-consumer com.rabbitmq:amqp-client:5.37.1 org.slf4j:slf4j-nop:2.0.17)
PERF_CP=$(tool_classpath perf-test "com.rabbitmq:perf-test:$PERF_TEST_VERSION") \
  || { PERF_CP=; echo "PerfTest $PERF_TEST_VERSION could not be resolved; its step is skipped" >&2; }

# A vhost of the run's own, so that the service's consumer of notifications.events competes with no other
# process's and nothing else published to scheduling.events reaches the benchmark's queue.
if command -v rabbitmqctl >/dev/null && rabbitmqctl -q add_vhost "$VHOST" >/dev/null 2>&1; then
  OWN_VHOST=1
  rabbitmqctl -q set_permissions -p "$VHOST" "$AMQP_USER" '.*' '.*' '.*' >/dev/null
  AMQP_URL="amqp://$AMQP_USER:$AMQP_PASSWORD@$AMQP_ADDRESS/$VHOST"
else
  echo "rabbitmqctl cannot add a vhost here: using vhost /, where the service also consumes the shared" \
    "notifications.events queue; the consumer counts only the benchmark service's events" >&2
  AMQP_URL="amqp://$AMQP_USER:$AMQP_PASSWORD@$AMQP_ADDRESS/%2f"
fi
psql -qc "CREATE SCHEMA $SCHEMA"
log "service: schema $SCHEMA, RabbitMQ ${AMQP_URL##*@}"

SCHEDULING_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SCHEDULING_DB_USER=postgres \
SCHEDULING_AMQP_URL="$AMQP_URL" SCHEDULING_ADMIN_TOKEN=$TOKEN SCHEDULING_HTTP_PORT=$PORT \
  java -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_ready "$SERVICE_PID" "$WORK/service.log"
create_bench_catalog

pending() { psql -tAc "SELECT count(*) FROM $SCHEMA.outbox_events WHERE sent_at IS NULL"; }

log "warm-up: $CLIENTS clients, 5 s"
# Warm-up (JIT, pools, the relay's channel), then let the relay deliver its events before anyone counts.
java bench/LockLoad.java "$BASE" "$UNIT" "$SERVICE" "$CLIENTS" 5 > /dev/null &
LOAD_PID=$!; wait "$LOAD_PID"; LOAD_PID=
for _ in $(seq 1 60); do [ "$(pending)" -eq 0 ] && break; sleep 0.5; done
[ "$(pending)" -eq 0 ] || { echo "the relay did not deliver the warm-up's events" >&2; exit 1; }

# The consumer stops 3 s after the last event, or after the step and a minute at most.
java -cp "$CONSUMER_CP" bench/EventsConsumer.java "$AMQP_URL" $((SECONDS_PER_STEP + 60)) 3 "$SERVICE" \
  > "$WORK/consumer.out" 2> "$WORK/consumer.err" &
CONSUMER_PID=$!
for _ in $(seq 1 120); do
  grep -q "consuming from" "$WORK/consumer.err" && break
  kill -0 "$CONSUMER_PID" 2>/dev/null || break
  sleep 0.25
done
grep -q "consuming from" "$WORK/consumer.err" \
  || { echo "the consumer did not start; see $WORK/consumer.err" >&2; exit 1; }

log "load: $CLIENTS clients, $SECONDS_PER_STEP s"
java bench/LockLoad.java "$BASE" "$UNIT" "$SERVICE" "$CLIENTS" "$SECONDS_PER_STEP" > "$WORK/load.out" &
LOAD_PID=$!; wait "$LOAD_PID"; LOAD_PID=
PENDING_AT_END=$(pending)
log "load done; the consumer drains"
wait "$CONSUMER_PID"; CONSUMER_PID=
PENDING_AFTER=$(pending)
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=

read -r _ requests errors lock_rate lock_p50 lock_p99 _ < "$WORK/load.out"
read -r events duplicates ignored window event_rate p50 p99 max < "$WORK/consumer.out"
missing=$((requests - errors - events))

# RabbitMQ alone: one producer with confirms (at most 200 unconfirmed), one consumer, persistent messages of
# 400 bytes (a slot.locked envelope is about 440), a queue of its own, auto-deleted.
PERF_ROW=
if [ -n "$PERF_CP" ]; then
  log "PerfTest: $SECONDS_PER_STEP s"
  java -cp "$PERF_CP" com.rabbitmq.perf.PerfTest -h "$AMQP_URL" -x 1 -y 1 -s 400 -c 200 -f persistent \
    -u "perf-test-$STAMP" -ad true -z "$SECONDS_PER_STEP" > "$WORK/perf-test.out" 2>&1 &
  PERF_PID=$!
  if wait "$PERF_PID"; then
    PERF_SENT=$(grep -oP 'sending rate avg: \K[0-9]+' "$WORK/perf-test.out" || true)
    PERF_RECEIVED=$(grep -oP 'receiving rate avg: \K[0-9]+' "$WORK/perf-test.out" || true)
    IFS=/ read -r _ PERF_P50 _ _ PERF_P99 <<< \
      "$(grep -oP 'consumer latency min/median/75th/95th/99th \K[0-9/]+' "$WORK/perf-test.out" || true)"
    if [ -n "$PERF_SENT" ] && [ -n "$PERF_RECEIVED" ]; then
      PERF_ROW=1
    fi
  fi
  PERF_PID=
  [ -n "$PERF_ROW" ] || { echo "PerfTest did not finish; its output:" >&2; tail -20 "$WORK/perf-test.out" >&2; }
fi

log "done"
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

echo "## Events through the outbox and RabbitMQ ($(date -u +%F))"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);"
echo "$(java -version 2>&1 | head -1); $(psql -tAc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /');" \
  "RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '(version unknown)'); PerfTest $PERF_TEST_VERSION;" \
  "service, load generator, consumer, PostgreSQL and RabbitMQ on the same machine; $SECONDS_PER_STEP s per step;" \
  "load average at start $LOAD_AT_START."
echo
echo "| clients | service locks/s | lock p50 ms | lock p99 ms | lock errors | events at consumer | missing | duplicates | events/s at consumer | occurredAt → consumer p50 ms | p99 ms | max ms | outbox pending at end of load | after drain |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| $CLIENTS | $lock_rate | $lock_p50 | $lock_p99 | $errors | $events | $missing | $duplicates | $event_rate | $p50 | $p99 | $max | $PENDING_AT_END | $PENDING_AFTER |"
echo
echo "| path | events or messages published/s | consumed/s | latency p50 ms | latency p99 ms |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| service: lock commit → outbox → relay (confirms) → consumer | $lock_rate | $event_rate | $p50 | $p99 |"
if [ -n "$PERF_ROW" ]; then
  echo "| PerfTest: \`-x 1 -y 1 -s 400 -c 200 -f persistent\` | $PERF_SENT | $PERF_RECEIVED | $(ms "$PERF_P50") | $(ms "$PERF_P99") |"
  echo "| service / PerfTest | $(ratio "$lock_rate" "$PERF_SENT") | $(ratio "$event_rate" "$PERF_RECEIVED") | | |"
else
  echo "| PerfTest | did not run (see the messages above) | | | |"
fi
if [ "$ignored" -ne 0 ]; then echo; echo "($ignored events of other services were ignored by the consumer.)"; fi
