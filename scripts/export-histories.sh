#!/usr/bin/env bash
# Usage: scripts/export-histories.sh FOLDER
#   Runs every order-flow variant on a real Temporal server and exports each history with
#   `temporal workflow show --output json` into app/src/test/resources/histories/FOLDER/,
#   where the replay tests read them (e.g. FOLDER=v2-whatever-changed). Run it after any change
#   to a workflow's commands (guarded by Workflow.getVersion); keep the older folders, so that
#   sagas started before the change are still proven to replay.
#   Starts the real parts with scripts/it-env.sh if they are not running.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
OUT="app/src/test/resources/histories/$1"
PORT="${EXPORT_PORT:-18090}"
BASE="http://127.0.0.1:$PORT"
RUN="h$(date +%s)"

eval "$(scripts/it-env.sh start)"
T="$AMENDS_IT_TEMPORAL_CLI"
./mvnw -q -B -DskipTests package -pl app -am
# amends on real takes JWTs: this script's token, signed with the dev key amends is told to trust.
TOKEN="$(scripts/dev-token.sh --subject=export SERVICE OPERATOR ADMIN)"
AUTH=(-H "authorization: Bearer $TOKEN")
# A write-off needs a second person: the approver's own token.
APPROVER_AUTH=(-H "authorization: Bearer $(scripts/dev-token.sh --subject=export-approver APPROVER)")

# amends encrypts payloads with the parts' codec key (scripts/it-env.sh); histories are exported
# through its codec server, decoded, so the recorded files replay without the key.
CODEC_ENV=(AMENDS_CODEC_CURRENT_KEY_ID="$AMENDS_IT_CODEC_KEY_ID"
  "AMENDS_CODEC_KEYS_${AMENDS_IT_CODEC_KEY_ID^^}=$AMENDS_IT_CODEC_KEY")
CODEC=(--codec-endpoint "$BASE/codec" --codec-auth "Bearer $(scripts/dev-token.sh --subject=export-codec OPERATOR)")
env "${CODEC_ENV[@]}" SPRING_PROFILES_ACTIVE=real,sandbox SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$(scripts/dev-token.sh --public-key)" \
  TEMPORAL_ADDRESS="$AMENDS_IT_TEMPORAL_ADDRESS" AMENDS_DB_URL="$AMENDS_IT_DB_URL" \
  java -jar app/target/amends.jar --server.port="$PORT" --amends.undo-maximum-attempts=2 \
  --amends.realert-every=3s --amends.sandbox.latency=400ms > /tmp/amends-export.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && break; sleep 1; done

order() { # id sku card line1 email
  curl -sf "${AUTH[@]}" -XPOST "$BASE/orders" -H 'content-type: application/json' -d "{\"orderId\": \"$1\",
    \"customerEmail\": \"$5\", \"items\": [{\"sku\": \"$2\", \"quantity\": 1}], \"cardToken\": \"$3\",
    \"shippingAddress\": {\"name\": \"Ana\", \"line1\": \"$4\", \"city\": \"Lisbon\",
    \"postalCode\": \"1000-001\", \"country\": \"PT\"}, \"currency\": \"EUR\"}" >/dev/null
}
status() { curl -sf "${AUTH[@]}" "$BASE/orders/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
await() { # id status
  for _ in $(seq 1 120); do [ "$(status "$1" 2>/dev/null)" = "$2" ] && return 0; sleep 0.5; done
  echo "order $1 never reached $2" >&2; exit 1
}
decide() { curl -sf "${AUTH[@]}" -XPOST "$BASE/orders/$1/escalations/$2" -H 'content-type: application/json' -d "$3" >/dev/null; }
review() { curl -sf "${APPROVER_AUTH[@]}" -XPOST "$BASE/orders/$1/escalations/$2/approval" -H 'content-type: application/json' -d "$3" >/dev/null; }
signal() { "$T" workflow signal --workflow-id "order-$1" --name resolveEscalation --address "$AMENDS_IT_TEMPORAL_ADDRESS" "${CODEC[@]}" "${@:2}" >/dev/null; }
heal() { curl -sf "${AUTH[@]}" -XPOST "$BASE/sandbox/heal" -H 'content-type: application/json' -d "{\"orderId\": \"$1\"}" >/dev/null; }

ok="1 Main St"; mail="ana@example.com"
order "$RUN-completed" BOOK-1 tok_visa "$ok" "$mail"
order "$RUN-fails-price" UNPRICEABLE-1 tok_visa "$ok" "$mail"
order "$RUN-fails-reserve" OUT-OF-STOCK-1 tok_visa "$ok" "$mail"
order "$RUN-fails-charge" BOOK-1 tok_declined "$ok" "$mail"
order "$RUN-fails-shipment" BOOK-1 tok_visa "7 UNDELIVERABLE Rd" "$mail"
order "$RUN-fails-confirmation" BOOK-1 tok_visa "$ok" "bounce@example.com"
order "$RUN-refund-retry" BOOK-1 tok_refund_blocked "7 UNDELIVERABLE Rd" "$mail"
order "$RUN-refund-resolved" BOOK-1 tok_refund_blocked "7 UNDELIVERABLE Rd" "$mail"
order "$RUN-refund-loss" BOOK-1 tok_refund_blocked "7 UNDELIVERABLE Rd" "$mail"
order "$RUN-refund-loss-rejected" BOOK-1 tok_refund_blocked "7 UNDELIVERABLE Rd" "$mail"
order "$RUN-release-retry-twice" RELEASE-BLOCKED-1 tok_declined "$ok" "$mail"
order "$RUN-cancel-blocked-resolved" BOOK-1 tok_visa "7 CANCEL-BLOCKED Rd" "lost-ack@example.com"
order "$RUN-notice-blocked-resolved" BOOK-1 tok_visa "$ok" "lost-ack+notice-blocked@example.com"
order "$RUN-cancelled" BOOK-1 tok_visa "$ok" "$mail"
sleep 1.5
"$T" workflow cancel --workflow-id "order-$RUN-cancelled" --address "$AMENDS_IT_TEMPORAL_ADDRESS" >/dev/null

for id in refund-retry refund-resolved refund-loss refund-loss-rejected release-retry-twice cancel-blocked-resolved notice-blocked-resolved; do
  await "$RUN-$id" NEEDS_OPERATOR
done
sleep 7 # let re-alerts fire on the timer
# Bad decisions straight to Temporal are recorded as rejected: too long, and not JSON at all.
signal "$RUN-refund-resolved" --input "{\"escalationId\": \"chargeCard-1\", \"action\": \"RETRY\", \"operator\": \"$(printf 'o%.0s' $(seq 1 120))\"}"
signal "$RUN-refund-resolved" --input 'RETRY please' --input-meta encoding=binary/plain
"$T" workflow signal --workflow-id "order-$RUN-refund-retry" --name resolveEscalation \
  --input '"approve it"' --address "$AMENDS_IT_TEMPORAL_ADDRESS" >/dev/null
heal "$RUN-refund-retry"
decide "$RUN-refund-retry" chargeCard-1 '{"action": "RETRY", "operator": "export"}'
decide "$RUN-refund-resolved" chargeCard-1 '{"action": "RESOLVED_MANUALLY", "operator": "export", "note": "refunded by hand"}'
decide "$RUN-refund-loss" chargeCard-1 '{"action": "ACCEPT_LOSS", "operator": "export", "note": "written off"}'
decide "$RUN-refund-loss-rejected" chargeCard-1 '{"action": "ACCEPT_LOSS", "operator": "export", "note": "written off"}'
await "$RUN-refund-loss" AWAITING_APPROVAL
await "$RUN-refund-loss-rejected" AWAITING_APPROVAL
sleep 4 # a re-alert to the approvers on the timer
signal "$RUN-refund-loss" --input '{"escalationId": "chargeCard-1", "action": "APPROVE", "operator": "export"}'
review "$RUN-refund-loss" chargeCard-1 '{"action": "APPROVE", "note": "within policy"}'
review "$RUN-refund-loss-rejected" chargeCard-1 '{"action": "REJECT", "note": "refund by hand instead"}'
await "$RUN-refund-loss-rejected" NEEDS_OPERATOR
decide "$RUN-refund-loss-rejected" chargeCard-1 '{"action": "RESOLVED_MANUALLY", "operator": "export", "note": "refunded by bank transfer"}'
decide "$RUN-release-retry-twice" reserveStock-1 '{"action": "RETRY", "operator": "export"}'
decide "$RUN-cancel-blocked-resolved" createShipment-1 '{"action": "RESOLVED_MANUALLY", "operator": "export", "note": "cancelled in portal"}'
decide "$RUN-notice-blocked-resolved" sendConfirmation-1 '{"action": "RESOLVED_MANUALLY", "operator": "export", "note": "phoned"}'
for _ in $(seq 1 60); do
  curl -sf "${AUTH[@]}" "$BASE/orders/$RUN-release-retry-twice" | grep -q 'reserveStock-2' && break; sleep 0.5
done
heal "$RUN-release-retry-twice"
decide "$RUN-release-retry-twice" reserveStock-2 '{"action": "RETRY", "operator": "export"}'

for id in completed; do await "$RUN-$id" COMPLETED; done
for id in fails-price fails-reserve fails-charge fails-shipment fails-confirmation cancelled; do await "$RUN-$id" COMPENSATED; done
for id in refund-retry refund-resolved refund-loss refund-loss-rejected release-retry-twice cancel-blocked-resolved notice-blocked-resolved; do
  await "$RUN-$id" COMPENSATED_WITH_OPERATOR
done
sleep 2 # the last workflow tasks close the executions

IDS=()
for id in completed fails-price fails-reserve fails-charge fails-shipment fails-confirmation cancelled \
          refund-retry refund-resolved refund-loss refund-loss-rejected release-retry-twice \
          cancel-blocked-resolved notice-blocked-resolved; do
  IDS+=("order-$RUN-$id")
done
# order-$RUN-completed is exported as order-completed.json, and so on.
TEMPORAL_CLI="$T" scripts/record-histories.sh --out "$OUT" --address "$AMENDS_IT_TEMPORAL_ADDRESS" \
  "${CODEC[@]}" --drop "$RUN-" "${IDS[@]}"
