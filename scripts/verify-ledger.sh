#!/usr/bin/env bash
# Usage: scripts/verify-ledger.sh [--url=JDBC_URL] [--user=U] [--password=P] [--anchor=SEQ:SHA256HEX ...]
#                                 [--anchor-log=FILE] [--no-recorded-anchors]
#   Walks the effect ledger's hash chain from its first entry and prints the first broken link,
#   without starting the application. Exit 0: intact; 1: broken; 2: bad arguments or no database.
#   Defaults: AMENDS_DB_URL (jdbc:postgresql://127.0.0.1:5432/amends), AMENDS_DB_USER and
#   AMENDS_DB_PASSWORD (amends/amends). The heads recorded by recent reconciler runs are checked as
#   anchors; add your own with --anchor, and the hash of every published entry with --anchor-log
#   (the file amends.ledger.anchor-log names). Builds the application jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

JAR=app/target/amends.jar
if [[ ! -f "$JAR" ]]; then
  ./mvnw -q -B -DskipTests package -pl app -am >&2
fi
# The application jar holds the command and every JDBC driver; PropertiesLauncher runs a main
# class other than the application's.
exec java -cp "$JAR" -Dloader.main=dev.amends.app.ledger.VerifyLedgerCommand \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
