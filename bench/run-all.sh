#!/usr/bin/env bash
# The whole benchmark suite in one run (issue #9): the service against the limits of its own parts, on
# this machine, in under 10 minutes on 2 cores with the default 5 s per step. Writes a Markdown report to
# bench/results/<UTC date and time>.md (and a copy at bench/target/report.md); progress goes to stderr.
#
#   1. In memory: start-up time to /ready 200, resident memory at idle and under load, and HTTP load from
#      bench/HttpLoad.java (its own JVM) at 1, 8, 32 and 64 connections: availability of 1 and of 31 days,
#      lock + release on random slots, locks on one hot slot (mostly 409 slot_full).
#   2. The HTTP limit: an empty Javalin route (bench/EmptyJavalin.java, the jar's Javalin and Jetty; and its
#      POST /echo at 32 connections, what a POST with a lock's body costs the HTTP layer alone), and
#      the service's own GET /health, under the same load generator.
#   3. PostgreSQL: the same HTTP load against the service on a schema of its own; then pgbench running the
#      same statements (bench/pgbench/*.sql) at the same concurrency on the same data.
#   4. Events: bench/events-benchmark.sh (API path, a steady 500 events/s, the relay's ceiling, PerfTest).
#   5. JMH (bench/jmh): 31-day slot generation and the in-memory capacity store under contention.
#
# Needs: Java 17 and Maven; PostgreSQL on 127.0.0.1:5432 (user postgres, trust, database test), psql and
# pgbench; RabbitMQ on 127.0.0.1:5672 (guest/guest) and rabbitmqctl. Every schema, vhost and process the
# run makes is removed at the end, failed or interrupted runs included.
#
# Usage: bench/run-all.sh [seconds per step, default 5]
# Environment: BENCH_MVN_ARGS (added to every Maven command, e.g. -Dmaven.repo.local=...),
#   BENCH_JAR (the service jar; built if missing), BENCH_SKIP_EVENTS=1, BENCH_SKIP_JMH=1.
set -euo pipefail
cd "$(dirname "$0")/.."

STEP=${1:-5}
CLIENTS=1,8,32,64
PORT_MEMORY=18171
PORT_POSTGRES=18172
PORT_EMPTY=18173
STAMP=$(date +%s)
SCHEMA="bench_all_$STAMP"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test
JAR=${BENCH_JAR:-bootstrap/target/scheduling-service.jar}
TOKEN="bench-admin-token"
HOT_CAPACITY=5
WORK=$(mktemp -d /tmp/bench-all.XXXXXX)
REPORT_NAME="$(date -u +%Y-%m-%d-%H%M).md"
BASE=
# shellcheck source=bench/common.sh
. bench/common.sh

PIDS=()
log() { echo "[$(date +%T)] $*" >&2; }
cleanup() {
  local status=$?
  set +e
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  psql -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1
  if [ "$status" -eq 0 ]; then rm -rf "$WORK"; else echo "benchmark suite failed; logs in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a JVM in the background and remembers its pid in LAST_PID (and for the cleanup).
start_bg() { # log command...
  local out=$1
  shift
  "$@" > "$out" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
stop_pid() {
  kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true
}
# The highest VmRSS of a process, sampled every 0.5 s until the file $2.stop exists; written to $2.
sample_rss() { # pid file
  local max=0 now
  while [ ! -e "$2.stop" ]; do
    now=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "${now:-0}" -gt "$max" ] && max=$now
    sleep 0.5
  done
  echo $((max / 1024)) > "$2"
}

# CPU time in clock ticks: "service postgres busy total" (the service's JVM, every PostgreSQL process, the
# whole machine busy and in all), to tell where the cores went during a step.
cpu_snapshot() { # service-pid
  local service postgres=0 pid
  service=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
  for pid in $(pgrep -u postgres); do
    postgres=$((postgres + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  awk -v s="$service" -v p="$postgres" '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print s, p, busy, busy + $5 + $6 }' /proc/stat
}
# Share of the machine's cores used by the service, PostgreSQL and everything, between two snapshots.
cpu_shares() { # before after -> "service% postgres% busy%" of all cores
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[4] - x[4];
    printf "%.0f %.0f %.0f", 100 * (y[1] - x[1]) / t, 100 * (y[2] - x[2]) / t, 100 * (y[3] - x[3]) / t }'
}

# Loads a JVM until its JIT has settled, before anything of it is measured: rounds of the given loads
# (each an http_load scenario with its options, 2 s at 8 connections against $BASE) until the JIT's
# compiler threads take less than a tenth of a core over a round, or for at most 100 s. On 2 cores a
# fresh service kept compiling for over a minute of load, C2 taking a quarter of its CPU: measured before
# that, the figures were the JIT's more than the code's (lock + release on PostgreSQL at 8 connections:
# 322 pairs/s after 5 s of warm-up, 503 after 90 s; pgbench has nothing to warm). Appends "label seconds
# rounds methods-compiled errors" to $WORK/warmup.txt.
warm_up() { # pid label load...
  local pid=$1 label=$2 start=$SECONDS ticks since load scenario options rounds=0 errors=0
  shift 2
  while :; do
    ticks=$(compiler_ticks "$pid")
    since=$(date +%s%N)
    for load in "$@"; do
      read -r scenario options <<< "$load"
      # shellcheck disable=SC2086
      errors=$((errors + $(http_load "$scenario" 0 8 $options warmup=2 warmup-only=true)))
    done
    rounds=$((rounds + 1))
    # Clock ticks are hundredths of a second: a tenth of a core is 10 ticks a second.
    (( ($(compiler_ticks "$pid") - ticks) * 100000000 < $(date +%s%N) - since || SECONDS - start >= 100 )) && break
  done
  local methods
  methods=$(jstat -compiler "$pid" | awk 'NR == 2 { print $1 }')
  echo "$label $((SECONDS - start)) $rounds $methods $errors" >> "$WORK/warmup.txt"
  log "$label: warmed up in $((SECONDS - start)) s ($rounds rounds, $methods methods compiled, $errors errors)"
}
compiler_ticks() { # pid -> CPU time of its JIT compiler threads, in clock ticks
  # The thread's name holds a space ("C2 CompilerThre"): fields are counted after the ") ".
  grep -h "Compiler" /proc/"$1"/task/*/stat 2>/dev/null | sed 's/.*) //' | awk '{ t += $12 + $13 } END { print t + 0 }'
}

# The service at $BASE warmed up with the scenarios of http_scenarios.
warm_up_service() { # mode
  warm_up "$SERVICE_PID" "$1" "availability unit=$UNIT service=$SERVICE days=31" \
    "lock-release unit=$UNIT service=$SERVICE" "hot-lock unit=$UNIT service=$HOT_SERVICE capacity=$HOT_CAPACITY"
}

# The four HTTP scenarios against the service at $BASE, at each client count; lines to $1.
http_scenarios() { # output mode
  local out=$1 mode=$2
  {
    http_load availability "$STEP" "$CLIENTS" unit="$UNIT" service="$SERVICE" days=1 warmup=2 label="$mode:availability-1d"
    http_load availability "$STEP" "$CLIENTS" unit="$UNIT" service="$SERVICE" days=31 warmup=2 label="$mode:availability-31d"
    local before
    before=$(cpu_snapshot "$SERVICE_PID")
    http_load lock-release "$STEP" "$CLIENTS" unit="$UNIT" service="$SERVICE" warmup=2 label="$mode:lock-release"
    echo "$mode $(cpu_shares "$before" "$(cpu_snapshot "$SERVICE_PID")")" >> "$WORK/cpu.txt"
    http_load hot-lock "$STEP" "$CLIENTS" unit="$UNIT" service="$HOT_SERVICE" capacity="$HOT_CAPACITY" warmup=2 \
      label="$mode:hot-lock"
  } >> "$out"
}

read -r LOAD_START_1 LOAD_START_5 LOAD_START_15 _ < /proc/loadavg
STARTED=$(date +%s)

# --- 0. Build --------------------------------------------------------------------------------------------
log "build: the jar if missing, the load generator, the JMH module's classpath"
build_bench
if [ -z "${BENCH_SKIP_JMH:-}" ]; then
  # shellcheck disable=SC2086
  mvn -q -B ${BENCH_MVN_ARGS:-} -pl bench/jmh -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$WORK/jmh-classpath.txt" >&2
fi

# --- 1. In memory ----------------------------------------------------------------------------------------
BASE="http://127.0.0.1:$PORT_MEMORY"
log "in memory: start-up"
T0=$(date +%s%N)
start_bg "$WORK/memory.log" env SCHEDULING_ADMIN_TOKEN=$TOKEN SCHEDULING_HTTP_PORT=$PORT_MEMORY \
  java $SERVICE_JVM_FLAGS -jar "$JAR"
MEMORY_PID=$LAST_PID
SERVICE_PID=$MEMORY_PID
wait_ready "$MEMORY_PID" "$WORK/memory.log"
READY_MS=$(( ($(date +%s%N) - T0) / 1000000 ))
sleep 2
RSS_IDLE_START=$(rss_mb "$MEMORY_PID")
create_bench_catalog
sample_rss "$MEMORY_PID" "$WORK/rss-load" &
SAMPLER_PID=$!
log "in memory: HTTP load, 4 scenarios x $CLIENTS clients x $STEP s"
warm_up_service memory
http_scenarios "$WORK/http.txt" memory
log "in memory: lock alone at 32 connections; GET /health"
http_load lock "$STEP" 32 unit="$UNIT" service="$SERVICE" label=memory:lock >> "$WORK/http.txt"
http_load get "$STEP" "$CLIENTS" path=/health label=memory:health >> "$WORK/http.txt"
touch "$WORK/rss-load.stop"; wait "$SAMPLER_PID"
RSS_LOAD=$(cat "$WORK/rss-load")
LOAD_ENDED=$SECONDS
sleep 3
RSS_AFTER_LOAD=$(rss_mb "$MEMORY_PID")
# What the resident memory is made of: the Java heap that G1 has committed (and the maximum it may take).
heap_info() { jcmd "$MEMORY_PID" GC.heap_info 2>/dev/null | grep -oP 'garbage-first heap\s+total \K[0-9]+K, used [0-9]+K' || echo '?'; }
HEAP_AFTER_LOAD=$(heap_info)
HEAP_MAX=$(java $SERVICE_JVM_FLAGS -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%.0f MB", $4 / 1048576 }')
# The service stays up, idle, through the empty route's step and the PostgreSQL service's warm-up: G1's
# periodic collection (a Dockerfile flag) gives the heap it no longer needs back once no collection has run
# for its interval (G1 checks about once an interval, so the first comes up to two intervals after the
# load), and the memory is uncommitted in the background after it; measured at least two intervals and
# 10 s after the load, before anything else is measured.
IDLE_WAIT=$(grep -oP 'G1PeriodicGCInterval=\K[0-9]+' <<< "$SERVICE_JVM_FLAGS" | awk '{ print 2 * int($1 / 1000) + 10 }')

# --- 2. The empty Javalin route ----------------------------------------------------------------------------
log "empty Javalin route"
start_bg "$WORK/empty.log" java -cp "$JAR:bench/target/classes" EmptyJavalin $PORT_EMPTY
EMPTY_PID=$LAST_PID
BASE="http://127.0.0.1:$PORT_EMPTY"
for _ in $(seq 1 200); do curl -sf "$BASE/empty" >/dev/null && break; sleep 0.05; done
warm_up "$EMPTY_PID" limit "get path=/empty" "post path=/echo"
http_load get "$STEP" "$CLIENTS" path=/empty warmup=2 label=limit:empty-javalin >> "$WORK/http.txt"
# The HTTP layer's share of a lock request: a POST of the same body, read and sent back (32 connections).
http_load post "$STEP" 32 path=/echo warmup=2 label=limit:post-echo >> "$WORK/http.txt"
stop_pid "$EMPTY_PID"

# --- 3. PostgreSQL -----------------------------------------------------------------------------------------
log "PostgreSQL: schema $SCHEMA"
psql -qc "CREATE SCHEMA $SCHEMA"
BASE="http://127.0.0.1:$PORT_POSTGRES"
start_bg "$WORK/postgres.log" env SCHEDULING_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  SCHEDULING_DB_USER=postgres SCHEDULING_ADMIN_TOKEN=$TOKEN SCHEDULING_HTTP_PORT=$PORT_POSTGRES java $SERVICE_JVM_FLAGS -jar "$JAR"
POSTGRES_PID=$LAST_PID
SERVICE_PID=$POSTGRES_PID
wait_ready "$POSTGRES_PID" "$WORK/postgres.log"
POOL_SIZE=$(( $(nproc) * 2 + 1 ))
create_bench_catalog
warm_up_service postgres
sleep $(( IDLE_WAIT > SECONDS - LOAD_ENDED ? IDLE_WAIT - (SECONDS - LOAD_ENDED) : 0 ))
IDLE_SECONDS=$((SECONDS - LOAD_ENDED))
RSS_IDLE_AFTER=$(rss_mb "$MEMORY_PID")
HEAP_IDLE_AFTER=$(heap_info)
stop_pid "$MEMORY_PID"
log "PostgreSQL: HTTP load, 4 scenarios x $CLIENTS clients x $STEP s"
http_scenarios "$WORK/http.txt" postgres
stop_pid "$POSTGRES_PID"
log "pgbench: the same statements"
export PGOPTIONS="-c search_path=$SCHEMA"
psql -qf bench/pgbench/setup.sql
# The availability of 31 days that HttpLoad asked for: from its first date (the first weekday from the
# day after tomorrow) for 31 days, in epoch minutes; the service's own unit and service, on their data.
FROM=$(date -u -d "+2 days" +%F)
while [ "$(date -u -d "$FROM" +%u)" -gt 5 ]; do FROM=$(date -u -d "$FROM +1 day" +%F); done
FIRST_MINUTE=$(( $(date -u -d "$FROM 09:00" +%s) / 60 ))
END_MINUTE=$(( $(date -u -d "$FROM +30 days 18:00" +%s) / 60 ))
pgbench_row() { # label script clients [pgbench options] -> "label clients tps latency_ms"
  local label=$1 script=$2 clients=$3 out
  shift 3
  out=$(pgbench -n -M prepared -c "$clients" -j 2 -T "$STEP" "$@" -f "bench/pgbench/$script" 2>&1)
  if grep -q "aborted" <<< "$out"; then echo "pgbench aborted: $out" >&2; exit 1; fi
  printf '%s %s %s %s\n' "$label" "$clients" "$(grep -oP 'tps = \K[0-9.]+' <<< "$out" | head -1)" \
    "$(grep -oP 'latency average = \K[0-9.]+' <<< "$out")"
}
BEFORE=$(cpu_snapshot $$)
for clients in ${CLIENTS//,/ }; do
  pgbench_row lock-release lock-release.sql "$clients"
  pgbench_row availability-31d availability.sql "$clients" -D unit="$UNIT" -D service="$SERVICE" \
    -D first="$FIRST_MINUTE" -D end="$END_MINUTE"
  pgbench_row hot-lock hot-slot-refused.sql "$clients"
done > "$WORK/pgbench.txt"
echo "pgbench(all) $(cpu_shares "$BEFORE" "$(cpu_snapshot $$)")" >> "$WORK/cpu.txt"
unset PGOPTIONS
psql -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

# --- 4. Events ---------------------------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_EVENTS:-}" ]; then
  log "events: bench/events-benchmark.sh $STEP"
  BENCH_IN_SUITE=1 BENCH_JAR="$JAR" bench/events-benchmark.sh "$STEP" > "$WORK/events.md" 2> "$WORK/events.err" \
    || { cat "$WORK/events.err" >&2; exit 1; }
  grep -v '^EVENTS_SUMMARY' "$WORK/events.err" >&2 || true
  EVENTS_SUMMARY=$(grep -oP '^EVENTS_SUMMARY \K.*' "$WORK/events.err" || true)
fi

# --- 5. JMH ------------------------------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_JMH:-}" ]; then
  log "JMH: 2 forks x (1 x 2 s warm-up + 3 x 1 s)"
  java -cp "bench/jmh/target/classes:$(cat "$WORK/jmh-classpath.txt")" org.openjdk.jmh.Main \
    -f 2 -wi 1 -w 2s -i 3 -r 1s -rf csv -rff "$WORK/jmh.csv" > "$WORK/jmh.out" 2>&1 \
    || { tail -30 "$WORK/jmh.out" >&2; exit 1; }
fi
ELAPSED=$(( $(date +%s) - STARTED ))
read -r LOAD_END_1 LOAD_END_5 LOAD_END_15 _ < /proc/loadavg

# --- Report ------------------------------------------------------------------------------------------------
# Lines of http.txt: mode:scenario clients ops ops/s p50 p99 p99.9 ok conflicts errors [capacity used check]
# [warmup-errors=N]
field() { # mode:scenario clients column(1-based after label) -> value
  awk -v l="$1" -v c="$2" -v f="$3" '$1 == l && $2 == c { print $(f) }' "$WORK/http.txt"
}
pg_field() { # label clients column
  awk -v l="$1" -v c="$2" -v f="$3" '$1 == l && $2 == c { print $(f) }' "$WORK/pgbench.txt"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
verdict() { [ "$1" = 1 ] && echo "**met**" || echo "**not met**"; }

{
  echo "# Benchmark suite: $(date -u '+%F %H:%M UTC')"
  echo
  echo "- Command: \`bench/run-all.sh $STEP\` ($STEP s per step), $ELAPSED s in all, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "- Machine: $(machine_line); load average $LOAD_START_1 / $LOAD_START_5 / $LOAD_START_15 (1/5/15 min) at the start, $LOAD_END_1 / $LOAD_END_5 / $LOAD_END_15 at the end."
  echo "- Versions: $(java -version 2>&1 | head -1 | tr -d '"'); PostgreSQL $(psql -tAc 'SHOW server_version' | cut -d' ' -f1); RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '?'); Javalin $(unzip -p "$JAR" META-INF/maven/io.javalin/javalin/pom.properties 2>/dev/null | grep -oP '^version=\K.*' || echo '?'); JMH 1.37."
  echo "- Everything on the same cores: the service's JVM, the load generator's JVM, PostgreSQL, RabbitMQ."
  echo "  Load generator: bench/HttpLoad.java, HTTP/1.1 on plain sockets (one keep-alive connection per client), closed loop (each connection sends its"
  echo "  next request when the last is answered). PostgreSQL pool: $POOL_SIZE connections (default)."
  echo "- Warm-up: each JVM under load until its JIT settled (until a round of its scenarios, 2 s each at 8 connections, took"
  echo "  the compiler threads less than a tenth of a core; at most 100 s), then 2 s more before each scenario:"
  echo "  $(awk '{ printf "%s%s %s s (%s rounds, %s methods compiled, %s errors)", (NR > 1 ? "; " : ""), $1, $2, $3, $4, $5 }' "$WORK/warmup.txt")."
  echo
  echo "## HTTP: the service in memory and on PostgreSQL, and the empty route"
  echo
  echo "Operations per second and latency (ms). lock-release: one operation is a lock and its release (two"
  echo "requests). hot-lock: capacity $HOT_CAPACITY, a new slot for each client count; \"check\" compares the 201s with the"
  echo "capacity and with what availability then shows as used."
  echo
  echo "| mode | scenario | clients | ops/s | p50 | p99 | p99.9 | 2xx | 409 | errors | check |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  awk '{ warm = ""; if (match($0, / warmup-errors=[0-9]+/)) { warm = substr($0, RSTART + 15, RLENGTH - 15); $0 = substr($0, 1, RSTART - 1) }
         split($1, m, ":"); check = (NF > 10) ? $13 " (" $12 " used of " $11 ")" : "";
         if (warm != "") check = check (check == "" ? "" : "; ") warm " errors in the warm-up";
         printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", m[1], m[2], $2, $4, $5, $6, $7, $8, $9, $10, check }' \
    "$WORK/http.txt"
  echo
  echo "## pgbench: the same statements, the same concurrency, the same data"
  echo
  echo "\`pgbench -M prepared\` (server-side prepared statements, as pgjdbc uses them after 5 executions), \`-j 2\`,"
  echo "on the schema the service just used, right after it stopped."
  echo
  echo "| script | clients | tps | latency avg ms |"
  echo "| --- | ---: | ---: | ---: |"
  awk '{ printf "| %s | %s | %.0f | %s |\n", $1, $2, $3, $4 }' "$WORK/pgbench.txt"
  echo
  echo "## Ratios: service / limit"
  echo
  echo "| clients | PG lock+release / pgbench lock-release.sql | PG availability-31d / pgbench availability.sql | PG hot-lock / pgbench hot-slot-refused.sql | memory lock+release requests / empty route | memory availability-31d / empty route | memory /health / empty route |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for c in ${CLIENTS//,/ }; do
    empty=$(field limit:empty-javalin "$c" 4)
    echo "| $c | $(ratio "$(field postgres:lock-release "$c" 4)" "$(pg_field lock-release "$c" 3)") |" \
      "$(ratio "$(field postgres:availability-31d "$c" 4)" "$(pg_field availability-31d "$c" 3)") |" \
      "$(ratio "$(field postgres:hot-lock "$c" 4)" "$(pg_field hot-lock "$c" 3)") |" \
      "$(ratio "$(awk -v x="$(field memory:lock-release "$c" 4)" 'BEGIN { print 2 * x }')" "$empty") |" \
      "$(ratio "$(field memory:availability-31d "$c" 4)" "$empty") |" \
      "$(ratio "$(field memory:health "$c" 4)" "$empty") |"
  done
  echo
  echo "Where the cores went during the lock + release steps (all client counts; % of all $(nproc) cores, so"
  echo "100% is the whole machine; the load generator and everything else are the rest of \"busy\"):"
  echo
  echo "| step | service JVM | PostgreSQL | machine busy |"
  echo "| --- | ---: | ---: | ---: |"
  awk '{ if ($1 ~ /pgbench/) printf "| %s | - | (its backends end with each pgbench run: not counted) | %s%% |\n", $1, $4;
         else printf "| %s | %s%% | %s%% | %s%% |\n", $1, $2, $3, $4 }' "$WORK/cpu.txt"
  echo
  echo "## Start-up and memory (in memory)"
  echo
  echo "| launch → GET /ready 200 | RSS idle after start | RSS peak under load | RSS 3 s after the load | RSS idle ${IDLE_SECONDS} s after the load |"
  echo "| ---: | ---: | ---: | ---: | ---: |"
  echo "| $READY_MS ms | $RSS_IDLE_START MB | $RSS_LOAD MB | $RSS_AFTER_LOAD MB | $RSS_IDLE_AFTER MB |"
  echo
  echo "JVM flags (the Dockerfile's): \`$SERVICE_JVM_FLAGS\`; maximum heap they give on this machine: $HEAP_MAX."
  echo "Java heap (G1 total committed, used): 3 s after the load $HEAP_AFTER_LOAD; ${IDLE_SECONDS} s after it $HEAP_IDLE_AFTER."
  echo
  if [ -n "${BENCH_SKIP_EVENTS:-}" ]; then
    echo "## Events"; echo; echo "Skipped (BENCH_SKIP_EVENTS)."
  else
    cat "$WORK/events.md"
  fi
  echo
  echo "## JMH micro-benchmarks"
  echo
  if [ -n "${BENCH_SKIP_JMH:-}" ]; then
    echo "Skipped (BENCH_SKIP_JMH)."
  else
    echo "2 forks, each with 1 warm-up iteration of 2 s and 3 measured iterations of 1 s."
    echo
    echo "| benchmark | params | threads | score | ± (99.9%) | unit |"
    echo "| --- | --- | ---: | ---: | ---: | --- |"
    tail -n +2 "$WORK/jmh.csv" | tr -d '"\r' | awk -F, '{ params = ($8 != "" ? $8 : "") ($9 != "" ? $9 : "");
      sub(/^dev\.scheduling\.bench\./, "", $1);
      printf "| %s | %s | %s | %.3f | %.3f | %s |\n", $1, params, $3, $5, $6, $7 }'
  fi
  echo
  echo "## Targets (issue #9)"
  echo
  echo "| target | measured | verdict |"
  echo "| --- | --- | --- |"
  met=1; detail=""
  for c in ${CLIENTS//,/ }; do
    r=$(ratio "$(field postgres:lock-release "$c" 4)" "$(pg_field lock-release "$c" 3)")
    detail="$detail $c: $r;"
    awk -v r="$r" 'BEGIN { exit !(r >= 0.6) }' || met=0
  done
  echo "| PostgreSQL lock+release ≥ 60% of pgbench, same statements and concurrency |$detail | $(verdict $met) |"
  over=$(awk '$1 ~ /hot-lock/ && $13 != "ok"' "$WORK/http.txt" | wc -l)
  echo "| no overbooking at any concurrency | $over hot-slot steps with more 201s than capacity or a mismatch | $(verdict "$([ "$over" -eq 0 ] && echo 1)") |"
  r=$(ratio "$(field memory:lock 32 4)" "$(field limit:empty-javalin 32 4)")
  r2=$(ratio "$(awk -v x="$(field memory:lock-release 32 4)" 'BEGIN { print 2 * x }')" "$(field limit:empty-javalin 32 4)")
  r3=$(ratio "$(field memory:lock 32 4)" "$(field limit:post-echo 32 4)")
  echo "| in-memory lock ≥ 50% of the empty route at 32 connections | locks/s / empty route: $r (lock+release requests/s / empty route: $r2; locks/s / POST echo route: $r3) | $(verdict "$(awk -v r="$r" 'BEGIN { print (r >= 0.5) }')") |"
  p=$(field memory:availability-31d 8 6)
  echo "| availability 31 days p99 < 10 ms in memory, 8 connections | $p ms | $(verdict "$(awk -v p="$p" 'BEGIN { print (p < 10) }')") |"
  p=$(field postgres:availability-31d 8 6)
  echo "| availability 31 days p99 < 25 ms on PostgreSQL, 8 connections | $p ms | $(verdict "$(awk -v p="$p" 'BEGIN { print (p < 25) }')") |"
  if [ -n "${EVENTS_SUMMARY:-}" ]; then
    eval "$EVENTS_SUMMARY"
    # shellcheck disable=SC2154
    r=$(ratio "$relay" "$perf")
    echo "| relay throughput ≥ 50% of PerfTest with confirms | relay ceiling $relay events/s, PerfTest $perf msg/s: $r | $(verdict "$(awk -v r="$r" 'BEGIN { print (r >= 0.5) }')") |"
    # shellcheck disable=SC2154
    echo "| commit → consumer p99 < 200 ms at a steady 500 events/s | $steady_rate events/s at the consumer, p99 $steady_p99 ms | $(verdict "$(awk -v p="$steady_p99" -v r="$steady_rate" 'BEGIN { print (p < 200 && r >= 450) }')") |"
  fi
  echo "| ready < 3 s in memory | $READY_MS ms | $(verdict "$([ "$READY_MS" -lt 3000 ] && echo 1)") |"
  echo "| RSS < 300 MB at idle | $RSS_IDLE_START MB after start, $RSS_IDLE_AFTER MB idle ${IDLE_SECONDS} s after the load | $(verdict "$([ "$RSS_IDLE_START" -lt 300 ] && [ "$RSS_IDLE_AFTER" -lt 300 ] && echo 1)") |"
} > "$WORK/report.md"

mkdir -p bench/results bench/target
cp "$WORK/report.md" "bench/results/$REPORT_NAME"
cp "$WORK/report.md" bench/target/report.md
log "done in $ELAPSED s: bench/results/$REPORT_NAME"
