#!/usr/bin/env bash
# Restores what scripts/backup.sh made (runbook: docs/operations.md):
#   restore.sh base -s BASE_BACKUP -D NEW_DATA_DIR -P PORT [-a WAL_ARCHIVE_DIR] [-t 'TIMESTAMP']
#       point-in-time recovery: unpacks the base backup (a directory made by "backup.sh base", or "latest" for the
#       newest under $BACKUP_DIR/base) into a new, empty data directory, replays the archived WAL up to TIMESTAMP
#       (recovery_target_time, e.g. '2026-11-29 17:05:00+00'; inclusive) or, without -t, to the end of the archive,
#       then promotes it and starts it on PORT (127.0.0.1 only). Prints "ready" once it accepts writes; exits 1 with
#       the log's tail if recovery fails (e.g. the target is after the last archived WAL).
#   restore.sh dump -f DUMP_FILE -n NEW_DATABASE [-h host] [-p port] [-U user]
#       creates NEW_DATABASE (it must not exist) and loads a pg_dump -Fc export into it with pg_restore.
# Environment: BACKUP_DIR (/var/backups/staybook), WAL_ARCHIVE_DIR ($BACKUP_DIR/wal), PGHOST/PGPORT/PGUSER,
#   PG_OS_USER: the OS user that runs the restored server when this runs as root (postgres).
# The restored server keeps the backup's settings except: its port, archive_mode=off (it must not write a new timeline
# into the primary's archive; switch it back on once it has become the primary) and the recovery settings.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
mode=$1; shift
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/staybook}
WAL_ARCHIVE_DIR=${WAL_ARCHIVE_DIR:-$BACKUP_DIR/wal}
PG_OS_USER=${PG_OS_USER:-postgres}
backup_src='' data='' port='' target='' dump_file='' new_db=''
while getopts 's:D:P:a:t:f:n:h:p:U:' opt; do
  case $opt in
    s) backup_src=$OPTARG ;; D) data=$OPTARG ;; P) port=$OPTARG ;; a) WAL_ARCHIVE_DIR=$OPTARG ;; t) target=$OPTARG ;;
    f) dump_file=$OPTARG ;; n) new_db=$OPTARG ;; h) PGHOST=$OPTARG ;; p) PGPORT=$OPTARG ;; U) PGUSER=$OPTARG ;;
    *) usage ;;
  esac
done

# shellcheck source=scripts/pg-tools.sh
source "$(dirname "$0")/pg-tools.sh"
log() { printf '%s restore: %s\n' "$(date -u +%FT%TZ)" "$*"; }
die() { echo "restore: $*" >&2; exit 1; }

base() {
  if [ -z "$backup_src" ] || [ -z "$data" ] || [ -z "$port" ]; then usage; fi
  if [ "$backup_src" = latest ]; then
    backup_src=$(find "$BACKUP_DIR/base" -mindepth 1 -maxdepth 1 -type d -not -name '*.partial' | sort | tail -n 1)
    [ -n "$backup_src" ] || die "no base backup under $BACKUP_DIR/base"
  fi
  [ -d "$backup_src" ] || die "$backup_src is not a base backup directory"
  backup_src=$(realpath "$backup_src") data=$(realpath -m "$data") WAL_ARCHIVE_DIR=$(realpath -m "$WAL_ARCHIVE_DIR")
  [ -d "$WAL_ARCHIVE_DIR" ] || die "WAL archive $WAL_ARCHIVE_DIR does not exist"
  if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then die "$data is not empty: restore into a new directory"; fi
  mkdir -p "$data"

  log "unpacking $backup_src into $data"
  if [ -f "$backup_src/base.tar.gz" ]; then
    tar -xzf "$backup_src/base.tar.gz" -C "$data"
    [ ! -f "$backup_src/pg_wal.tar.gz" ] || tar -xzf "$backup_src/pg_wal.tar.gz" -C "$data/pg_wal"
  else
    cp -a "$backup_src/." "$data/"
  fi
  rm -f "$data/postmaster.pid"
  # Debian's clusters keep postgresql.conf and pg_hba.conf in /etc/postgresql/<version>/<cluster>, outside the data
  # directory, so their backups have none: start from PostgreSQL's defaults and local-only, password-checked access.
  # Carry the production settings over by hand (shared_buffers, work_mem...) before sending traffic to it.
  if [ ! -f "$data/postgresql.conf" ]; then
    log "the backup has no postgresql.conf (a Debian cluster): using PostgreSQL's defaults"
    echo "# written by restore.sh: the backup had no postgresql.conf" >"$data/postgresql.conf"
  fi
  if [ ! -f "$data/pg_hba.conf" ]; then
    printf '%s\n' '# written by restore.sh: the backup had no pg_hba.conf' 'local all all peer' \
      'host all all 127.0.0.1/32 scram-sha-256' 'host all all ::1/128 scram-sha-256' >"$data/pg_hba.conf"
  fi
  [ -f "$data/pg_ident.conf" ] || : >"$data/pg_ident.conf"

  # Recovery settings go last in postgresql.auto.conf, so they win over the backup's own postgresql.conf.
  {
    echo "# restore.sh $(date -u +%FT%TZ) from $backup_src"
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "archive_mode = off"
    echo "restore_command = 'cp \"$WAL_ARCHIVE_DIR/%f\" \"%p\"'"
    echo "recovery_target_timeline = 'latest'"
    if [ -n "$target" ]; then
      echo "recovery_target_time = '$target'"
      echo "recovery_target_inclusive = on"
      echo "recovery_target_action = 'promote'"
    fi
  } >>"$data/postgresql.auto.conf"
  touch "$data/recovery.signal"
  chmod 700 "$data"
  [ "$(id -u)" -ne 0 ] || chown -R "$PG_OS_USER:" "$data"

  log "recovering to ${target:-the end of the archive} on port $port"
  as_server_user "$(pg_bin pg_ctl)" -D "$data" -l "$data/restore.log" -w -t 120 start >/dev/null ||
    { tail -n 20 "$data/restore.log" >&2; die "the restored server did not start (log: $data/restore.log)"; }
  # pg_ctl returns once the server accepts read-only connections; it is ready when recovery has ended (promoted),
  # which pg_control says without needing a password.
  local i
  for i in $(seq 1 240); do
    as_server_user "$(pg_bin pg_controldata)" -D "$data" | grep -q '^Database cluster state: *in production$' && break
    if [ "$i" -eq 240 ] || ! as_server_user "$(pg_bin pg_ctl)" -D "$data" status >/dev/null; then
      tail -n 20 "$data/restore.log" >&2; die "recovery did not finish (log: $data/restore.log)"
    fi
    sleep 0.5
  done
  log "ready: recovered to ${target:-the end of the archive}, accepting writes on 127.0.0.1:$port (data $data)"
  grep -E 'recovery stopping|last completed transaction|archive recovery complete|selected new timeline' \
    "$data/restore.log" | sed 's/^/  /' || true
}

dump() {
  if [ -z "$dump_file" ] || [ -z "$new_db" ]; then usage; fi
  [ -f "$dump_file" ] || die "$dump_file does not exist"
  log "creating database $new_db on $PGHOST:$PGPORT and loading $dump_file"
  createdb --no-password -T template0 "$new_db"
  pg_restore --no-password --exit-on-error --no-owner -d "$new_db" "$dump_file"
  log "ready: database $new_db restored"
}

case $mode in
  base) base ;;
  dump) dump ;;
  *) usage ;;
esac
