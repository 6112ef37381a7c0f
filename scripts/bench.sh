#!/usr/bin/env bash
# Usage: scripts/bench.sh [--smoke]
#   Measures what an amends saga costs against the plain-Saga twin on a real Temporal dev server
#   (started here if not running, on its own port and state), prints the figures and rewrites the
#   saga section of docs/BENCHMARKS.md. --smoke: every phase on a few sagas (about a minute),
#   prints the figures, leaves docs/BENCHMARKS.md alone; exits non-zero if anything fails.
#   Env: AMENDS_BENCH_WAITING (sagas left waiting for an operator in the heap figure, default 1000,
#   20 with --smoke), BENCH_TEMPORAL_PORT (default 7240).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
SMOKE=()
case "${1:-}" in
  "") ;;
  --smoke) SMOKE=(--smoke) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

export TEMPORAL_PORT="${BENCH_TEMPORAL_PORT:-7240}"
export TEMPORAL_UI_PORT="${BENCH_TEMPORAL_UI_PORT:-8240}"
export TEMPORAL_DEV_STATE_DIR="${BENCH_TEMPORAL_STATE:-/tmp/amends-bench-temporal}"
rm -rf "$TEMPORAL_DEV_STATE_DIR"   # a fresh server: no earlier run's histories in the way
temporal-dev/start.sh
trap 'temporal-dev/stop.sh' EXIT

CP_FILE="$(mktemp)"
./mvnw -q -B -DskipTests package -pl benchmarks -am dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
AMENDS_BENCH_TEMPORAL="127.0.0.1:$TEMPORAL_PORT" \
  java -Xmx2g -cp "benchmarks/target/classes:$(cat "$CP_FILE")" dev.amends.bench.SagaBenchmark \
  ${SMOKE[@]+"${SMOKE[@]}"} docs/BENCHMARKS.md
