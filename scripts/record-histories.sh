#!/usr/bin/env bash
# Usage: scripts/record-histories.sh --out FOLDER [--address HOST:PORT] [--namespace NS]
#                                    [--codec-endpoint URL [--codec-auth 'Bearer TOKEN']]
#                                    [--drop TEXT] (--query 'VISIBILITY QUERY' | WORKFLOW_ID[=NAME]...)
#   Exports the history of each workflow with `temporal workflow show --output json` into
#   FOLDER/NAME.json, where the testkit's HistoryReplay (and SagaProperties) read them. NAME is the
#   workflow id, with the first TEXT given by --drop taken out (e.g. --drop "$RUN-" turns
#   order-h17-completed into order-completed), unless given after '='. --query exports every run
#   the visibility query lists, e.g. 'WorkflowType="OrderWorkflow" AND ExecutionStatus="Completed"';
#   runs that share a workflow id get their run id's first 8 characters appended.
#   --codec-endpoint decodes encrypted payloads through amends' codec server (e.g.
#   http://127.0.0.1:8080/codec, with an operator's credentials as --codec-auth), so the files hold
#   plain payloads and replay without the key; without it they hold what the server stores.
#   TEMPORAL_CLI (default: temporal) and TEMPORAL_ADDRESS (default: 127.0.0.1:7233) as usual.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
T="${TEMPORAL_CLI:-temporal}"
ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
OUT="" QUERY="" DROP=""
IDS=() CODEC=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:?}"; shift 2;;
    --address) ADDRESS="${2:?}"; shift 2;;
    --namespace) NAMESPACE="${2:?}"; shift 2;;
    --query) QUERY="${2:?}"; shift 2;;
    --drop) DROP="${2:?}"; shift 2;;
    --codec-endpoint) CODEC+=(--codec-endpoint "${2:?}"); shift 2;;
    --codec-auth) CODEC+=(--codec-auth "${2:?}"); shift 2;;
    -h|--help) usage;;
    -*) echo "unknown option $1" >&2; usage;;
    *) IDS+=("$1"); shift;;
  esac
done
[ -n "$OUT" ] || usage
if [ -n "$QUERY" ] && [ ${#IDS[@]} -gt 0 ]; then echo "give --query or workflow ids, not both" >&2; usage; fi
[ -n "$QUERY" ] || [ ${#IDS[@]} -gt 0 ] || usage
A=(--address "$ADDRESS" --namespace "$NAMESPACE")

# Each line: workflow id, run id (empty: the latest run), file name (empty: from the id), split
# by the unit separator (tabs would collapse when a field is empty).
SEP=$'\x1f'
RUNS=()
if [ -n "$QUERY" ]; then
  mapfile -t RUNS < <("$T" workflow list --query "$QUERY" --output json "${A[@]}" | python3 -c '
import json, sys
text = sys.stdin.read().strip()
try:
    rows = json.loads(text) if text else []
    rows = rows if isinstance(rows, list) else [rows]
except json.JSONDecodeError:  # one object a line
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
for row in rows:
    e = row.get("execution", row)
    print(e.get("workflowId", e.get("workflow_id", "")) + "\x1f" + e.get("runId", e.get("run_id", "")) + "\x1f")
')
  [ ${#RUNS[@]} -gt 0 ] || { echo "the query lists no workflow: $QUERY" >&2; exit 1; }
else
  for arg in "${IDS[@]}"; do
    if [[ "$arg" == *=* ]]; then RUNS+=("${arg%%=*}$SEP$SEP${arg#*=}"); else RUNS+=("$arg$SEP$SEP"); fi
  done
fi

mkdir -p "$OUT"
declare -A SEEN=()
for run in "${RUNS[@]}"; do
  IFS="$SEP" read -r id run_id name <<< "$run"
  if [ -z "$name" ]; then
    name="$id"
    [ -z "$DROP" ] || name="${name/"$DROP"/}"
    name="${name//[^A-Za-z0-9._-]/_}"
    if [ -n "${SEEN[$name]:-}" ] && [ -n "$run_id" ]; then name="$name-${run_id:0:8}"; fi
  fi
  SEEN[$name]=1
  file="$OUT/$name.json"
  "$T" workflow show --workflow-id "$id" ${run_id:+--run-id "$run_id"} --output json "${A[@]}" ${CODEC[@]+"${CODEC[@]}"} > "$file"
  echo "exported $file ($(grep -c '"eventId"' "$file") events)"
done
