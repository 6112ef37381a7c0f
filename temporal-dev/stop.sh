#!/usr/bin/env bash
# Usage: temporal-dev/stop.sh
#   Stops the Temporal dev server started by start.sh (found by its pid file) and waits until it
#   has exited; kills it after TEMPORAL_STOP_TIMEOUT seconds (default 30). State is kept.
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TIMEOUT="${TEMPORAL_STOP_TIMEOUT:-30}"

pid="$(running_pid)"
if [[ -z "$pid" ]]; then
  echo "Temporal dev server not running"
  rm -f "$PID_FILE"
  exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "stop.sh: pid $pid still running after ${TIMEOUT}s; sending KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.5
done
rm -f "$PID_FILE"
echo "Temporal dev server stopped (pid $pid)"
