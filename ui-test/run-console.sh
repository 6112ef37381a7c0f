#!/usr/bin/env bash
# Usage: ui-test/run-console.sh
#   Runs the console test in headless Chromium against amends on the embedded default (its own
#   Temporal server and database, nothing else to start): starts app/target/amends.jar with a
#   chosen demo password, runs ui-test/console.test.mjs, stops amends. Screenshots land in
#   docs/images/ (SCREENSHOTS to put them elsewhere). Installs Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../app/target/amends.jar ] || { echo "build it first: ./mvnw -DskipTests package -pl app -am" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund --silent

PORT="${AMENDS_CONSOLE_TEST_PORT:-18311}"
PASSWORD="console-test-$RANDOM$RANDOM"
AMENDS_SECURITY_DEMO_PASSWORD="$PASSWORD" \
  java -jar ../app/target/amends.jar --server.port="$PORT" --amends.undo-maximum-attempts=2 \
  --amends.console.refresh=1s > /tmp/amends-console-test.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

AMENDS_URL="http://127.0.0.1:$PORT" AMENDS_PASSWORD="$PASSWORD" npm run --silent test:console
