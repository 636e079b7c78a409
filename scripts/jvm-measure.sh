#!/usr/bin/env bash
# Start-up time, resident memory at load and read throughput of one Staybook JVM started with the given java
# arguments (collector, heap, AOT cache...): docs/operations.md, "Memory, collector and start-up".
#
# Usage: scripts/jvm-measure.sh LABEL JAVA_ARGS...
#   e.g. scripts/jvm-measure.sh serial -Xmx256m -XX:+UseSerialGC -jar target/staybook-0.1.0-SNAPSHOT.jar
#        scripts/jvm-measure.sh aot -XX:AOTCache=/tmp/app/app.aot -jar /tmp/app/staybook-0.1.0-SNAPSHOT.jar
# The service reads its settings from the environment as always: SPRING_DATASOURCE_URL and _USERNAME are required
# (a database with the demo data, or STAYBOOK_DEMO_DATA_ENABLED=true loads it once). The script sets SERVER_PORT
# (MEASURE_PORT, default 18500), STAYBOOK_JOBS_RUN=false and STAYBOOK_RATE_LIMITS_ENABLED=false; the probes are asked on
# the same port (the floor the issue measures against), unless MANAGEMENT_SERVER_PORT is set. MEASURE_SECONDS
# (default 30) is the length of each measured wrk run; 0 measures start-up only. MEASURE_OUT (default
# /tmp/jvm-measure) gets the service's log and, when the arguments have -XX:NativeMemoryTracking=summary, the NMT
# summary at the end of the load.
#
# Prints one line: label, ms from exec to readiness UP (polled every 50 ms) and the JVM's CPU ms until then (all
# threads, and the application's main thread alone), Spring's "Started ... in" seconds,
# VmRSS (MiB) when ready, its peak during the load (sampled every second, and the kernel's exact high-water mark,
# VmHWM, which also catches the JIT compiler's short-lived arenas), at the end, and the end's split into anonymous
# memory (RssAnon: the process's own) and mapped files (RssFile: libjvm, the AOT cache's clean pages; page cache that
# JVMs started from the same files share), then req/s and p99 (ms) of wrk -t2 -c32 against the
# liveness probe (the floor), a cached listing detail and a search page, and the collector's pauses during the
# detail run (count and total ms, from jstat).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,20p' "$0"; exit 2; }
label=$1; shift
port=${MEASURE_PORT:-18500} seconds=${MEASURE_SECONDS:-30}
mport=${MANAGEMENT_SERVER_PORT:-$port}
out=${MEASURE_OUT:-/tmp/jvm-measure}; mkdir -p "$out"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
base=http://127.0.0.1:$port

start=$(date +%s%N)
SERVER_PORT=$port STAYBOOK_JOBS_RUN=false STAYBOOK_RATE_LIMITS_ENABLED=false \
  "$java" "$@" >"$out/$label.log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 1' INT TERM
until curl -sf "http://127.0.0.1:$mport/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "$label: the JVM exited; see $out/$label.log" >&2; exit 1; }
  sleep 0.05
done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
# CPU time the JVM spent to get there (user + system, ms): unlike ready_ms, hardly moved by other load on the machine
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
# of which the application's main thread (named java, like the launcher's own thread, which only waits for it): the
# part of a start that no other core can take, so the floor of the wall time on a quiet machine
main_cpu=$(cat /proc/"$pid"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '
  {sub(/^[0-9]+ \(/, ""); name = $0; sub(/\).*/, "", name); sub(/^[^)]*\) /, "")}
  name == "java" {t += $12 + $13} END {printf "%d", t * 1000 / hz}')
started=$(grep -o 'Started StaybookApplication in [0-9.]*' "$out/$label.log" | awk '{print $4}')
rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status"; }
rss_ready=$(rss)
if [ "$seconds" -eq 0 ]; then
  printf '%s ready_ms=%s cpu_ms=%s main_cpu_ms=%s started_s=%s rss_ready_mib=%s\n' "$label" "$ready" "$cpu" \
    "$main_cpu" "$started" "$rss_ready"
  exit 0
fi

id=$(curl -s "$base/api/v1/properties?city=Lisbon&limit=1" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
detail="$base/api/v1/properties/$id"
search="$base/api/v1/properties?city=Lisbon&guests=2&check_in=2027-03-01&check_out=2027-03-05"
live="http://127.0.0.1:$mport/actuator/health/liveness"
# req/s and p99 in ms of one wrk run
bench() {
  wrk -t2 -c32 -d"$2"s --latency "$1" | awk '
    /Requests\/sec/ {rps = $2}
    $1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v)
      p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v}
    END {printf "%.0f %.1f\n", rps, p99}'
}
# the collector's young+full collections and their total time (ms) so far
gc() { jstat -gc "$pid" | awk 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i} NR == 2 {
  printf "%d %.0f\n", $c["YGC"] + $c["FGC"], ($c["YGCT"] + $c["FGCT"]) * 1000}'; }

peak=$rss_ready
( while kill -0 "$pid" 2>/dev/null; do rss; echo; sleep 1; done ) >"$out/$label.rss" 2>/dev/null &
sampler=$!
for url in "$detail" "$search" "$live"; do bench "$url" 8 >/dev/null; done
read -r live_rps live_p99 < <(bench "$live" 10)
read -r gc0 gct0 < <(gc)
read -r detail_rps detail_p99 < <(bench "$detail" "$seconds")
read -r gc1 gct1 < <(gc)
read -r search_rps search_p99 < <(bench "$search" "$seconds")
rss_end=$(rss)
read -r hwm anon file < <(awk '/^VmHWM/ {h = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2}
  END {printf "%d %d %d\n", h / 1024, a / 1024, f / 1024}' "/proc/$pid/status")
if printf '%s\n' "$@" | grep -q 'NativeMemoryTracking=summary'; then
  jcmd "$pid" VM.native_memory summary >"$out/$label.nmt"
fi
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$out/$label.rss" | tail -n 1)
printf '%s ready_ms=%s cpu_ms=%s started_s=%s rss_ready_mib=%s rss_peak_mib=%s rss_hwm_mib=%s rss_end_mib=%s' \
  "$label" "$ready" "$cpu" "$started" "$rss_ready" "$peak" "$hwm" "$rss_end"
printf ' rss_end_anon_mib=%s rss_end_file_mib=%s' "$anon" "$file"
printf ' live=%s/s,p99=%sms detail=%s/s,p99=%sms,ratio=%s search=%s/s,p99=%sms detail_gc=%s,%sms\n' \
  "$live_rps" "$live_p99" "$detail_rps" "$detail_p99" "$(awk -v d="$detail_rps" -v l="$live_rps" \
  'BEGIN {printf "%.2f", d / l}')" "$search_rps" "$search_p99" "$(( gc1 - gc0 ))" "$(( gct1 - gct0 ))"
