#!/usr/bin/env bash
# Usage: postgres-dev/postgres.sh [start|stop|status]     (default: start)
#   start:  installs PostgreSQL from Debian packages if missing (root only), initialises a cluster
#           in postgres-dev/.state/data, starts it on 127.0.0.1 only, creates the amends role and
#           database (idempotent), waits until it accepts the amends login. Also creates the group
#           role amends_application (the rights amends' migrations grant) and its login amends_app,
#           whose password is AMENDS_APP_DB_PASSWORD or one generated into .state/app-password.
#   stop:   stops that cluster and waits for it to exit. status: says whether it runs.
#   Env: AMENDS_PG_PORT (default 5432), AMENDS_DB_USER / AMENDS_DB_PASSWORD (default amends/amends),
#        AMENDS_DB_NAME (default amends), AMENDS_PG_STATE_DIR (default postgres-dev/.state).
set -euo pipefail

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }

CMD="${1:-start}"
case "$CMD" in
  start|stop|status) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_DIR="${AMENDS_PG_STATE_DIR:-$HERE/.state}"
DATA_DIR="$STATE_DIR/data"
# The socket lives beside the data, not in /var/run/postgresql: no clash with a system cluster,
# and a non-root user can create it.
SOCKET_DIR="$STATE_DIR/socket"
LOG_FILE="$STATE_DIR/postgres.log"
PORT="${AMENDS_PG_PORT:-5432}"
DB_USER="${AMENDS_DB_USER:-amends}"
DB_PASSWORD="${AMENDS_DB_PASSWORD:-amends}"
DB_NAME="${AMENDS_DB_NAME:-amends}"
APP_USER="${AMENDS_APP_DB_USER:-amends_app}"
APP_PASSWORD_FILE="$STATE_DIR/app-password"

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# PostgreSQL refuses to run as root, so root runs its binaries as the postgres user (as CI does).
if [[ $EUID -eq 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# Highest installed major version's binaries; Debian keeps them off PATH.
find_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

ensure_installed() {
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] && return 0
  [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed; as root run: apt-get update && apt-get install -y postgresql"
  log "installing PostgreSQL from Debian packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql after install"
}

is_running() {
  [[ -n "${BIN:-}" && -f "$DATA_DIR/PG_VERSION" ]] && as_pg "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

psql_admin() {
  as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -d postgres "$@"
}

do_start() {
  ensure_installed
  mkdir -p "$STATE_DIR"
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$STATE_DIR"
    as_pg test -x "$STATE_DIR" || die "user postgres cannot reach $STATE_DIR; set AMENDS_PG_STATE_DIR (e.g. /tmp/amends-pg)"
  fi

  if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "initialising a cluster in $DATA_DIR"
    # Local socket: peer (only the OS user that owns the cluster); TCP: passwords only.
    as_pg "$BIN/initdb" -D "$DATA_DIR" --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  as_pg mkdir -p "$SOCKET_DIR"

  if is_running; then
    log "already running on 127.0.0.1:$PORT"
  else
    if ss -Hltn "( sport = :$PORT )" 2>/dev/null | grep -q .; then
      die "port $PORT is already in use (a system cluster? see pg_lsclusters); set AMENDS_PG_PORT"
    fi
    # Loopback only: listen_addresses is set on the command line, so the data dir's config cannot widen it.
    as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR" start >/dev/null \
      || { tail -n 30 "$LOG_FILE" >&2 || true; die "PostgreSQL did not start"; }
  fi

  # Idempotent: creates what is missing and resets the password, so the env values always apply.
  psql_admin -v user="$DB_USER" -v pw="$DB_PASSWORD" -v db="$DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

  # The application's login, with only the rights migrations grant to amends_application.
  # The file always holds the password in force, so scripts/it-env.sh can pass it on.
  if [[ -n "${AMENDS_APP_DB_PASSWORD:-}" ]]; then
    (umask 077 && printf '%s' "$AMENDS_APP_DB_PASSWORD" >"$APP_PASSWORD_FILE")
  elif [[ ! -s "$APP_PASSWORD_FILE" ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$APP_PASSWORD_FILE")
  fi
  local app_password
  app_password="$(cat "$APP_PASSWORD_FILE")"
  psql_admin -v app="$APP_USER" -v pw="$app_password" <<'SQL'
SELECT 'CREATE ROLE amends_application NOLOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amends_application') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN INHERIT PASSWORD %L', :'app', :'pw') \gexec
SELECT format('GRANT amends_application TO %I', :'app') \gexec
SQL

  # Ready means the application's own login over TCP works, not just that the server is up.
  local deadline=$((SECONDS + 30))
  until PGPASSWORD="$DB_PASSWORD" "$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" \
      -c 'SELECT 1' >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "login as $DB_USER to $DB_NAME on 127.0.0.1:$PORT fails"
    sleep 1
  done
  echo "PostgreSQL ready: jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME (user $DB_USER)"
}

do_stop() {
  BIN="$(find_bindir || true)"
  if ! is_running; then
    echo "PostgreSQL (dev) not running"
    return 0
  fi
  as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 stop >/dev/null
  echo "PostgreSQL (dev) stopped"
}

do_status() {
  BIN="$(find_bindir || true)"
  if is_running; then
    echo "PostgreSQL (dev) running, data $DATA_DIR"
  else
    echo "PostgreSQL (dev) not running"
    return 3
  fi
}

"do_$CMD"
