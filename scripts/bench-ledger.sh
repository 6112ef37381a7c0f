#!/usr/bin/env bash
# Usage: scripts/bench-ledger.sh [--smoke]
#   Measures the effect ledger on PostgreSQL — appends per second with the hash chain from one
#   writer and from many (in one process and in two), and the speed of a walk that verifies the
#   chain — prints the figures and rewrites the ledger section of docs/BENCHMARKS.md. Starts
#   PostgreSQL with scripts/it-env.sh's port and state if it is not running (env AMENDS_IT_PG_PORT,
#   AMENDS_IT_PG_STATE); works in a fresh schema it drops after. --smoke: every scenario with a
#   few hundred appends, prints the figures, leaves docs/BENCHMARKS.md alone; exits non-zero if
#   anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
SMOKE=()
case "${1:-}" in
  "") ;;
  --smoke) SMOKE=(--smoke) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

export AMENDS_IT_PG_PORT="${AMENDS_IT_PG_PORT:-55432}"
AMENDS_PG_PORT="$AMENDS_IT_PG_PORT" AMENDS_PG_STATE_DIR="${AMENDS_IT_PG_STATE:-/tmp/amends-it-pg}" \
  postgres-dev/postgres.sh start >&2
CP_FILE="$(mktemp)"
./mvnw -q -B -DskipTests package -pl benchmarks -am dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
AMENDS_BENCH_DB_URL="jdbc:postgresql://127.0.0.1:$AMENDS_IT_PG_PORT/amends" \
  java -Xmx2g -cp "benchmarks/target/classes:$(cat "$CP_FILE")" dev.amends.bench.LedgerBenchmark \
  ${SMOKE[@]+"${SMOKE[@]}"} docs/BENCHMARKS.md
