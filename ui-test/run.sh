#!/usr/bin/env bash
# Usage: ui-test/run.sh
#   Runs the Temporal Web UI test in headless Chromium: starts amends (real and sandbox profiles,
#   trusting the dev key of scripts/dev-token.sh, which mints the test's tokens; payloads encrypted
#   with the parts' codec key) against the real parts named by AMENDS_IT_TEMPORAL_ADDRESS,
#   AMENDS_IT_TEMPORAL_UI, AMENDS_IT_DB_URL and AMENDS_IT_CODEC_KEY (eval "$(scripts/it-env.sh
#   start)", whose Web UI decodes through this amends' codec server on AMENDS_UI_TEST_PORT), runs
#   the test, stops amends. Needs app/target/amends.jar.
#   Installs Debian's chromium when it is missing. Screenshots land in ui-test/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
: "${AMENDS_IT_TEMPORAL_ADDRESS:?eval \"\$(scripts/it-env.sh start)\" first}"
: "${AMENDS_IT_TEMPORAL_UI:?eval \"\$(scripts/it-env.sh start)\" first}"
: "${AMENDS_IT_DB_URL:?eval \"\$(scripts/it-env.sh start)\" first}"
: "${AMENDS_IT_CODEC_KEY:?eval \"\$(scripts/it-env.sh start)\" first}"

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund --silent

PORT="${AMENDS_UI_TEST_PORT:-18310}"
env AMENDS_CODEC_CURRENT_KEY_ID="$AMENDS_IT_CODEC_KEY_ID" \
  "AMENDS_CODEC_KEYS_${AMENDS_IT_CODEC_KEY_ID^^}=$AMENDS_IT_CODEC_KEY" \
  SPRING_PROFILES_ACTIVE=real,sandbox \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$(../scripts/dev-token.sh --public-key)" \
  TEMPORAL_ADDRESS="$AMENDS_IT_TEMPORAL_ADDRESS" AMENDS_DB_URL="$AMENDS_IT_DB_URL" \
  java -jar ../app/target/amends.jar --server.port="$PORT" --amends.undo-maximum-attempts=2 \
  --amends.codec.cors-origins="$AMENDS_IT_TEMPORAL_UI" \
  > /tmp/amends-ui-test.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

AMENDS_TOKEN="$(../scripts/dev-token.sh --subject=ui-test SERVICE OPERATOR ADMIN)" \
  CODEC_TOKEN="$(../scripts/dev-token.sh --subject=ui-operator OPERATOR)" \
  AMENDS_URL="http://127.0.0.1:$PORT" TEMPORAL_UI_URL="$AMENDS_IT_TEMPORAL_UI" npm test
