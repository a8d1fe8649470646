#!/usr/bin/env bash
# Where the service's gap to pgbench on lock + release goes: the same minutes, at 8 and 32 connections,
# in alternating rounds, the service (bench/HttpLoad.java lock-release), pgbench running
# bench/pgbench/lock-release.sql, and the same script through pgjdbc in a JVM with nothing of the service
# around it (bench/JdbcScript.java: no HTTP, no JDBI, no pool). jdbc / pgbench is what the JVM and its
# driver alone keep of pgbench's rate; service / jdbc what the service keeps of that (docs/performance.md).
# Prints a Markdown table. Needs what bench/run-all.sh needs for PostgreSQL (psql, pgbench, the server).
# Usage: bench/driver-limit.sh [seconds per step, default 10] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."

STEP=${1:-10}
ROUNDS=${2:-2}
PORT=${BENCH_PORT:-18175}
SCHEMA="bench_driver_$(date +%s)"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test
JAR=${BENCH_JAR:-bootstrap/target/scheduling-service.jar}
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-admin-token"
WORK=$(mktemp -d)
# shellcheck source=bench/common.sh
. bench/common.sh

build_bench
javac -cp "$JAR" -d bench/target/classes bench/JdbcScript.java
psql -qc "CREATE SCHEMA $SCHEMA"
cleanup() {
  tear_down_postgres_service
  rm -rf "$WORK"
}
trap cleanup EXIT

start_postgres_service "$WORK/service.log"
create_bench_catalog
export PGOPTIONS="-c search_path=$SCHEMA"
psql -qf bench/pgbench/setup.sql
URL="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$SCHEMA"

# The service's JVM compiles for a minute and more under this load on 2 cores (docs/performance.md):
# 90 s of lock + release before the first round. JdbcScript warms up each time it starts (30 s).
echo "warming the service up for 90 s" >&2
http_load lock-release 90 8 unit="$UNIT" service="$SERVICE" warmup=0 > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  for clients in 8 32; do
    echo "round $round, $clients connections" >&2
    read -r _ _ _ rate _ <<< "$(http_load lock-release "$STEP" "$clients" unit="$UNIT" service="$SERVICE" warmup=2)"
    echo "service $clients $rate" >> "$WORK/rows"
    out=$(pgbench -n -M prepared -c "$clients" -j 2 -T "$STEP" -f bench/pgbench/lock-release.sql 2>&1)
    if grep -q "aborted" <<< "$out"; then echo "pgbench aborted: $out" >&2; exit 1; fi
    echo "pgbench $clients $(grep -oP 'tps = \K[0-9.]+' <<< "$out" | head -1)" >> "$WORK/rows"
    read -r _ _ rate <<< "$(java $SERVICE_JVM_FLAGS -cp "$JAR:bench/target/classes" JdbcScript "$URL" \
      bench/pgbench/lock-release.sql "$STEP" "$clients" warmup=30)"
    echo "jdbc $clients $rate" >> "$WORK/rows"
  done
done
tear_down_postgres_service

echo "## Lock + release on PostgreSQL: the service, pgbench and the JVM driver alone ($(date -u '+%F %H:%M') UTC)"
echo
machine_line
echo "$STEP s per step, $ROUNDS rounds alternating the three (the service warmed up 90 s first, JdbcScript 30 s at each start); pairs (lock + release) per second."
echo
echo "| round | connections | service | pgbench | pgjdbc alone | pgjdbc / pgbench | service / pgjdbc | service / pgbench |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
awk '{ rate[NR] = $3; clients[NR] = $2 }
     END { for (i = 1; i <= NR; i += 3) {
             s = rate[i]; p = rate[i + 1]; j = rate[i + 2]
             printf "| %d | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |\n", int((i - 1) / 6) + 1, clients[i], s, p, j, j / p, s / j, s / p } }' \
  "$WORK/rows"
