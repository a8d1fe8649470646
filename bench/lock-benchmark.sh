#!/usr/bin/env bash
# Lock throughput of the service in PostgreSQL mode at 1, 8 and 32 concurrent clients, beside the same
# SQL run directly by pgbench, and the two capacity strategies of ADR 0005 side by side.
# Prints a Markdown report. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test) and pgbench.
# Usage: bench/lock-benchmark.sh [seconds per step, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_STEP=${1:-10}
PORT=${BENCH_PORT:-7171}
SCHEMA="bench_$(date +%s)"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test
JAR=${BENCH_JAR:-bootstrap/target/scheduling-service.jar}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-admin-token"
# shellcheck source=bench/common.sh
. bench/common.sh

build_bench
psql -qc "CREATE SCHEMA $SCHEMA"
trap tear_down_postgres_service EXIT

start_postgres_service "/tmp/$SCHEMA.log"
create_bench_catalog

# bench/HttpLoad.java: 5 s of warm-up (JIT, pool, caches), then each client count in turn.
declare -A SERVICE_ROW
while read -r _ clients ops rate p50 p99 p999 ok conflicts errors; do
  SERVICE_ROW[$clients]="$clients $ops $((conflicts + errors)) $rate $p50 $p99 $p999"
done < <(http_load lock "$SECONDS_PER_STEP" 1,8,32 unit="$UNIT" service="$SERVICE" warmup=5)
kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=

export PGOPTIONS="-c search_path=$SCHEMA"
psql -qf bench/pgbench/setup.sql
pgbench_tps() { # script clients -> "tps latency_ms"
  local out
  out=$(pgbench -n -c "$2" -j 2 -T "$SECONDS_PER_STEP" -f "bench/pgbench/$1" 2>&1)
  if grep -q "aborted" <<< "$out"; then echo "pgbench aborted: $out" >&2; exit 1; fi
  printf '%s %s\n' "$(grep -oP 'tps = \K[0-9.]+' <<< "$out" | head -1)" \
    "$(grep -oP 'latency average = \K[0-9.]+' <<< "$out")"
}

echo "## Lock throughput, PostgreSQL mode ($(date -u +%F))"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);"
echo "$(java -version 2>&1 | head -1); $(psql -tAc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'); service, load generator and database on the same machine; $SECONDS_PER_STEP s per step."
echo
echo "| clients | service locks/s | p50 ms | p99 ms | p99.9 ms | errors | pgbench same SQL tps | pgbench latency ms | service / pgbench |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for clients in 1 8 32; do
  read -r c requests errors rate p50 p99 p999 <<< "${SERVICE_ROW[$clients]}"
  read -r tps latency <<< "$(pgbench_tps lock-upsert.sql "$clients")"
  ratio=$(awk -v a="$rate" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')
  echo "| $clients | $rate | $p50 | $p99 | $p999 | $errors | $tps | $latency | $ratio |"
done
echo
echo "## Capacity strategies (ADR 0005), pgbench, capacity statement only"
echo
echo "| clients | conditional upsert tps | lock rows then update tps | hot slot: upsert tps | hot slot: lock rows tps |"
echo "| ---: | ---: | ---: | ---: | ---: |"
psql -qc "INSERT INTO slot_capacity SELECT 'bench-service', m, 0 FROM generate_series(0, 29) m ON CONFLICT DO NOTHING"
for clients in 1 8 32; do
  read -r a _ <<< "$(pgbench_tps capacity-upsert.sql "$clients")"
  read -r b _ <<< "$(pgbench_tps lock-for-update.sql "$clients")"
  read -r c _ <<< "$(pgbench_tps hot-slot-upsert.sql "$clients")"
  read -r d _ <<< "$(pgbench_tps hot-slot-for-update.sql "$clients")"
  echo "| $clients | $a | $b | $c | $d |"
done
