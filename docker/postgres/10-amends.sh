#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d), as the
# superuser. Passwords come from the environment compose passes in (.env.example); none is fixed.
# Temporal's databases are created here so that the schema step only has idempotent work left
# (temporal-sql-tool's "create" fails on a database that exists).
# amends keeps its data apart from Temporal's, in a database owned by amends_owner, which runs the
# migrations; the application logs in as amends, a member of amends_application, which may only
# read and append to the ledger (the grants come with the migrations; docs/operations.md).
set -eu
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$AMENDS_OWNER_DB_PASSWORD" -v app_password="$AMENDS_DB_PASSWORD" <<'SQL'
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE ROLE amends_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE amends_application NOLOGIN;
CREATE ROLE amends LOGIN PASSWORD :'app_password' IN ROLE amends_application;
CREATE DATABASE amends OWNER amends_owner;
REVOKE CREATE ON DATABASE amends FROM PUBLIC;
SQL
