#!/usr/bin/env bash
# Usage: scripts/bench-waiting.sh [--smoke]
#   Fills one worker with sagas waiting for an operator (default 10,000) behind a bounded
#   workflow cache, then sends decisions to the oldest (evicted, so each must be replayed from its
#   history) and prints: used heap, JVM threads, and decision-to-next-event p50/p99/max. The server
#   is Temporal's in-memory test server in a JVM of its own (port BENCH_TEST_SERVER_PORT, default
#   7241); the worker runs with -Xmx256m. --smoke: 300 sagas, 20 decisions.
#   Env: AMENDS_BENCH_WAITING, AMENDS_BENCH_CACHE (200), AMENDS_BENCH_WORKFLOW_THREADS (200),
#   AMENDS_BENCH_DECISIONS (200), MVN_FLAGS (default -o).
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  "") ;;
  --smoke) export AMENDS_BENCH_WAITING="${AMENDS_BENCH_WAITING:-300}" AMENDS_BENCH_DECISIONS=20 ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac
PORT="${BENCH_TEST_SERVER_PORT:-7241}"
CP_FILE="$(mktemp)"
SERVER_LOG="$(mktemp)"
# shellcheck disable=SC2086 # MVN_FLAGS may hold several options
./mvnw -q -B ${MVN_FLAGS:--o} -DskipTests package -pl benchmarks -am dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
CP="benchmarks/target/classes:$(cat "$CP_FILE")"
java -Xmx3g -cp "$CP" dev.amends.bench.StandaloneTestServer "$PORT" >"$SERVER_LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f "$CP_FILE" "$SERVER_LOG"' EXIT
for _ in $(seq 60); do
  grep -q "listening" "$SERVER_LOG" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$SERVER_LOG" >&2; exit 1; }
  sleep 1
done
echo "worker: -Xmx256m, $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
AMENDS_BENCH_TEMPORAL="127.0.0.1:$PORT" \
  java -Xmx256m -cp "$CP" dev.amends.bench.WaitingSagasBenchmark 2>&1 | grep -v ' INFO \| DEBUG '
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
