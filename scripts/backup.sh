#!/usr/bin/env bash
# PostgreSQL backups with PostgreSQL's own tools (docs/operations.md says how to schedule them and restore):
#   backup.sh base      a physical base backup with pg_basebackup (tar, gzip, WAL streamed into the backup, fast
#                       checkpoint) into $BACKUP_DIR/base/<UTC stamp>/, then the retention below
#   backup.sh dump      a logical export with pg_dump -Fc into $BACKUP_DIR/dump/<db>-<UTC stamp>.dump, then retention
#   backup.sh retention delete base backups and dumps older than BACKUP_RETENTION_DAYS (always keeping the latest of
#                       each), then the archived WAL older than the oldest kept base backup (pg_archivecleanup)
#   backup.sh settings  print the settings the primary needs for continuous WAL archiving and, if it answers, what it
#                       has now and whether archiving fails (pg_stat_archiver); exits 1 if archiving is not set up
# Options (or environment): -h host (PGHOST, 127.0.0.1), -p port (PGPORT, 5432), -U user (PGUSER, postgres),
#   -d database for dump (PGDATABASE, staybook), -b backup dir (BACKUP_DIR, /var/backups/staybook),
#   -a WAL archive dir (WAL_ARCHIVE_DIR, /var/backups/staybook/wal), -r retention days (BACKUP_RETENTION_DAYS, 7),
#   -F tar|plain base backup format (BACKUP_FORMAT, tar). The password comes from PGPASSWORD or ~/.pgpass.
# The user needs the REPLICATION attribute (or superuser) for base, and read rights on every table for dump.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
mode=$1; shift
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PGDATABASE=${PGDATABASE:-staybook}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/staybook}
WAL_ARCHIVE_DIR=${WAL_ARCHIVE_DIR:-$BACKUP_DIR/wal}
BACKUP_RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-7}
BACKUP_FORMAT=${BACKUP_FORMAT:-tar}
while getopts 'h:p:U:d:b:a:r:F:' opt; do
  case $opt in
    h) PGHOST=$OPTARG ;; p) PGPORT=$OPTARG ;; U) PGUSER=$OPTARG ;; d) PGDATABASE=$OPTARG ;;
    b) BACKUP_DIR=$OPTARG ;; a) WAL_ARCHIVE_DIR=$OPTARG ;; r) BACKUP_RETENTION_DAYS=$OPTARG ;;
    F) BACKUP_FORMAT=$OPTARG ;; *) usage ;;
  esac
done

# shellcheck source=scripts/pg-tools.sh
source "$(dirname "$0")/pg-tools.sh"
log() { printf '%s backup: %s\n' "$(date -u +%FT%TZ)" "$*"; }
stamp() { date -u +%Y%m%dT%H%M%SZ; }

# The first WAL file a base backup needs, from its backup_label ("START WAL LOCATION: 0/2000028 (file 0000...)").
start_wal() {
  local dir=$1 label
  if [ -f "$dir/backup_label" ]; then label=$(cat "$dir/backup_label")
  else label=$(tar -xzOf "$dir/base.tar.gz" backup_label); fi
  sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p' <<<"$label"
}

# Deletes the entries of $1 (sorted by their UTC stamp names) older than the retention, always keeping the newest.
prune() {
  local dir=$1 newest entry
  [ -d "$dir" ] || return 0
  newest=$(find "$dir" -mindepth 1 -maxdepth 1 -not -name '*.partial' | sort | tail -n 1)
  local age=()  # 0 days: everything but the newest
  [ "$BACKUP_RETENTION_DAYS" -gt 0 ] && age=(-mmin "+$((BACKUP_RETENTION_DAYS * 1440))")
  find "$dir" -mindepth 1 -maxdepth 1 "${age[@]}" -print0 | sort -z |
    while IFS= read -r -d '' entry; do
      [ "$entry" = "$newest" ] && continue
      log "retention: deleting $entry (older than $BACKUP_RETENTION_DAYS days)"
      rm -rf -- "$entry"
    done
}

retention() {
  prune "$BACKUP_DIR/base"
  prune "$BACKUP_DIR/dump"
  local oldest wal
  oldest=$(find "$BACKUP_DIR/base" -mindepth 1 -maxdepth 1 -type d -not -name '*.partial' 2>/dev/null | sort | head -n 1)
  if [ -n "$oldest" ] && [ -d "$WAL_ARCHIVE_DIR" ]; then
    wal=$(start_wal "$oldest")
    [ -n "$wal" ] || { echo "backup: no START WAL LOCATION in $oldest's backup_label" >&2; exit 1; }
    log "retention: removing archived WAL before $wal (needed from $oldest on)"
    "$(pg_bin pg_archivecleanup)" "$WAL_ARCHIVE_DIR" "$wal"
  fi
}

base() {
  local target partial
  target="$BACKUP_DIR/base/$(stamp)"
  partial="$target.partial"
  mkdir -p "$BACKUP_DIR/base"
  log "base backup of $PGHOST:$PGPORT into $target ($BACKUP_FORMAT)"
  case $BACKUP_FORMAT in
    tar) pg_basebackup -D "$partial" -F tar -z -X stream -c fast -l "staybook $(stamp)" --no-password ;;
    plain) pg_basebackup -D "$partial" -F plain -X stream -c fast -l "staybook $(stamp)" --no-password ;;
    *) echo "backup: -F must be tar or plain" >&2; exit 2 ;;
  esac
  mv "$partial" "$target"  # a crash mid-backup leaves only a *.partial directory, never a backup that looks whole
  log "base backup done: $target ($(du -sh "$target" | cut -f1)), starts at WAL $(start_wal "$target")"
  retention
}

dump() {
  local file
  mkdir -p "$BACKUP_DIR/dump"
  file="$BACKUP_DIR/dump/$PGDATABASE-$(stamp).dump"
  log "logical export of database $PGDATABASE on $PGHOST:$PGPORT into $file"
  pg_dump -F custom -Z 6 --no-password -d "$PGDATABASE" -f "$file.partial"
  mv "$file.partial" "$file"
  log "dump done: $file ($(du -sh "$file" | cut -f1))"
  retention
}

settings() {
  cat <<EOF
Continuous WAL archiving needs, in the primary's postgresql.conf (or ALTER SYSTEM; archive_mode needs a restart):
  wal_level = replica
  archive_mode = on
  archive_command = 'test ! -f $WAL_ARCHIVE_DIR/%f && cp %p $WAL_ARCHIVE_DIR/%f'
  archive_timeout = 60        # at most a minute of committed work waits in a WAL file not yet archived
  max_wal_senders = 10        # pg_basebackup -X stream uses two
and pg_hba.conf must let the backup user make a replication connection, e.g.
  host replication postgres 127.0.0.1/32 scram-sha-256
The archive directory must be writable by the server's OS user (postgres) and, in production, on another disk or
machine (mount it, or replace cp with rsync/scp that fails when the copy fails).
EOF
  local now
  if now=$(psql -X -qAt --no-password -d postgres -c "select name || ' = ' || setting from pg_settings
      where name in ('wal_level','archive_mode','archive_command','archive_timeout') order by name" 2>/dev/null); then
    printf '\nNow on %s:%s:\n%s\n' "$PGHOST" "$PGPORT" "$now"
    psql -X -qAt --no-password -d postgres -c "select 'archived ' || archived_count || ', failed ' || failed_count ||
      ', last archived ' || coalesce(last_archived_wal, '-') || ', last failed ' || coalesce(last_failed_wal, '-')
      from pg_stat_archiver"
    if ! grep -q '^archive_mode = on$' <<<"$now" || grep -q '^archive_command = $' <<<"$now" ||
      ! grep -q '^wal_level = \(replica\|logical\)$' <<<"$now"; then
      echo "backup: continuous archiving is NOT set up on $PGHOST:$PGPORT" >&2; exit 1
    fi
  else
    echo "(could not connect to $PGHOST:$PGPORT to show the current settings)" >&2
  fi
}

case $mode in
  base) base ;;
  dump) dump ;;
  retention) retention ;;
  settings) settings ;;
  *) usage ;;
esac
