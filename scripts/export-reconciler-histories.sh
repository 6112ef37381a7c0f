#!/usr/bin/env bash
# Usage: scripts/export-reconciler-histories.sh FOLDER
#   Runs the reconciler and its drift escalations through every path on a real Temporal server —
#   a run with nothing to do; a run that refunds an outside charge, reissues a lost refund, records
#   a refund made outside amends, and escalates a mismatch, an unknown currency, a charge the
#   provider lost and a refund that keeps failing; escalations settled by ACCEPT_LOSS,
#   RESOLVED_MANUALLY, RETRY that finds the drift gone, RETRY that fixes it, after a rejected
#   decision and re-alerts — and exports each history with `temporal workflow show --output json`
#   into app/src/test/resources/histories/FOLDER/ (e.g. FOLDER=reconcile-v1), where
#   RecordedHistoriesReplayTest reads them. Keep older folders. Uses a fresh PostgreSQL schema, so the
#   runs see only what the script makes. EXPORT_PORT (default 18097) is the application's port.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
OUT="app/src/test/resources/histories/$1"
PORT="${EXPORT_PORT:-18097}"
BASE="http://127.0.0.1:$PORT"
RUN="h$(date +%s)"
SCHEMA="export_$RUN"

eval "$(scripts/it-env.sh start)"
T="$AMENDS_IT_TEMPORAL_CLI"
A=(--address "$AMENDS_IT_TEMPORAL_ADDRESS")
PG_HOST_PORT="${AMENDS_IT_DB_URL#jdbc:postgresql://}"; PG_HOST_PORT="${PG_HOST_PORT%%/*}"
sql() { PGPASSWORD=amends psql -X -q -t -A -v ON_ERROR_STOP=1 -h "${PG_HOST_PORT%:*}" -p "${PG_HOST_PORT#*:}" \
  -U amends -d amends -c "SET search_path TO $SCHEMA; $1"; }
./mvnw -q -B -DskipTests package -pl app -am
# amends on real takes JWTs: this script's token, signed with the dev key amends is told to trust.
TOKEN="$(scripts/dev-token.sh --subject=export SERVICE OPERATOR ADMIN)"
AUTH=(-H "authorization: Bearer $TOKEN")
# A write-off needs a second person: the approver's own token.
APPROVER_AUTH=(-H "authorization: Bearer $(scripts/dev-token.sh --subject=export-approver APPROVER)")
# Runs left open on this server by earlier applications (with other databases) would be finished
# by this worker, against this schema: end them, and let this application make the schedule anew.
"$T" workflow terminate --query 'ExecutionStatus="Running" AND (WorkflowType="ReconcilerWorkflow"
  OR WorkflowType="DriftEscalationWorkflow")' --reason "history export" --yes "${A[@]}" >/dev/null 2>&1 || true
"$T" schedule delete --schedule-id amends-reconciler "${A[@]}" >/dev/null 2>&1 || true

# amends encrypts payloads with the parts' codec key (scripts/it-env.sh); histories are exported
# through its codec server, decoded, so the recorded files replay without the key.
CODEC_ENV=(AMENDS_CODEC_CURRENT_KEY_ID="$AMENDS_IT_CODEC_KEY_ID"
  "AMENDS_CODEC_KEYS_${AMENDS_IT_CODEC_KEY_ID^^}=$AMENDS_IT_CODEC_KEY")
CODEC=(--codec-endpoint "$BASE/codec" --codec-auth "Bearer $(scripts/dev-token.sh --subject=export-codec OPERATOR)")
env "${CODEC_ENV[@]}" SPRING_PROFILES_ACTIVE=real,sandbox SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$(scripts/dev-token.sh --public-key)" \
  TEMPORAL_ADDRESS="$AMENDS_IT_TEMPORAL_ADDRESS" \
  AMENDS_DB_URL="$AMENDS_IT_DB_URL?currentSchema=$SCHEMA" \
  java -jar app/target/amends.jar --server.port="$PORT" --spring.flyway.schemas="$SCHEMA" \
  --amends.undo-maximum-attempts=2 --amends.realert-every=3s --amends.reconciler.every=1h \
  > /tmp/amends-reconciler-export.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && break; sleep 1; done

post() { curl -sf "${AUTH[@]}" -XPOST "$BASE$1" -H 'content-type: application/json' -d "${2:-}"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
order() { # id card line1
  post /orders "{\"orderId\": \"$1\", \"customerEmail\": \"ana@example.com\",
    \"items\": [{\"sku\": \"BOOK-1\", \"quantity\": 1}], \"cardToken\": \"$2\",
    \"shippingAddress\": {\"name\": \"Ana\", \"line1\": \"$3\", \"city\": \"Lisbon\",
    \"postalCode\": \"1000-001\", \"country\": \"PT\"}, \"currency\": \"EUR\"}" >/dev/null
}
await() { # path python-condition
  for _ in $(seq 1 240); do
    curl -sf "${AUTH[@]}" "$BASE$1" | python3 -c "import json,sys; s=json.load(sys.stdin); sys.exit(0 if ($2) else 1)" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "GET $1 never satisfied $2" >&2; exit 1
}
reconcile() { # prints the run id once the run has finished
  local run; run="$(post /reconciler/runs | field "['runId']")"
  await "/reconciler/runs/$run" "s['status'] != 'RUNNING'"
  echo "$run"
}
escalation_of() { # run-id charge-id
  curl -sf "${AUTH[@]}" "$BASE/reconciler/runs/$1" | python3 -c "
import json,sys
for a in json.load(sys.stdin)['actions']:
    if a['driftId'].endswith('$2'): print(a['escalationWorkflowId'])"
}
charge_of() { curl -sf "${AUTH[@]}" "$BASE/sandbox/orders/$1" | field "['payments'][0]['paymentId']"; }
decide() { post "/sagas/$1/escalations/$2" "$3" >/dev/null; }

RUNS=(); DRIFTS=()
RUNS+=("nothing-to-do:$(reconcile)")

order "$RUN-mismatch" tok_visa "1 Main St"
order "$RUN-lost-refund" tok_visa "7 UNDELIVERABLE Rd"
order "$RUN-dashboard-refund" tok_visa "1 Main St"
order "$RUN-lost-charge" tok_visa "1 Main St"
order "$RUN-blocked" tok_refund_blocked "7 UNDELIVERABLE Rd"
await "/orders/$RUN-mismatch" "s['status'] == 'COMPLETED'"
await "/orders/$RUN-lost-refund" "s['status'] == 'COMPENSATED'"
await "/orders/$RUN-dashboard-refund" "s['status'] == 'COMPLETED'"
await "/orders/$RUN-lost-charge" "s['status'] == 'COMPLETED'"
await "/orders/$RUN-blocked" "s['status'] == 'NEEDS_OPERATOR'"
# The blocked order's saga is terminated: its refund was intended, and now nobody will make it.
"$T" workflow terminate --workflow-id "order-$RUN-blocked" --reason export "${A[@]}" >/dev/null
post /sandbox/payments "{\"orderId\": \"$RUN-walk-in\", \"amountMinor\": 4200, \"currency\": \"USD\"}" >/dev/null
post /sandbox/payments "{\"orderId\": \"$RUN-odd\", \"amountMinor\": 100, \"currency\": \"ZZZ\"}" >/dev/null
sql "UPDATE sandbox_payment SET amount_minor = amount_minor + 100 WHERE order_id = '$RUN-mismatch'"
sql "DELETE FROM sandbox_payment WHERE kind = 'REFUND' AND order_id = '$RUN-lost-refund'"
sql "INSERT INTO sandbox_payment SELECT 're_dash_$RUN', 'dashboard/$RUN', order_id, 'REFUND', payment_id,
     card_token, amount_minor, currency, now() FROM sandbox_payment WHERE order_id = '$RUN-dashboard-refund'"
sql "CREATE TABLE lost_charge AS SELECT * FROM sandbox_payment WHERE order_id = '$RUN-lost-charge'"
sql "DELETE FROM sandbox_payment WHERE order_id = '$RUN-lost-charge'"

BUSY="$(reconcile)"; RUNS+=("settles-and-escalates:$BUSY")
MISMATCH="$(escalation_of "$BUSY" "$(charge_of "$RUN-mismatch")")"
ODD="$(escalation_of "$BUSY" "$(charge_of "$RUN-odd")")"
BLOCKED="$(escalation_of "$BUSY" "$(charge_of "$RUN-blocked")")"
LOST="$(curl -sf "${AUTH[@]}" "$BASE/reconciler/runs/$BUSY" | python3 -c "
import json,sys
for a in json.load(sys.stdin)['actions']:
    if a['kind'] == 'LEDGER_WITHOUT_PROVIDER': print(a['escalationWorkflowId'])")"
for e in "$MISMATCH" "$ODD" "$BLOCKED" "$LOST"; do
  [ -n "$e" ] || { echo "an expected escalation is missing from run $BUSY" >&2; exit 1; }
  await "/sagas/$e" "s['status'] == 'NEEDS_OPERATOR'"
done
sleep 7 # let re-alerts fire on the timer
RUNS+=("already-escalated:$(reconcile)")

"$T" workflow signal --workflow-id "$MISMATCH" --name resolveEscalation --input '"approve it"' "${A[@]}" "${CODEC[@]}" >/dev/null
decide "$MISMATCH" reconcile-1 '{"action": "ACCEPT_LOSS", "operator": "export", "note": "goodwill"}'
await "/sagas/$MISMATCH" "s['status'] == 'AWAITING_APPROVAL'"
curl -sf "${APPROVER_AUTH[@]}" -XPOST "$BASE/sagas/$MISMATCH/escalations/reconcile-1/approval" \
  -H 'content-type: application/json' -d '{"action": "APPROVE"}' >/dev/null
decide "$ODD" reconcile-1 '{"action": "RESOLVED_MANUALLY", "operator": "export", "note": "voided by hand"}'
curl -sf "${AUTH[@]}" -XPOST "$BASE/sandbox/heal" -H 'content-type: application/json' -d "{\"orderId\": \"$RUN-blocked\"}" >/dev/null
decide "$BLOCKED" reconcile-1 '{"action": "RETRY", "operator": "export"}'
sql "INSERT INTO sandbox_payment SELECT * FROM lost_charge"
decide "$LOST" reconcile-1 '{"action": "RETRY", "operator": "export"}'
for e in "$MISMATCH" "$ODD" "$BLOCKED" "$LOST"; do
  await "/sagas/$e" "s['status'] == 'COMPENSATED_WITH_OPERATOR'"
done
RUNS+=("after-settlements:$(reconcile)")
sleep 2 # the last workflow tasks close the executions

mkdir -p "$OUT"
export_one() { # name workflow-id
  "$T" workflow show --workflow-id "$2" --output json "${A[@]}" "${CODEC[@]}" > "$OUT/$1.json"
  echo "exported $OUT/$1.json ($(grep -c '"eventId"' "$OUT/$1.json") events)"
}
for r in "${RUNS[@]}"; do export_one "reconciler-${r%%:*}" "${r#*:}"; done
export_one drift-accept-loss "$MISMATCH"
export_one drift-resolved-manually "$ODD"
export_one drift-retry-fixed "$BLOCKED"
export_one drift-retry-no-longer-drifting "$LOST"
