#!/usr/bin/env bash
# Usage: ui-test/run-console.sh [--real [--oidc]]
#   Runs the console test in headless Chromium. Without arguments, against amends on the embedded
#   default (its own Temporal server and database, nothing else to start): starts
#   app/target/amends.jar with a chosen demo password, runs ui-test/console.test.mjs, stops amends.
#   --real: against amends on the real parts named by AMENDS_IT_TEMPORAL_ADDRESS,
#   AMENDS_IT_TEMPORAL_UI, AMENDS_IT_DB_URL and AMENDS_IT_CODEC_KEY (eval "$(scripts/it-env.sh
#   start)"): the real and sandbox profiles, the console's login form with demo users, payloads
#   encrypted, the saga page linking to the Temporal Web UI; runs two stories: RETRY, and the
#   reconciler and stories pages.
#   --real --oidc: the same parts, with the real profile's OpenID Connect login: a real provider
#   (Spring Authorization Server, the starter's test class OpenIdProvider, run from its built test
#   classes) on localhost, people logging in there; the API takes tokens of scripts/dev-token.sh.
#   Runs the RETRY story.
#   Screenshots land in docs/images/ (SCREENSHOTS to put them elsewhere). Installs Debian's
#   chromium when missing.
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../app/target/amends.jar ] || { echo "build it first: ./mvnw -DskipTests package -pl app -am" >&2; exit 1; }
REAL=false
OIDC=false
case "${1:-} ${2:-}" in
  " ") ;;
  "--real ") REAL=true ;;
  "--real --oidc") REAL=true; OIDC=true ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund --silent

PASSWORD="console-test-$RANDOM$RANDOM"
ARGS=(--amends.undo-maximum-attempts=2 --amends.console.refresh=1s)
if $REAL; then
  : "${AMENDS_IT_TEMPORAL_ADDRESS:?eval \"\$(scripts/it-env.sh start)\" first}"
  : "${AMENDS_IT_TEMPORAL_UI:?eval \"\$(scripts/it-env.sh start)\" first}"
  : "${AMENDS_IT_DB_URL:?eval \"\$(scripts/it-env.sh start)\" first}"
  : "${AMENDS_IT_CODEC_KEY:?eval \"\$(scripts/it-env.sh start)\" first}"
  PORT="${AMENDS_CONSOLE_TEST_PORT:-18312}"
  ENV=(AMENDS_CODEC_CURRENT_KEY_ID="$AMENDS_IT_CODEC_KEY_ID"
    "AMENDS_CODEC_KEYS_${AMENDS_IT_CODEC_KEY_ID^^}=$AMENDS_IT_CODEC_KEY"
    SPRING_PROFILES_ACTIVE=real,sandbox AMENDS_SECURITY_MODE=demo
    TEMPORAL_ADDRESS="$AMENDS_IT_TEMPORAL_ADDRESS" AMENDS_DB_URL="$AMENDS_IT_DB_URL")
  ARGS+=(--amends.console.temporal-ui-url="$AMENDS_IT_TEMPORAL_UI")
  TEST=(--test-name-pattern="RETRY|reconciler")
  export TEMPORAL_UI_URL="$AMENDS_IT_TEMPORAL_UI"
  if $OIDC; then
    [ -d ../starter/target/test-classes ] || { echo "build the starter's tests first: ./mvnw test-compile -pl starter -am" >&2; exit 1; }
    PORT="${AMENDS_CONSOLE_TEST_PORT:-18313}"
    IDP_PORT="${AMENDS_TEST_IDP_PORT:-18320}"
    # Another host name than amends': a browser keeps cookies per host, not per port.
    IDP="http://localhost:$IDP_PORT"
    CP_FILE="$(mktemp)"
    (cd .. && ./mvnw -q -B -pl starter dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$CP_FILE" >/dev/null)
    java -cp "../starter/target/test-classes:../starter/target/classes:$(cat "$CP_FILE")" \
      dev.amends.spring.console.OpenIdProvider "$IDP" "http://127.0.0.1:$PORT/login/oauth2/code/idp" \
      "service:SERVICE,operator:OPERATOR,approver:APPROVER,editor:EDITOR,admin:SERVICE+EDITOR+OPERATOR+APPROVER+ADMIN" \
      "$PASSWORD" > /tmp/amends-console-test-idp.log 2>&1 &
    IDP_PID=$!
    for _ in $(seq 1 90); do curl -sf "$IDP/.well-known/openid-configuration" >/dev/null && break; sleep 1; done
    ENV=("${ENV[@]/AMENDS_SECURITY_MODE=demo/AMENDS_SECURITY_MODE=oidc}"
      SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_IDP_CLIENT_ID=amends-console
      SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_IDP_CLIENT_SECRET=console-secret
      SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_IDP_CLIENT_NAME="the test provider"
      SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_IDP_SCOPE=openid,profile
      SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_IDP_ISSUER_URI="$IDP"
      SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$(../scripts/dev-token.sh --public-key)")
    TEST=(--test-name-pattern=RETRY)
    export OIDC_PROVIDER="the test provider"
    for who in service operator admin; do
      export "AMENDS_TOKEN_${who^^}=$(../scripts/dev-token.sh --subject="$who" "${who^^}")"
    done
  fi
else
  PORT="${AMENDS_CONSOLE_TEST_PORT:-18311}"
  ENV=()
  TEST=()
fi
env ${ENV[@]+"${ENV[@]}"} AMENDS_SECURITY_DEMO_PASSWORD="$PASSWORD" \
  java -jar ../app/target/amends.jar --server.port="$PORT" "${ARGS[@]}" \
  > /tmp/amends-console-test.log 2>&1 &
APP=$!
trap 'kill $APP ${IDP_PID:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

AMENDS_URL="http://127.0.0.1:$PORT" AMENDS_PASSWORD="$PASSWORD" \
  node --test --test-timeout=180000 ${TEST[@]+"${TEST[@]}"} console.test.mjs
