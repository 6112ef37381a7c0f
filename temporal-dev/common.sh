#!/usr/bin/env bash
# Usage: source "$(dirname "$0")/common.sh"   (shared by start.sh and stop.sh; not run directly)
# Paths and ports of the local Temporal dev server, in one place so start and stop agree.
set -euo pipefail

TEMPORAL_DEV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_DIR="${TEMPORAL_DEV_STATE_DIR:-$TEMPORAL_DEV_DIR/.state}"
PID_FILE="$STATE_DIR/temporal.pid"
LOG_FILE="$STATE_DIR/server.log"
DB_FILE="$STATE_DIR/temporal.db"
# Loopback only: the dev server skips security checks, so nothing outside this host may reach it.
BIND_IP=127.0.0.1
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_ADDR="$BIND_IP:$TEMPORAL_PORT"

# Prints the pid of the running dev server started from this folder, or nothing.
# The command line is checked too, so a pid reused by another process is not mistaken for ours.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
      && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "server start-dev"; then
    echo "$pid"
  fi
}
