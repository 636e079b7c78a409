#!/usr/bin/env bash
# docker-compose.yml's primary: the roles, the database, the least-privilege grants, pg_stat_statements and the
# replica's access. The postgres image runs this once, as the postgres OS user against its temporary server, when the
# data directory is empty (/docker-entrypoint-initdb.d). The SQL is the cluster's: ops/postgres/*.sql.
set -euo pipefail
psql=(psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password)
{
  printf "\\\\set owner_password '%s'\n\\\\set app_password '%s'\n\\\\set replicator_password '%s'\n" \
    "$STAYBOOK_OWNER_DB_PASSWORD" "$STAYBOOK_APP_DB_PASSWORD" "$STAYBOOK_REPLICATOR_DB_PASSWORD"
  cat /etc/staybook/roles.sql
} | "${psql[@]}" -d postgres -v database=staybook -v owner=staybook_owner -v app=staybook_app \
  -v replicator=staybook_replicator -v statement_timeout=5s -v lock_timeout=3s
"${psql[@]}" -d staybook -v database=staybook -v owner=staybook_owner -v app=staybook_app \
  -f /etc/staybook/least-privilege.sql
"${psql[@]}" -d staybook -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements'
# the replica's slot: the primary keeps WAL until the replica has it
"${psql[@]}" -d postgres -c "SELECT pg_create_physical_replication_slot('staybook_replica')" >/dev/null
echo "host replication staybook_replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
