#!/usr/bin/env bash
# Events through the outbox and RabbitMQ: the service in PostgreSQL mode with SCHEDULING_AMQP_URL, and
# bench/EventsConsumer.java counting the events that reach a queue of its own bound to scheduling.events,
# timing each from its occurredAt. Three steps, each with a fresh consumer: (1) bench/HttpLoad.java locks
# (each lock commits one slot.locked event); (2) a steady 500 events/s committed to the outbox by pgbench
# (bench/pgbench/outbox-event.sql); (3) a backlog committed at once, which measures the relay's ceiling.
# Then RabbitMQ's own PerfTest with publisher confirms on the same machine for the same time.
# Prints a Markdown report. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test) and pgbench,
# RabbitMQ on 127.0.0.1:5672 (guest/guest; rabbitmqctl on this machine gives the run a vhost of its own,
# deleted at the end with every queue in it) and Maven Central (amqp-client, PerfTest).
# Usage: bench/events-benchmark.sh [seconds per step, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_STEP=${1:-15}
CLIENTS=8
STEADY_RATE=${BENCH_EVENTS_RATE:-500}
BACKLOG=${BENCH_EVENTS_BACKLOG:-$((2000 * SECONDS_PER_STEP))}
PORT=${BENCH_PORT:-18174}
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

read -r LOAD_AT_START _ < /proc/loadavg
build_bench
CONSUMER_CP=$(tool_classpath events-consumer com.rabbitmq:amqp-client:5.37.1 org.slf4j:slf4j-nop:2.0.17)
PERF_CP=$(tool_classpath perf-test "com.rabbitmq:perf-test:$PERF_TEST_VERSION") \
  || { PERF_CP=; echo "PerfTest $PERF_TEST_VERSION could not be resolved; its step is skipped" >&2; }
javac -cp "$CONSUMER_CP" -d bench/target/classes bench/EventsConsumer.java

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

# An API instance as in a deployment with workers: notifications and webhooks off, so that the relay's events
# go to the consumer's queue alone, as PerfTest's go to one queue, and no consumer shares the service's JVM.
SCHEDULING_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SCHEDULING_DB_USER=postgres \
SCHEDULING_AMQP_URL="$AMQP_URL" SCHEDULING_ADMIN_TOKEN=$TOKEN SCHEDULING_HTTP_PORT=$PORT \
  SCHEDULING_NOTIFICATIONS=off SCHEDULING_WEBHOOKS=off \
  java $SERVICE_JVM_FLAGS -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_ready "$SERVICE_PID" "$WORK/service.log"
create_bench_catalog

pending() { psql -tAc "SELECT count(*) FROM $SCHEMA.outbox_events WHERE sent_at IS NULL"; }
wait_drained() {
  for _ in $(seq 1 120); do [ "$(pending)" -eq 0 ] && return 0; sleep 0.25; done
  echo "the relay did not deliver the outbox's events" >&2; exit 1
}

# Starts bench/EventsConsumer on a queue of its own; it stops 3 s after the last event, or after the step
# and a minute at most, and writes its line to $WORK/$1.consumer.
start_consumer() {
  java -cp "bench/target/classes:$CONSUMER_CP" EventsConsumer "$AMQP_URL" $((SECONDS_PER_STEP + 60)) 3 "$SERVICE" \
    > "$WORK/$1.consumer" 2> "$WORK/$1.consumer.err" &
  CONSUMER_PID=$!
  for _ in $(seq 1 120); do
    grep -q "consuming from" "$WORK/$1.consumer.err" && return 0
    kill -0 "$CONSUMER_PID" 2>/dev/null || break
    sleep 0.25
  done
  echo "the consumer did not start; see $WORK/$1.consumer.err" >&2; exit 1
}
finish_consumer() { wait "$CONSUMER_PID"; CONSUMER_PID=; }

log "warm-up: $CLIENTS clients, 5 s"
# Warm-up (JIT, pools, the relay's channel), then let the relay deliver its events before anyone counts.
http_load lock 5 "$CLIENTS" unit="$UNIT" service="$SERVICE" warmup=0 > /dev/null
wait_drained

# 1. Through the API: each lock commits one slot.locked event.
start_consumer http
log "load: $CLIENTS clients, $SECONDS_PER_STEP s"
http_load lock "$SECONDS_PER_STEP" "$CLIENTS" unit="$UNIT" service="$SERVICE" warmup=0 > "$WORK/load.out"
PENDING_AT_END=$(pending)
log "load done; the consumer drains"
finish_consumer
PENDING_AFTER=$(pending)

# 2. A steady 500 events/s (BENCH_EVENTS_RATE), more than the API path commits on these cores: pgbench
# commits outbox rows at that rate, each a copy of a real slot.locked envelope with a new eventId and
# occurredAt = the inserting transaction's start, and the service's relay delivers them.
export PGOPTIONS="-c search_path=$SCHEMA"
psql -qc "CREATE TABLE bench_event_template AS SELECT envelope FROM outbox_events WHERE type = 'slot.locked' LIMIT 1"
start_consumer steady
log "steady: $STEADY_RATE events/s for $SECONDS_PER_STEP s"
pgbench -n -c 2 -j 1 -R "$STEADY_RATE" -T "$SECONDS_PER_STEP" -f bench/pgbench/outbox-event.sql > "$WORK/steady.pgbench" 2>&1
STEADY_TPS=$(grep -oP 'tps = \K[0-9.]+' "$WORK/steady.pgbench" | head -1 | xargs printf '%.0f')
finish_consumer

# 3. The relay's ceiling: a backlog committed at once, delivered as fast as the relay goes.
start_consumer backlog
log "backlog: $BACKLOG events"
psql -qc "INSERT INTO outbox_events (event_id, type, occurred_at, envelope)
  SELECT id, 'slot.locked', now(), regexp_replace(t.envelope, '\"eventId\":\"[^\"]+\"', '\"eventId\":\"' || id || '\"')
  FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $BACKLOG)) AS e, bench_event_template AS t"
finish_consumer
PENDING_BACKLOG=$(pending)
unset PGOPTIONS
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=

read -r _ _ requests lock_rate lock_p50 lock_p99 _ ok _ errors < "$WORK/load.out"
read -r events duplicates ignored _ event_rate p50 p99 max < "$WORK/http.consumer"
missing=$((ok - events))
read -r s_events s_duplicates _ _ s_rate s_p50 s_p99 s_max < "$WORK/steady.consumer"
read -r b_events b_duplicates _ b_window b_rate _ _ _ < "$WORK/backlog.consumer"

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

echo "## Events through the outbox and RabbitMQ"
echo
if [ -z "${BENCH_IN_SUITE:-}" ]; then
  echo "$(date -u '+%F %H:%M UTC'); $(machine_line); $(java -version 2>&1 | head -1);" \
    "$(psql -tAc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /');" \
    "RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '(version unknown)');" \
    "load average at start $LOAD_AT_START."
  echo
fi
echo "PerfTest $PERF_TEST_VERSION; service, load generator, consumer, PostgreSQL and RabbitMQ on the same machine;" \
  "$SECONDS_PER_STEP s per step. Latency: envelope occurredAt → receipt by bench/EventsConsumer."
echo
echo "| step | published/s | events at consumer | missing | duplicates | events/s at consumer | latency p50 ms | p99 ms | max ms | outbox pending after |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| API: POST /slots/lock, $CLIENTS clients ($lock_rate locks/s, p50 $lock_p50 ms, p99 $lock_p99 ms, $errors errors; $PENDING_AT_END pending at end of load) | $lock_rate | $events | $missing | $duplicates | $event_rate | $p50 | $p99 | $max | $PENDING_AFTER |"
echo "| steady: outbox rows committed at $STEADY_RATE/s by pgbench | $STEADY_TPS | $s_events | | $s_duplicates | $s_rate | $s_p50 | $s_p99 | $s_max | |"
echo "| relay ceiling: $BACKLOG rows committed at once, drained in ${b_window} s | | $b_events | $((BACKLOG - b_events)) | $b_duplicates | $b_rate | | | | $PENDING_BACKLOG |"
if [ -n "$PERF_ROW" ]; then
  echo "| PerfTest \`-x 1 -y 1 -s 400 -c 200 -f persistent\` (latency: at saturation) | $PERF_SENT | | | | $PERF_RECEIVED | $(ms "$PERF_P50") | $(ms "$PERF_P99") | | |"
  echo
  echo "Relay ceiling / PerfTest received: **$(ratio "$b_rate" "$PERF_RECEIVED")**; API path / PerfTest: $(ratio "$event_rate" "$PERF_RECEIVED")."
  echo "EVENTS_SUMMARY relay=$b_rate perf=$PERF_RECEIVED steady_rate=$s_rate steady_p99=$s_p99 api_rate=$event_rate api_p99=$p99" >&2
else
  echo "| PerfTest | did not run (see the messages above) | | | | | | | | |"
fi
if [ "$ignored" -ne 0 ]; then echo; echo "($ignored events of other services were ignored by the consumer.)"; fi
