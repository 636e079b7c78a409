# shellcheck shell=bash
# Shared by backup.sh, restore.sh and restore-drill.sh (sourced, not run).
# pg_bin NAME: the path of a PostgreSQL program. Server-side tools (pg_ctl, initdb, pg_archivecleanup) are not on PATH
# on Debian: take pg_config's bindir, else the newest /usr/lib/postgresql/*/bin, else PATH.
pg_bin() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$dir/$1" ]; then echo "$dir/$1"; return 0; fi
  done
  command -v "$1" || { echo "$1 not found: install PostgreSQL (Debian: apt-get install postgresql)" >&2; exit 1; }
}
# as_server_user COMMAND...: PostgreSQL refuses to run as root; as root, run COMMAND as PG_OS_USER (postgres) from /.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u "${PG_OS_USER:-postgres}" -- "$@"); else "$@"; fi
}
