#!/usr/bin/env bash
# What one request costs, measured in ways that hold on a shared machine (CPU time and bytes, not requests per
# second): starts the given jars on one database with the production flags (MALLOC_ARENA_MAX=2 -Xmx256m
# -XX:+UseSerialGC, GC log on), warms each up, then in interleaved rounds (A B, then B A) loads one at a time with wrk
# and reports per request: the JVM's CPU (utime + stime of /proc/PID/stat), its PostgreSQL backends' CPU (the pool's
# connections, told apart by application_name), the bytes it allocated (eden filled between and at its young
# collections, from the GC log and jstat), and its GC pauses per 10,000 requests. Medians and B/A ratios at the end.
#
#   docs/bench/load/cost.sh JAR_A [JAR_B]     e.g. docs/bench/load/cost.sh /tmp/a.jar target/staybook-0.1.0-SNAPSHOT.jar
#
# Environment (defaults): DB (staybook_load), PATHS (a file of request paths; default: 2,000 searches of run.sh's
# search scenario: one of the 50 biggest cities, check-in 14-120 days ahead, 1-7 nights, 1-4 guests), ROUNDS (5),
# DURATION (20 s a window), WARMUP (30 s per jar), CONNECTIONS (32), THREADS (2), PORT (18900: A's; B's is PORT + 10),
# OUT (a new folder under /tmp), JAVA_OPTS_A / JAVA_OPTS_B (more JVM flags for one of them).
# Needs java (JAVA_HOME), jstat, wrk, psql, curl; jobs and rate limits are off in both services.
set -euo pipefail
JARS=("${1:?usage: cost.sh JAR_A [JAR_B]}")
[ -n "${2:-}" ] && JARS+=("$2")
DB=${DB:-staybook_load} ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-20} WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2} PORT=${PORT:-18900}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../../.."
LUA=$PWD/docs/bench/load/lua
OUT=${OUT:-$(mktemp -d /tmp/cost.XXXXXX)}
mkdir -p "$OUT"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JSTAT=${JAVA_HOME:+$JAVA_HOME/bin/}jstat
TICK=$(getconf CLK_TCK)
sql() { psql -d "$DB" -qAtX -v ON_ERROR_STOP=1 "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
names=(A B)

if [ -z "${PATHS:-}" ]; then
  PATHS=$OUT/search.txt
  for d in $(seq 0 130); do date -u -d "+$d days" +%F; done > "$OUT/days.txt"
  sql -F $'\t' -c "select city from properties where deleted_at is null group by city order by count(*) desc
    limit 50" > "$OUT/cities.txt"
  awk -v seed=12 'BEGIN {srand(seed)} FNR == NR {day[FNR - 1] = $0; next} {c[FNR] = $0} END {
    for (i = 0; i < 2000; i++) {
      city = c[1 + int(rand() * length(c))]; gsub(/ /, "%20", city); d = 14 + int(rand() * 107); n = 1 + int(rand() * 7)
      printf "/api/v1/properties?city=%s&check_in=%s&check_out=%s&guests=%d\n", city, day[d], day[d + n], 1 + int(rand() * 4) } }' \
    "$OUT/days.txt" "$OUT/cities.txt" > "$PATHS"
fi

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
for i in "${!JARS[@]}"; do
  n=${names[$i]} port=$((PORT + 10 * i)) opts_var=JAVA_OPTS_${names[$i]}
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=2 STAYBOOK_JOBS_RUN=false STAYBOOK_RATE_LIMITS_ENABLED=false SERVER_PORT=$port \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB?ApplicationName=cost-$n-$$" \
    SPRING_DATASOURCE_USERNAME=$PGUSER \
    "$JAVA" -Xmx256m -XX:+UseSerialGC "-Xlog:gc,gc+heap=debug:file=$OUT/gc-$n.log" ${!opts_var:-} \
    -jar "${JARS[$i]}" > "$OUT/service-$n.log" 2>&1 &
  pids+=($!)
done
for i in "${!JARS[@]}"; do
  port=$((PORT + 10 * i))
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/liveness" && break; sleep 1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/liveness" || { echo "${names[$i]} did not start" >&2; exit 1; }
done

jvm_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { # application name -> utime + stime of its backends
  local total=0 pid
  for pid in $(sql -c "select pid from pg_stat_activity where application_name = '$1'"); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
eden_kb() { "$JSTAT" -gc "$1" | awk 'NR == 2 {print $6}'; } # EU
# young collections in a GC log from line $2 on: count, pause ms, eden KiB before each
gc_since() {
  tail -n +"$2" "$1" | awk '
    /Eden: / { if (match($0, /Eden: [0-9]+K/)) { s = substr($0, RSTART + 6, RLENGTH - 7); eden += s } }
    /Pause (Young|Full)/ { n++; if (match($0, /[0-9.]+ms$/)) ms += substr($0, RSTART, RLENGTH - 2); if ($0 ~ /Pause Full/) full++ }
    END { printf "%d %.1f %d %d\n", n, ms, eden, full }'
}
result() { grep '^RESULT' | sed 's/.*requests=\([0-9]*\).*rps=\([0-9.]*\).*p50_ms=\([0-9.]*\).*p99_ms=\([0-9.]*\).*non2xx=\([0-9]*\).*/\1 \2 \3 \4 \5/'; }

window() { # index seconds -> CSV row (or nothing for a warm-up)
  local i=$1 seconds=$2 n=${names[$1]} port=$((PORT + 10 * $1)) pid=${pids[$1]}
  local j0 p0 e0 l0 j1 p1 e1 requests rps p50 p99 bad gcs ms eden full
  j0=$(jvm_ticks "$pid") p0=$(pg_ticks "cost-$n-$$") e0=$(eden_kb "$pid") l0=$(($(wc -l < "$OUT/gc-$n.log") + 1))
  read -r requests rps p50 p99 bad < <(LOAD_LUA=$LUA LOAD_PATHS=$PATHS LOAD_THREADS=$THREADS \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$LUA/paths.lua" \
    "http://127.0.0.1:$port" | result)
  j1=$(jvm_ticks "$pid") p1=$(pg_ticks "cost-$n-$$") e1=$(eden_kb "$pid")
  read -r gcs ms eden full < <(gc_since "$OUT/gc-$n.log" "$l0")
  # a cold JVM on a busy machine may miss the pool's 2 s timeout during the warm-up; a measured window may not
  [ "$bad" = 0 ] || [ "$3" = warmup ] || { echo "$n: $bad answers were not 2xx" >&2; exit 1; }
  awk -v r="$3" -v n="$n" -v q="$requests" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v j=$((j1 - j0)) \
    -v p=$((p1 - p0)) -v a="$(echo "$eden $e1 $e0" | awk '{print $1 + $2 - $3}')" -v g="$gcs" -v ms="$ms" \
    -v full="$full" -v tick="$TICK" 'BEGIN {
      printf "%s,%s,%d,%.1f,%.2f,%.2f,%.3f,%.3f,%.1f,%.2f,%.1f,%d\n", r, n, q, rps, p50, p99, j * 1000 / tick / q,
        p * 1000 / tick / q, a / q, g * 10000 / q, ms * 10000 / q, full }'
}

log "warm-up: $WARMUP s per jar"
for i in "${!JARS[@]}"; do window "$i" "$WARMUP" warmup > /dev/null; done
CSV=$OUT/cost.csv
echo "round,jar,requests,rps,p50_ms,p99_ms,jvm_cpu_ms,pg_cpu_ms,alloc_kib,gcs_per_10k,gc_pause_ms_per_10k,full_gcs" > "$CSV"
for r in $(seq 1 "$ROUNDS"); do
  order=("${!JARS[@]}")
  [ $((r % 2)) -eq 0 ] && [ ${#JARS[@]} -eq 2 ] && order=(1 0)
  for i in "${order[@]}"; do
    row=$(window "$i" "$DURATION" "$r")
    echo "$row" >> "$CSV"
    log "$row"
  done
done
python3 - "$CSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cols = ["rps", "p99_ms", "jvm_cpu_ms", "pg_cpu_ms", "alloc_kib", "gcs_per_10k", "gc_pause_ms_per_10k"]
med = {}
for jar in dict.fromkeys(r["jar"] for r in rows):
    med[jar] = {c: statistics.median(float(r[c]) for r in rows if r["jar"] == jar) for c in cols}
print("median per request " + " ".join("%12s" % c for c in cols))
for jar, m in med.items():
    print("%-18s " % jar + " ".join("%12.3f" % m[c] for c in cols))
if "B" in med:
    print("%-18s " % "B/A" + " ".join("%12.3f" % (med["B"][c] / med["A"][c] if med["A"][c] else float("nan")) for c in cols))
PY
log "rows: $CSV; GC logs and service logs in $OUT"
