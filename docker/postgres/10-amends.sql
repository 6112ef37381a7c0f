-- Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
-- Temporal's databases are created here so that the schema step only has idempotent work left
-- (temporal-sql-tool's "create" fails on a database that exists).
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

-- amends keeps its own data apart from Temporal's, under its own login.
CREATE ROLE amends LOGIN PASSWORD 'amends';
CREATE DATABASE amends OWNER amends;
