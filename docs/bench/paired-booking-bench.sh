#!/usr/bin/env bash
# Paired write throughput of two running Staybook services with demo data (a baseline A and a candidate B): booking
# creation on distinct dates (every request a new 2-night hold on one of the demo listings, so none collides), and
# logins (POST /auth/token, the Argon2 hash included). Rounds alternate A and B, so the machine's drift hits both alike.
# Prints each side's median successes per second and the median of the per-round ratios B/A.
# Start both with STAYBOOK_DEMO_DATA_ENABLED=true STAYBOOK_JOBS_RUN=false (so that no job competes for the two cores).
# Usage: docs/bench/paired-booking-bench.sh BASE_A BASE_B [rounds]   (e.g. http://localhost:18181 http://localhost:18182 5)
set -euo pipefail
A=$1 B=$2 ROUNDS=${3:-5}
LOGIN='{"email":"guest1@staybook.test","password":"staybook-demo"}'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token() { curl -s "$1/api/v1/auth/token" -H 'Content-Type: application/json' -d "$LOGIN" | jq -r .access_token; }
# demo listings a 2-night stay of 1 guest fits, not the guest's own
listings() {
  curl -s "$1/api/v1/properties?limit=100&guests=1" | jq -r '.results[] | select(.min_nights <= 2 and .max_nights >= 2) | .id'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# one wrk script per side: request n books listing n mod L for 2 nights from day 30 + 2 * (offset + n / L) on
booking_script() { # base name
  local ids; ids=$(listings "$1" | sed 's/.*/"&",/' | tr -d '\n')
  cat > "$work/$2.lua" <<LUA
local ids = {${ids}}
local token = "$(token "$1")"
local threads, counter, offset = 0, 0, tonumber(os.getenv("BENCH_OFFSET") or "0")
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) counter = 0 end
function request()
  counter = counter + 1
  local n = counter * 2 + tid - 1
  local id = ids[(n % #ids) + 1]
  local day = 30 + 2 * (offset + math.floor(n / #ids))
  local checkIn = os.date("!%Y-%m-%d", os.time() + day * 86400)
  local checkOut = os.date("!%Y-%m-%d", os.time() + (day + 2) * 86400)
  local body = string.format('{"property_id":"%s","check_in":"%s","check_out":"%s","guests":1}', id, checkIn, checkOut)
  return wrk.format("POST", "/api/v1/bookings", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token}, body)
end
LUA
}
login_script() {
  printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$LOGIN" > "$work/login.lua"
}
# successes per second: wrk's rate less its non-2xx answers
rate() { # base script seconds
  wrk -t2 -c16 -d"$3"s -s "$2" "$1" | awk '/Non-2xx/ {bad = $NF} /^Requests\/sec/ {rps = $2} /requests in/ {n = $1; s = $4 + 0}
    END {printf "%.1f", (n - bad) / s}'
}

booking_script "$A" a; booking_script "$B" b; login_script
offset=0
run() { BENCH_OFFSET=$offset rate "$@"; }
# warm-up: the first 60 days of slots (each round then moves 60 days on: 5 s of bookings fill fewer than that)
for side in "$A $work/a.lua" "$B $work/b.lua"; do set -- $side; run "$1" "$2" 5 >/dev/null; done
rate "$A/api/v1/auth/token" "$work/login.lua" 5 >/dev/null; rate "$B/api/v1/auth/token" "$work/login.lua" 5 >/dev/null
offset=0
for name in bookings logins; do
  ra=() rb=() ratios=()
  for _ in $(seq 1 "$ROUNDS"); do
    if [ $name = bookings ]; then
      offset=$((offset + 30)); a=$(run "$A" "$work/a.lua" 5); b=$(run "$B" "$work/b.lua" 5)
    else
      a=$(rate "$A/api/v1/auth/token" "$work/login.lua" 10); b=$(rate "$B/api/v1/auth/token" "$work/login.lua" 10)
    fi
    ra+=("$a") rb+=("$b") ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')")
  done
  printf '%-10s A median %8s/s  B median %8s/s  B/A median %s  (B/A per round: %s)\n' "$name" \
    "$(median "${ra[@]}")" "$(median "${rb[@]}")" "$(median "${ratios[@]}")" "${ratios[*]}"
done
