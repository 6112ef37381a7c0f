#!/usr/bin/env bash
# Usage: temporal-dev/start.sh
#   Starts a local Temporal dev server (SQLite state in temporal-dev/.state/temporal.db, Web UI on),
#   bound to 127.0.0.1 only, with every search attribute in temporal-dev/search-attributes.txt,
#   and waits until it is healthy. Does nothing if it is already running.
#   Env: TEMPORAL_PORT (default 7233), TEMPORAL_UI_PORT (default 8233),
#        TEMPORAL_START_TIMEOUT seconds (default 60), TEMPORAL_DEV_STATE_DIR (default temporal-dev/.state),
#        TEMPORAL_UI_CODEC_ENDPOINT (the Web UI decodes payloads there, e.g. http://127.0.0.1:8080/codec).
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TIMEOUT="${TEMPORAL_START_TIMEOUT:-60}"

TEMPORAL="$("$TEMPORAL_DEV_DIR/install-cli.sh")"

healthy() {
  "$TEMPORAL" operator cluster health --address "$TEMPORAL_ADDR" >/dev/null 2>&1 \
    && "$TEMPORAL" operator namespace describe --namespace default --address "$TEMPORAL_ADDR" >/dev/null 2>&1
}

# Reads "Name Type" lines, skipping blanks and comments.
search_attributes() {
  grep -v '^[[:space:]]*\(#\|$\)' "$TEMPORAL_DEV_DIR/search-attributes.txt"
}

pid="$(running_pid)"
if [[ -n "$pid" ]]; then
  if healthy; then
    echo "Temporal dev server already running (pid $pid) at $TEMPORAL_ADDR, UI http://$BIND_IP:$TEMPORAL_UI_PORT"
    exit 0
  fi
  echo "start.sh: a dev server (pid $pid) is running but not healthy; run stop.sh first. Log tail:" >&2
  tail -n 30 "$LOG_FILE" >&2 || true
  exit 1
fi
rm -f "$PID_FILE"

# Another process on the port would make the health check pass against the wrong server.
if ss -Hltn "( sport = :$TEMPORAL_PORT or sport = :$TEMPORAL_UI_PORT )" 2>/dev/null | grep -q .; then
  echo "start.sh: port $TEMPORAL_PORT or $TEMPORAL_UI_PORT is already in use by another process" >&2
  exit 1
fi

args=(server start-dev
  --db-filename "$DB_FILE"
  --ip "$BIND_IP" --ui-ip "$BIND_IP"
  --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT")
if [[ -n "${TEMPORAL_UI_CODEC_ENDPOINT:-}" ]]; then
  args+=(--ui-codec-endpoint "$TEMPORAL_UI_CODEC_ENDPOINT")
fi
while read -r name type _; do
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "start.sh: bad search attribute name '$name'" >&2; exit 1; }
  case "$type" in
    Text|Keyword|Int|Double|Bool|Datetime|KeywordList) ;;
    *) echo "start.sh: bad type '$type' for search attribute $name" >&2; exit 1 ;;
  esac
  args+=(--search-attribute "$name=$type")
done < <(search_attributes)

mkdir -p "$STATE_DIR"
echo "=== $(date -u +%FT%TZ) start.sh: $TEMPORAL ${args[*]}" >>"$LOG_FILE"
# setsid: the server outlives this shell and is not hit by a Ctrl-C meant for the caller.
setsid "$TEMPORAL" "${args[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PID_FILE"

deadline=$((SECONDS + TIMEOUT))
until healthy; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start.sh: Temporal dev server exited during start-up. Log tail ($LOG_FILE):" >&2
    tail -n 40 "$LOG_FILE" >&2 || true
    rm -f "$PID_FILE"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "start.sh: Temporal dev server not healthy after ${TIMEOUT}s; stopping it. Log tail ($LOG_FILE):" >&2
    tail -n 40 "$LOG_FILE" >&2 || true
    kill "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
    exit 1
  fi
  sleep 1
done

# Fail loudly if a search attribute the workflows upsert is missing: their upserts would fail.
registered="$("$TEMPORAL" operator search-attribute list --namespace default --address "$TEMPORAL_ADDR")"
while read -r name type _; do
  if ! grep -Eq "^[[:space:]]*$name[[:space:]]+$type[[:space:]]*$" <<<"$registered"; then
    echo "start.sh: search attribute $name ($type) is not registered:" >&2
    echo "$registered" >&2
    exit 1
  fi
done < <(search_attributes)

echo "Temporal dev server running (pid $pid) at $TEMPORAL_ADDR, UI http://$BIND_IP:$TEMPORAL_UI_PORT"
echo "  state: $DB_FILE  log: $LOG_FILE"
