#!/usr/bin/env bash
# Usage: scripts/check-prometheus-config.sh [PROMTOOL]
#   Runs `promtool check config` (which also checks the rule files named) on both Prometheus
#   configs, each in a scratch folder laid out as it is read: docker/prometheus/prometheus.yml as
#   the compose stack's container sees /etc/prometheus (docs/observability/ as rules/, a stand-in
#   for the bearer-token file, which promtool requires to exist), and
#   docker/prometheus/prometheus-embedded.yml with amends-alerts.yml and a stand-in demo-password
#   beside it. PROMTOOL defaults to the promtool on PATH (Debian's `prometheus` package).
#   Exit 0: both valid; non-zero: promtool's complaint.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in -h|--help|-*) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;; esac
PROMTOOL="${1:-promtool}"
command -v "$PROMTOOL" >/dev/null || { echo "promtool not found: apt-get install prometheus" >&2; exit 2; }

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
"$PROMTOOL" --version 2>&1 | head -1

# Never the real secrets: promtool only checks that the files exist.
ETC="$SCRATCH/compose"
mkdir -p "$ETC/rules" "$ETC/secrets"
cp docker/prometheus/prometheus.yml "$ETC/prometheus.yml"
cp docs/observability/*.yml "$ETC/rules/"
echo "not-a-token" > "$ETC/secrets/amends-token"
"$PROMTOOL" check config "$ETC/prometheus.yml"

LOCAL="$SCRATCH/embedded"
mkdir -p "$LOCAL"
cp docker/prometheus/prometheus-embedded.yml "$LOCAL/prometheus.yml"
cp docs/observability/amends-alerts.yml "$LOCAL/"
printf 'not-a-password' > "$LOCAL/demo-password"
"$PROMTOOL" check config "$LOCAL/prometheus.yml"
