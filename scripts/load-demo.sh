#!/usr/bin/env bash
# Usage: scripts/load-demo.sh [--minutes=N] [--url=BASE]
#   Puts a mixed, bounded load on amends running on the embedded default (demo users; the sandbox
#   endpoints must exist) for N minutes (default 10, at most 60) at BASE (default
#   http://127.0.0.1:8080), so that every panel of docs/observability/amends-dashboard.json has
#   something to show: orders that complete, orders that compensate, orders whose undo escalates
#   and that an operator settles 1 to 3 minutes later (heal + RETRY, RESOLVED_MANUALLY, or
#   ACCEPT_LOSS approved by a second person), story edits and undos, and reconciler runs.
#   Needs AMENDS_SECURITY_DEMO_PASSWORD, the password amends was started with. Stops by itself and
#   prints what it did; escalations still open at the end are listed, not settled.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
MINUTES=10
BASE=http://127.0.0.1:8080
for arg in "$@"; do
  case "$arg" in
    --minutes=*) MINUTES="${arg#--minutes=}" ;;
    --url=*) BASE="${arg#--url=}" ;;
    *) usage ;;
  esac
done
[[ "$MINUTES" =~ ^[1-9][0-9]*$ && "$MINUTES" -le 60 ]] || usage
PW="${AMENDS_SECURITY_DEMO_PASSWORD:?set AMENDS_SECURITY_DEMO_PASSWORD to the demo users password}"
curl -sf "$BASE/actuator/health/readiness" >/dev/null || { echo "amends is not ready at $BASE" >&2; exit 1; }
curl -sf -o /dev/null -u "operator:$PW" "$BASE/escalations" \
  || { echo "the demo users refuse AMENDS_SECURITY_DEMO_PASSWORD (or amends is not on the embedded default)" >&2; exit 1; }

RUN="$(date +%H%M%S)"
# call USER METHOD PATH [JSON]: prints the body, fails on a non-2xx answer.
call() {
  local user="$1" method="$2" path="$3"
  if [[ $# -gt 3 ]]; then
    curl -sf -u "$user:$PW" -X "$method" "$BASE$path" -H 'content-type: application/json' -d "$4"
  else
    curl -sf -u "$user:$PW" -X "$method" "$BASE$path"
  fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# order ID SKU CARD LINE1 EMAIL: starts one order as the service user.
order() {
  call service POST /orders "$(printf '{"orderId": "%s", "customerEmail": "%s",
    "items": [{"sku": "%s", "quantity": 1}], "cardToken": "%s",
    "shippingAddress": {"name": "Load Demo", "line1": "%s", "city": "Lisbon",
                        "postalCode": "1000-001", "country": "PT"}, "currency": "EUR"}' \
    "$1" "$5" "$2" "$3" "$4")" >/dev/null
}

COMPLETED=0 COMPENSATING=0 ESCALATING=0 SETTLED=0 EDITS=0 UNDOS=0 RECONCILER=0 FAILED=0
SKUS=(BOOK-1 MUG-1 TSHIRT-1 POSTER-1)
# A compensation without a person, one test value each (docs/sandbox.md).
compensate() {
  case $(( $1 % 5 )) in
    0) order "$2" BOOK-1 tok_visa "7 UNDELIVERABLE Rd" ana@example.com ;;
    1) order "$2" MUG-1 tok_declined "1 Main St" ana@example.com ;;
    2) order "$2" OUT-OF-STOCK-1 tok_visa "1 Main St" ana@example.com ;;
    3) order "$2" TSHIRT-1 tok_visa "1 Main St" bounce@example.com ;;
    4) order "$2" UNPRICEABLE-1 tok_visa "1 Main St" ana@example.com ;;
  esac
}
# An undo that fails until healed, so the saga escalates after the undo's retries (about 15 s).
# Settled later with the action of its kind: prints "SYSTEM ACTION".
escalate() {
  case $(( $1 % 4 )) in
    0) order "$2" MUG-1 tok_refund_blocked "7 UNDELIVERABLE Rd" ana@example.com && echo "payments RETRY" ;;
    1) order "$2" RELEASE-BLOCKED-1 tok_declined "1 Main St" ana@example.com && echo "stock RESOLVED_MANUALLY" ;;
    2) order "$2" BOOK-1 tok_refund_blocked "7 UNDELIVERABLE Rd" ana@example.com && echo "payments ACCEPT_LOSS" ;;
    3) order "$2" TSHIRT-1 tok_visa "9 CANCEL-BLOCKED Ave" bounce@example.com && echo "shipping RETRY" ;;
  esac
}

# settle ORDER SYSTEM ACTION: decides the order's open escalations, and approves its write-offs
# waiting for a second person; 0 when something was decided and nothing is left waiting.
settle() {
  local id="$1" system="$2" action="$3" esc status decided=1
  while read -r esc status; do
    [[ -n "$esc" ]] || continue
    if [[ "$status" == OPEN ]]; then
      case "$action" in
        RETRY)
          call admin POST /sandbox/heal "{\"orderId\": \"$id\", \"system\": \"$system\"}" >/dev/null || return 1
          call operator POST "/orders/$id/escalations/$esc" '{"action": "RETRY"}' >/dev/null || return 1 ;;
        RESOLVED_MANUALLY)
          call operator POST "/orders/$id/escalations/$esc" \
            '{"action": "RESOLVED_MANUALLY", "note": "released by hand in the stock system (load demo)"}' >/dev/null \
            || return 1 ;;
        ACCEPT_LOSS)
          # A write-off of a charge is a request until an approver approves it: next round.
          call operator POST "/orders/$id/escalations/$esc" \
            '{"action": "ACCEPT_LOSS", "note": "customer kept the goods (load demo)"}' >/dev/null || return 1
          return 1 ;;
      esac
    else
      call approver POST "/orders/$id/escalations/$esc/approval" \
        '{"action": "APPROVE", "note": "under the goodwill limit (load demo)"}' >/dev/null || return 1
    fi
    decided=0
  done < <(call operator GET /escalations | json "'\\n'.join(e['escalationId'] + ' ' + e['status'] for e in d
      if e['sagaId'] == 'order-$id' and e['status'] in ('OPEN', 'AWAITING_APPROVAL'))")
  return $decided
}

# Escalated orders waiting to be settled: "DUE_EPOCH ORDER SYSTEM ACTION" per entry.
PENDING=()
STORY_UNDO="" STORY_UNDO_AT=0
START=$(date +%s)
END=$(( START + MINUTES * 60 ))
TICK=0
echo "load-demo: $MINUTES min against $BASE, run $RUN" >&2
while (( $(date +%s) < END )); do
  NOW=$(date +%s)
  TICK=$(( TICK + 1 ))
  # Each call that fails is counted, and the load goes on.
  if order "L$RUN-ok-$TICK" "${SKUS[$(( TICK % 4 ))]}" tok_visa "1 Main St" ana@example.com; then
    COMPLETED=$(( COMPLETED + 1 )); else FAILED=$(( FAILED + 1 )); fi
  if (( TICK % 4 == 0 )); then
    if compensate $(( TICK / 4 )) "L$RUN-comp-$TICK"; then
      COMPENSATING=$(( COMPENSATING + 1 )); else FAILED=$(( FAILED + 1 )); fi
  fi
  # Escalations only while there is time left to settle them, 1 to 3 minutes after they start.
  if (( TICK % 15 == 1 && NOW + 200 < END )); then
    if what="$(escalate $(( TICK / 15 )) "L$RUN-esc-$TICK")"; then
      PENDING+=("$(( NOW + 60 + (TICK * 7) % 120 )) L$RUN-esc-$TICK $what")
      ESCALATING=$(( ESCALATING + 1 ))
    else
      FAILED=$(( FAILED + 1 ))
    fi
  fi
  # Stories: an edit undone inside its window (DISCARDED), one undone after its commit
  # (UNDONE), and two edits in one window, the older then beyond the undo depth.
  if (( TICK % 10 == 0 )); then
    story="S-$RUN-$(( TICK % 3 ))"
    if undo="$(call editor POST "/stories/$story/edits" \
        "{\"field\": \"title\", \"value\": \"Load demo $TICK\"}" | json "d['undoId']")"; then
      EDITS=$(( EDITS + 1 ))
      case $(( TICK / 10 % 3 )) in
        0) if call editor POST "/undo/$undo" >/dev/null; then UNDOS=$(( UNDOS + 1 )); else FAILED=$(( FAILED + 1 )); fi ;;
        1) STORY_UNDO="$undo"; STORY_UNDO_AT=$(( NOW + 12 )) ;;
        2) if call editor POST "/stories/$story/edits" "{\"field\": \"summary\", \"value\": \"Summary $TICK\"}" >/dev/null
           then EDITS=$(( EDITS + 1 )); else FAILED=$(( FAILED + 1 )); fi
           # Answered 410 (beyond the undo depth): counted by amends, not a failure here.
           curl -s -o /dev/null -u "editor:$PW" -X POST "$BASE/undo/$undo"; UNDOS=$(( UNDOS + 1 )) ;;
      esac
    else
      FAILED=$(( FAILED + 1 ))
    fi
  fi
  if [[ -n "$STORY_UNDO" ]] && (( NOW >= STORY_UNDO_AT )); then
    if call editor POST "/undo/$STORY_UNDO" >/dev/null; then UNDOS=$(( UNDOS + 1 )); else FAILED=$(( FAILED + 1 )); fi
    STORY_UNDO=""
  fi
  if (( TICK % 120 == 1 )); then
    if call operator POST /reconciler/runs >/dev/null; then
      RECONCILER=$(( RECONCILER + 1 )); else FAILED=$(( FAILED + 1 )); fi
  fi
  LEFT=()
  for entry in "${PENDING[@]}"; do
    read -r due id system action <<<"$entry"
    if (( NOW >= due )) && settle "$id" "$system" "$action"; then
      SETTLED=$(( SETTLED + 1 ))
    else
      LEFT+=("$entry")
    fi
  done
  PENDING=("${LEFT[@]}")
  sleep 2
done
# Give the escalations still pending their decision, up to two minutes past the end.
while (( ${#PENDING[@]} > 0 && $(date +%s) < END + 120 )); do
  LEFT=()
  for entry in "${PENDING[@]}"; do
    read -r due id system action <<<"$entry"
    if settle "$id" "$system" "$action"; then SETTLED=$(( SETTLED + 1 )); else LEFT+=("$entry"); fi
  done
  PENDING=("${LEFT[@]}")
  (( ${#PENDING[@]} == 0 )) || sleep 5
done
echo "orders: $COMPLETED to complete, $COMPENSATING to compensate, $ESCALATING to escalate ($SETTLED settled);" \
  "story edits: $EDITS, undos: $UNDOS; reconciler runs: $RECONCILER; failed calls: $FAILED"
for entry in "${PENDING[@]}"; do echo "still open: ${entry#* }"; done
