#!/usr/bin/env bash
# Usage: scripts/bench-replay.sh [COUNT]
#   Copies the recorded histories (app/src/test/resources/histories) over and over into a
#   temporary folder until it holds COUNT of them (default 1000), then replays them all against
#   the app's workflows with the testkit's one replay call (HistoryReplay, one shared replay
#   environment, a replay worker per core) and prints how long that call took, the CPU time the
#   JVM used and the load average (the cores may be shared). Builds the modules first unless
#   SKIP_BUILD=1; MVN_FLAGS (default -o) goes to every Maven call; JAVA_OPTS (default: C1 only,
#   which costs a short run far less compilation) to the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
COUNT="${1:-1000}"
[[ "$COUNT" =~ ^[0-9]+$ ]] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
MVN_FLAGS="${MVN_FLAGS:--o}"
JAVA_OPTS="${JAVA_OPTS:--XX:TieredStopAtLevel=1}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B $MVN_FLAGS install -DskipTests -pl app -am
fi
./mvnw -q -B $MVN_FLAGS -pl app org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath" >/dev/null

mapfile -t RECORDED < <(find app/src/test/resources/histories -name '*.json' | sort)
mkdir -p "$WORK/histories"
n=0
while [ "$n" -lt "$COUNT" ]; do
  for f in "${RECORDED[@]}"; do
    [ "$n" -lt "$COUNT" ] || break
    cp "$f" "$WORK/histories/$(printf '%05d' "$n")-$(basename "$f")"
    n=$((n + 1))
  done
done
echo "$COUNT histories (from ${#RECORDED[@]} recorded) on $(nproc) cores"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='whole run, JVM start included: %R s wall, %U s user + %S s system CPU'
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
{ time {
  java $JAVA_OPTS -cp "app/target/classes:$(cat "$WORK/classpath")" \
    dev.amends.testkit.replay.ReplayAll "$WORK/histories" \
    dev.amends.app.order.OrderWorkflowImpl dev.amends.app.story.StoryWorkflowImpl \
    dev.amends.app.reconcile.ReconcilerWorkflowImpl dev.amends.app.reconcile.DriftEscalationWorkflowImpl \
    2>&1 | grep -v ' INFO '
}; } 2>&1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
