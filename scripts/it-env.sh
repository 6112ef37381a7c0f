#!/usr/bin/env bash
# Usage: scripts/it-env.sh start [--fresh] | stop
#   Starts (or stops) the real parts the integration suite runs against: a Temporal dev server
#   (temporal-dev/) and PostgreSQL (postgres-dev/), on their own ports so that a developer's
#   running servers are left alone. `start` prints the variables the suite reads; eval them:
#     eval "$(scripts/it-env.sh start --fresh)"
#   --fresh stops both and deletes their state first: the suite's timings assume an empty book.
#   The codec key every amends on these parts encrypts payloads with is kept beside the Temporal
#   state (its histories need it; --fresh makes a new one). The Web UI decodes through the codec
#   server of the amends that ui-test/run.sh starts (AMENDS_IT_UI_CODEC_ENDPOINT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."

export TEMPORAL_PORT="${AMENDS_IT_TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${AMENDS_IT_TEMPORAL_UI_PORT:-8233}"
export TEMPORAL_DEV_STATE_DIR="${AMENDS_IT_TEMPORAL_STATE:-$PWD/temporal-dev/.state-it}"
export AMENDS_PG_PORT="${AMENDS_IT_PG_PORT:-55432}"
export AMENDS_PG_STATE_DIR="${AMENDS_IT_PG_STATE:-/tmp/amends-it-pg}"
export TEMPORAL_UI_CODEC_ENDPOINT="${AMENDS_IT_UI_CODEC_ENDPOINT:-http://127.0.0.1:${AMENDS_UI_TEST_PORT:-18310}/codec}"
CODEC_KEY_FILE="$TEMPORAL_DEV_STATE_DIR/codec-key"

case "${1:-}" in
  start)
    if [[ "${2:-}" == "--fresh" ]]; then
      temporal-dev/stop.sh >&2 || true
      postgres-dev/postgres.sh stop >&2 || true
      rm -rf "$TEMPORAL_DEV_STATE_DIR" "$AMENDS_PG_STATE_DIR"
    fi
    temporal-dev/start.sh >&2
    postgres-dev/postgres.sh start >&2
    if [[ ! -s "$CODEC_KEY_FILE" ]]; then
      (umask 077 && openssl rand -base64 32 >"$CODEC_KEY_FILE")
    fi
    echo "export AMENDS_IT_TEMPORAL_ADDRESS=127.0.0.1:${TEMPORAL_PORT}"
    echo "export AMENDS_IT_TEMPORAL_UI=http://127.0.0.1:${TEMPORAL_UI_PORT}"
    echo "export AMENDS_IT_DB_URL=jdbc:postgresql://127.0.0.1:${AMENDS_PG_PORT}/amends"
    # The application's login, with only the rights amends' migrations grant (postgres-dev/).
    echo "export AMENDS_IT_APP_DB_USER=amends_app"
    echo "export AMENDS_IT_APP_DB_PASSWORD=$(cat "$AMENDS_PG_STATE_DIR/app-password")"
    echo "export AMENDS_IT_TEMPORAL_CLI=$(temporal-dev/install-cli.sh)"
    # Where the parts run, so outage tests can stop and start them (with this script's values).
    echo "export AMENDS_IT_TEMPORAL_PORT=$TEMPORAL_PORT AMENDS_IT_TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT"
    echo "export AMENDS_IT_TEMPORAL_STATE=$TEMPORAL_DEV_STATE_DIR"
    echo "export AMENDS_IT_UI_CODEC_ENDPOINT=$TEMPORAL_UI_CODEC_ENDPOINT"
    echo "export AMENDS_IT_PG_PORT=$AMENDS_PG_PORT AMENDS_IT_PG_STATE=$AMENDS_PG_STATE_DIR"
    echo "export AMENDS_IT_CODEC_KEY_ID=it"
    echo "export AMENDS_IT_CODEC_KEY=$(cat "$CODEC_KEY_FILE")"
    ;;
  stop)
    temporal-dev/stop.sh >&2 || true
    postgres-dev/postgres.sh stop >&2 || true
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
