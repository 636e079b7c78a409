-- Staybook's database roles and database (issue 11, item 11). Run as a superuser connected to any database, with the
-- psql variables database, owner, app, replicator, their passwords (owner_password, app_password,
-- replicator_password), statement_timeout and lock_timeout set; then ops/postgres/least-privilege.sql in the database.
-- Idempotent: it creates what is missing and (re)sets passwords and settings. Used by scripts/cluster.sh and
-- ops/postgres/init-primary.sh (docker-compose.yml).
SELECT format('CREATE ROLE %I', r) FROM unnest(array[:'owner', :'app', :'replicator']) AS r
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
-- owns the database and its schema; Flyway migrates as it, connecting to the primary directly
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_password';
-- the service's pool: rows only (least-privilege.sql)
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT PASSWORD :'app_password';
-- the streaming replica's connection
ALTER ROLE :"replicator" LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'replicator_password';
-- PgBouncer in transaction mode cannot pass the service's startup parameter `options=-c statement_timeout=...` on (it
-- ignores it: ignore_startup_parameters), so the timeouts are the roles' own settings, which PostgreSQL applies to
-- every session the role opens, whatever pooler sits between
ALTER ROLE :"app" SET statement_timeout = :'statement_timeout';
ALTER ROLE :"app" SET lock_timeout = :'lock_timeout';
ALTER ROLE :"owner" SET statement_timeout = :'statement_timeout';
ALTER ROLE :"owner" SET lock_timeout = :'lock_timeout';
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'owner')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
