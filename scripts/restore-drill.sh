#!/usr/bin/env bash
# Restore drill (run by .ci/run; docs/operations.md): proves that scripts/backup.sh and scripts/restore.sh recover
# exactly the rows of a chosen moment. On a private PostgreSQL cluster (initdb under a temp dir, free port, WAL
# archiving on) it writes rows A, takes a base backup, writes rows B, notes a time T, writes rows C, then
#   1. restores to T into a fresh directory and port and expects exactly A+B (point-in-time recovery),
#   2. restores to the end of the archive and expects A+B+C, and that the restored server takes writes,
#   3. round-trips a pg_dump -Fc export through pg_restore into a new database and expects the same rows,
#   4. takes a second base backup with 0 days' retention and expects the first one and its WAL gone.
# Exits non-zero on any mismatch; stops its servers and deletes everything it made on exit. Never touches the shared
# server on 5432. Needs PostgreSQL's server binaries (Debian: apt-get install postgresql); as root the servers run as
# the postgres OS user (PG_OS_USER). Takes about 15 s on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PG_OS_USER=${PG_OS_USER:-postgres}
export PGUSER=postgres PGHOST=127.0.0.1 PGPASSWORD=  # the private clusters trust local TCP connections
unset PGDATABASE PGPORT

# shellcheck source=scripts/pg-tools.sh
source "$(dirname "$0")/pg-tools.sh"
log() { printf '%s drill: %s\n' "$(date -u +%FT%TZ)" "$*"; }
fail() { echo "restore-drill: FAILED: $*" >&2; exit 1; }
free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  fail "no free port"
}
sql() { local port=$1; shift; psql -X -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" "$@"; }
# "A:100:1-100,B:100:101-200": the batches a server holds, with their row counts and id ranges.
rows() { sql "$1" -d "${2:-drill}" -c "select string_agg(batch || ':' || n || ':' || lo || '-' || hi, ',' order by batch)
  from (select batch, count(*) n, min(id) lo, max(id) hi from drill group by batch) b"; }
expect() { [ "$2" = "$3" ] || fail "$1: expected $3, found $2"; log "ok: $1: $2"; }

PG_CTL=$(pg_bin pg_ctl)
tmp=$(mktemp -d /tmp/restore-drill.XXXXXX)
chmod 755 "$tmp"
servers=()
cleanup() {
  local status=$? data
  if [ "$status" -ne 0 ]; then tail -n 15 "$tmp"/run/*.log "$tmp"/*/restore.log 2>/dev/null >&2 || true; fi
  for data in "${servers[@]}"; do as_server_user "$PG_CTL" -D "$data" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir "$tmp/primary" "$tmp/archive" "$tmp/run"
[ "$(id -u)" -ne 0 ] || chown "$PG_OS_USER:" "$tmp/primary" "$tmp/archive" "$tmp/run"
started=$(date +%s)

port=$(free_port)
log "primary: initdb in $tmp/primary, port $port"
as_server_user "$(pg_bin initdb)" -D "$tmp/primary" -U postgres --auth=trust -E UTF8 >/dev/null
cat >>"$tmp/primary/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp/run'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $tmp/archive/%f && cp %p $tmp/archive/%f'
fsync = off
EOF
servers+=("$tmp/primary")
as_server_user "$PG_CTL" -D "$tmp/primary" -l "$tmp/run/primary.log" -w start >/dev/null
bash "$here/backup.sh" settings -p "$port" -a "$tmp/archive" | tail -n 6

sql "$port" -d postgres -c 'create database drill'
sql "$port" -d drill -c 'create table drill (id int primary key, batch text not null, at timestamptz not null default clock_timestamp())' \
  -c "insert into drill (id, batch) select g, 'A' from generate_series(1, 100) g"
export BACKUP_DIR=$tmp/backups WAL_ARCHIVE_DIR=$tmp/archive
bash "$here/backup.sh" base -p "$port"
sql "$port" -d drill -c "insert into drill (id, batch) select g, 'B' from generate_series(101, 200) g" -c 'select pg_switch_wal()' >/dev/null
sleep 1  # the commit timestamps of B and C must fall on either side of T, whatever the clock's precision
target=$(sql "$port" -d drill -c 'select now()')
sleep 1
sql "$port" -d drill -c "insert into drill (id, batch) select g, 'C' from generate_series(201, 300) g"
wal=$(sql "$port" -d postgres -c 'select pg_walfile_name(pg_switch_wal())')
for _ in $(seq 1 100); do [ -f "$tmp/archive/$wal" ] && break; sleep 0.2; done
[ -f "$tmp/archive/$wal" ] || fail "WAL $wal was not archived"
log "wrote A, base backup, B, T = $target, C; archived up to $wal"

port_pitr=$(free_port)
servers+=("$tmp/pitr")
bash "$here/restore.sh" base -s latest -D "$tmp/pitr" -P "$port_pitr" -t "$target"
expect "restored to T" "$(rows "$port_pitr")" "A:100:1-100,B:100:101-200"
as_server_user "$PG_CTL" -D "$tmp/pitr" -m fast stop >/dev/null

port_latest=$(free_port)
servers+=("$tmp/latest")
bash "$here/restore.sh" base -s latest -D "$tmp/latest" -P "$port_latest"
expect "restored to the end of the archive" "$(rows "$port_latest")" "A:100:1-100,B:100:101-200,C:100:201-300"
sql "$port_latest" -d drill -c "insert into drill (id, batch) values (301, 'D')"
expect "the restored server takes writes" "$(rows "$port_latest")" "A:100:1-100,B:100:101-200,C:100:201-300,D:1:301-301"
as_server_user "$PG_CTL" -D "$tmp/latest" -m fast stop >/dev/null

bash "$here/backup.sh" dump -p "$port" -d drill
bash "$here/restore.sh" dump -p "$port" -f "$(ls "$tmp"/backups/dump/drill-*.dump)" -n drill_copy
checksum="select md5(string_agg(id || batch || at, ',' order by id)) from drill"
expect "pg_dump/pg_restore round trip" "$(rows "$port" drill_copy)" "A:100:1-100,B:100:101-200,C:100:201-300"
expect "pg_restore copy's checksum" "$(sql "$port" -d drill_copy -c "$checksum")" "$(sql "$port" -d drill -c "$checksum")"

first=$(ls "$tmp/backups/base")
sleep 1  # a new UTC stamp for the second backup's directory
BACKUP_RETENTION_DAYS=0 bash "$here/backup.sh" base -p "$port"
expect "base backups kept with 0 days' retention" "$(find "$tmp/backups/base" -mindepth 1 -maxdepth 1 | wc -l)" "1"
oldest_wal=$(find "$tmp/archive" -regextype egrep -regex '.*/[0-9A-F]{24}' -printf '%f\n' | sort | head -n 1)
needed=$(sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p' \
  <<<"$(tar -xzOf "$tmp/backups/base/$(ls "$tmp/backups/base")/base.tar.gz" backup_label)")
[ "$(ls "$tmp/backups/base")" != "$first" ] || fail "the first base backup was not deleted"
[[ ! "$oldest_wal" < "$needed" ]] || fail "archived WAL $oldest_wal before $needed was not removed"
log "ok: retention removed the first base backup and the WAL before $needed"

log "PASSED in $(( $(date +%s) - started )) s"
