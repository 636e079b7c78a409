#!/usr/bin/env bash
# CPU per booking of two running Staybook services (A = baseline, B = candidate), paired: rounds alternate which goes
# first; each run deletes the holds of earlier runs, then loads its service with the load harness's booking scenario
# (docs/bench/load/lua/booking.lua, Idempotency-Key on) and prints per 201: JVM CPU ms (utime + stime from
# /proc/PID/stat; also without the C1/C2 compiler threads), the CPU ms of the database's client backends (the pool),
# wrk's CPU ms, and commits (pg_stat_database.xact_commit). Start each service on its own demo database with
# STAYBOOK_DEMO_DATA_ENABLED=true STAYBOOK_JOBS_RUN=false STAYBOOK_RATE_LIMITS_ENABLED=false and the production flags.
# Usage: paired.sh PORT_A PID_A DB_A PORT_B PID_B DB_B [rounds=3] [seconds=30] [connections=8]
# Issue 12, second pass (docs/benchmarks.md). Needs wrk, curl, jq, psql, on the machine of the services.
set -uo pipefail
PA=$1 JA=$2 DA=$3 PB=$4 JB=$5 DB=$6 ROUNDS=${7:-3} SECS=${8:-30} CONN=${9:-8}
here=$(cd "$(dirname "$0")" && pwd) lua=$(cd "$here/../load/lua" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
tck=$(getconf CLK_TCK)
q() { local o; for _ in $(seq 1 40); do o=$(psql -h 127.0.0.1 -U postgres -d "$1" -Atc "$2" 2>/dev/null) && { echo "$o"; return; }; sleep 0.5; done; }
cpu() { awk '{print $14+$15}' /proc/"$1"/stat 2>/dev/null || echo 0; }
jit() { local s=0 t; for t in /proc/"$1"/task/*; do if grep -q Compiler "$t/comm" 2>/dev/null; then s=$((s + $(awk '{print $14+$15}' "$t/stat"))); fi; done; echo $s; }
sum() { local s=0 p; for p in $1; do s=$((s + $(cpu "$p"))); done; echo $s; }
prep() { # port: bookable demo listings and three guests' tokens
  local base=http://127.0.0.1:$1 cur="" page
  : > "$work/listings-$1"; : > "$work/tokens-$1"
  while :; do
    page=$(curl -s "$base/api/v1/properties?limit=100&guests=1${cur:+&cursor=$cur}")
    echo "$page" | jq -r '.results[] | select(.min_nights <= 2 and .max_nights >= 2) | .id' >> "$work/listings-$1"
    cur=$(echo "$page" | jq -r '.next_cursor // empty'); [ -n "$cur" ] || break
  done
  for g in guest1 guest2 guest3; do
    curl -s "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$g@staybook.test\",\"password\":\"staybook-demo\"}" | jq -r .access_token >> "$work/tokens-$1"
  done
}
clean() { # db: the holds earlier runs made (30 days ahead and later, this session), their jobs and keys
  q "$1" "delete from bookings where status = 'pending_payment' and created_at > now() - interval '12 hours'
    and check_in > current_date + 25" >/dev/null
  q "$1" "delete from scheduled_tasks where task_name = 'booking-mail'" >/dev/null
  q "$1" "delete from idempotency_keys" >/dev/null
  q "$1" "vacuum analyze bookings" >/dev/null; q "$1" "vacuum analyze property_blocks" >/dev/null
}
one() { # port pid db
  local backends j0 k0 p0 c0 out j1 k1 p1 c1 ok w
  clean "$3"
  backends=$(q "$3" "select pid from pg_stat_activity where datname = '$3' and backend_type = 'client backend' and pid <> pg_backend_pid()")
  j0=$(cpu "$2"); k0=$(jit "$2"); p0=$(sum "$backends"); c0=$(q "$3" "select xact_commit from pg_stat_database where datname = '$3'")
  out=$( (cd "$lua" && LOAD_LUA=$lua LOAD_LISTINGS=$work/listings-$1 LOAD_TOKENS=$work/tokens-$1 LOAD_OFFSET=30 \
    LOAD_IDEMPOTENCY=1 LOAD_THREADS=2 wrk -t2 -c"$CONN" -d"$SECS"s -s booking.lua "http://127.0.0.1:$1"; times) )
  j1=$(cpu "$2"); k1=$(jit "$2"); p1=$(sum "$backends"); c1=$(q "$3" "select xact_commit from pg_stat_database where datname = '$3'")
  ok=$(echo "$out" | grep RESULT | sed 's/.*statuses=//' | tr ',' '\n' | awk -F: '$1 == 201 {print $2}')
  w=$(echo "$out" | tail -1 | awk '{gsub("m", " "); gsub("s", ""); split($0, a, " "); print (a[1] * 60 + a[2] + a[3] * 60 + a[4]) * 1000}')
  awk -v n="${ok:-0}" -v j=$((j1 - j0)) -v k=$((k1 - k0)) -v p=$((p1 - p0)) -v c=$((c1 - c0)) -v w="$w" -v t="$tck" -v port="$1" \
    'BEGIN { if (n == 0) { print port, "no bookings"; exit } printf "%s bookings=%d jvm_ms=%.3f jvm_without_jit_ms=%.3f pg_ms=%.3f wrk_ms=%.3f commits=%.2f\n",
      port, n, j * 1000 / t / n, (j - k) * 1000 / t / n, p * 1000 / t / n, w / n, c / n }'
}
for r in $(seq 1 "$ROUNDS"); do
  prep "$PA"; prep "$PB"  # tokens live 15 minutes
  if [ $((r % 2)) = 1 ]; then one "$PA" "$JA" "$DA"; one "$PB" "$JB" "$DB"; else one "$PB" "$JB" "$DB"; one "$PA" "$JA" "$DA"; fi
done
