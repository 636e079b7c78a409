# shellcheck shell=bash
# Shared by .ci/run, cluster.sh and chaos.sh (sourced, not run): the machine-level helpers they all need.
# as_root COMMAND...: run COMMAND as root (directly when root, else through sudo).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# java_major JAVA_HOME: the major version of the JDK there (17, 21, 25).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
# pick_jdk: the first JDK >= 21: JAVA_HOME, else any under /usr/lib/jvm; status 1 when there is none.
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
# pid_of PIDFILE: the pid on the file's first line (a postmaster.pid too), empty when there is none.
pid_of() { [ -s "$1" ] && head -n 1 "$1" | tr -dc '0-9' || true; }
# pid_alive PID: the process runs (a zombie, killed but not yet reaped, does not count).
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }
