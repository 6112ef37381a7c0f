#!/usr/bin/env bash
# Usage: scripts/export-story-histories.sh FOLDER
#   Runs every variant of the story writer (held edit committed, discarded, undone, nothing undone,
#   beyond the undo depth, rollbacks accepted and refused, a rollback while an edit is held, a
#   writer that continued as new) on a real Temporal server and exports each history with
#   `temporal workflow show --output json` into app/src/test/resources/histories/FOLDER/
#   (e.g. FOLDER=story-v1), where RecordedHistoriesReplayTest reads them. Keep older folders.
#   Starts the real parts with scripts/it-env.sh if they are not running; EXPORT_PORT (default
#   18095) is the application's port.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
OUT="app/src/test/resources/histories/$1"
PORT="${EXPORT_PORT:-18095}"
BASE="http://127.0.0.1:$PORT"
RUN="h$(date +%s)"

eval "$(scripts/it-env.sh start)"
T="$AMENDS_IT_TEMPORAL_CLI"
A="--address $AMENDS_IT_TEMPORAL_ADDRESS"
./mvnw -q -B -DskipTests package -pl app -am
# amends on real takes JWTs: this script's token, signed with the dev key amends is told to trust.
TOKEN="$(scripts/dev-token.sh --subject=export EDITOR)"
AUTH=(-H "authorization: Bearer $TOKEN")

# amends encrypts payloads with the parts' codec key (scripts/it-env.sh); histories are exported
# through its codec server, decoded, so the recorded files replay without the key.
CODEC_ENV=(AMENDS_CODEC_CURRENT_KEY_ID="$AMENDS_IT_CODEC_KEY_ID"
  "AMENDS_CODEC_KEYS_${AMENDS_IT_CODEC_KEY_ID^^}=$AMENDS_IT_CODEC_KEY")
CODEC=(--codec-endpoint "$BASE/codec" --codec-auth "Bearer $(scripts/dev-token.sh --subject=export-codec OPERATOR)")
env "${CODEC_ENV[@]}" SPRING_PROFILES_ACTIVE=real SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$(scripts/dev-token.sh --public-key)" \
  TEMPORAL_ADDRESS="$AMENDS_IT_TEMPORAL_ADDRESS" AMENDS_DB_URL="$AMENDS_IT_DB_URL" \
  java -jar app/target/amends.jar --server.port="$PORT" --amends.story.window=2s \
  --amends.story.ttl=4s --amends.story.history-limit=100 > /tmp/amends-story-export.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "$BASE/actuator/health" >/dev/null && break; sleep 1; done

edit() { # story field value -> undo id
  curl -sf "${AUTH[@]}" -XPOST "$BASE/stories/$RUN-$1/edits" -H 'content-type: application/json' \
    -d "{\"field\": \"$2\", \"value\": \"$3\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["undoId"])'
}
undo() { curl -s "${AUTH[@]}" -o /dev/null -w '%{http_code}' -XPOST "$BASE/undo/$1"; }
rollback() { # story target expected
  curl -s "${AUTH[@]}" -o /dev/null -w '%{http_code}' -XPOST "$BASE/stories/$RUN-$1/rollback" \
    -H 'content-type: application/json' -d "{\"targetRevision\": $2, \"expectedRevision\": $3}"
}
expect() { [ "$1" = "$2" ] || { echo "expected HTTP $2, got $1 ($3)" >&2; exit 1; }; }
revision() { curl -sf "${AUTH[@]}" "$BASE/stories/$RUN-$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])'; }
committed() { # story revision
  for _ in $(seq 1 60); do [ "$(revision "$1" 2>/dev/null)" = "$2" ] && return 0; sleep 0.5; done
  echo "story $1 never reached revision $2" >&2; exit 1
}
done_() { # story: its writer completed
  for _ in $(seq 1 90); do
    "$T" workflow describe --workflow-id "story-$RUN-$1" $A 2>/dev/null | grep -qiE 'status +completed' && return 0
    sleep 1
  done
  echo "the writer of $1 never completed" >&2; exit 1
}

edit committed title "Committed" >/dev/null

u=$(edit discarded title "Oops"); expect "$(undo "$u")" 200 "undo inside the window"

edit undone title "Old" >/dev/null; committed undone 1
u=$(edit undone title "New"); committed undone 2
expect "$(undo "$u")" 200 "undo after commit"; expect "$(undo "$u")" 200 "repeated undo"

edit nothing-undone status "draft" >/dev/null; committed nothing-undone 1
u=$(edit nothing-undone status "live"); committed nothing-undone 2
expect "$(rollback nothing-undone 1 2)" 200 "rollback"
expect "$(undo "$u")" 409 "undo of a field changed since"

older=$(edit beyond-depth title "First"); newer=$(edit beyond-depth body "Second")
expect "$(undo "$older")" 410 "undo beyond the depth"; expect "$(undo "$newer")" 200 "undo of the newest"

edit rollback title "a" >/dev/null; committed rollback 1
edit rollback title "b" >/dev/null; committed rollback 2
edit rollback body "x" >/dev/null; committed rollback 3
expect "$(rollback rollback 1 2)" 409 "stale rollback"
expect "$(rollback rollback 7 3)" 400 "target out of range"
expect "$(rollback rollback 1 3)" 200 "rollback"

edit rollback-while-held title "a" >/dev/null; committed rollback-while-held 1
edit rollback-while-held title "b" >/dev/null; committed rollback-while-held 2
edit rollback-while-held body "later" >/dev/null
expect "$(rollback rollback-while-held 1 2)" 200 "rollback while an edit is held"

for i in $(seq 1 12); do edit continued title "v$i" >/dev/null; committed continued "$i"; done
u=$(edit continued body "held across runs"); committed continued 13
expect "$(undo "$u")" 200 "undo in the continued run"

for s in committed discarded undone nothing-undone beyond-depth rollback rollback-while-held continued; do done_ "$s"; done

mkdir -p "$OUT"
show() { # story file [run id]
  "$T" workflow show --workflow-id "story-$RUN-$1" ${3:+--run-id "$3"} --output json $A "${CODEC[@]}" > "$OUT/$2.json"
  echo "exported $OUT/$2.json ($(grep -c '"eventId"' "$OUT/$2.json") events)"
}
for s in committed discarded undone nothing-undone beyond-depth rollback rollback-while-held; do show "$s" "story-$s"; done
runs=$("$T" workflow list --query "WorkflowId=\"story-$RUN-continued\"" --output json $A \
  | python3 -c 'import json,sys; rs=json.load(sys.stdin); print(" ".join(r["execution"]["runId"] for r in sorted(rs, key=lambda r: r["startTime"])))')
n=0
for r in $runs; do n=$((n+1)); show continued "story-continued-run$n" "$r"; done
[ "$n" -ge 2 ] || { echo "the continued writer ran only $n run(s)" >&2; exit 1; }
