#!/usr/bin/env bash
# Usage: scripts/bench-ledger.sh
#   Measures the effect ledger on PostgreSQL — appends per second with the hash chain from one
#   writer and from many (in one process and in two), and the speed of a walk that verifies the
#   chain — prints the figures and rewrites the ledger section of docs/BENCHMARKS.md. Starts
#   PostgreSQL with scripts/it-env.sh if it is not running; works in a fresh schema it drops after.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

export AMENDS_IT_PG_PORT="${AMENDS_IT_PG_PORT:-55432}"
AMENDS_PG_PORT="$AMENDS_IT_PG_PORT" AMENDS_PG_STATE_DIR="${AMENDS_IT_PG_STATE:-/tmp/amends-it-pg}" \
  postgres-dev/postgres.sh start >&2
CP_FILE="$(mktemp)"
./mvnw -q -B -DskipTests package -pl benchmarks -am dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
AMENDS_BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$AMENDS_IT_PG_PORT/amends" \
  java -Xmx2g -cp "benchmarks/target/classes:$(cat "$CP_FILE")" dev.amends.bench.LedgerBenchmark docs/BENCHMARKS.md
