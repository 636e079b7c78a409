#!/usr/bin/env bash
# The load harness: runs the scenarios of docs/bench/load/README.md with wrk against one running Staybook (BASE_A), or
# paired against two (BASE_A = the baseline jar, BASE_B = the candidate) on the same database, in interleaved rounds
# after a warm-up, with the same-run baselines: liveness for the HTTP scenarios and pgbench running the service's own
# search SQL for search. Writes results.csv (one row per scenario, target and round), medians.csv and chart.png.
#
#   docs/bench/load/run.sh BASE_A [BASE_B]       e.g. docs/bench/load/run.sh http://127.0.0.1:18100
#
# Environment (defaults): DB (staybook_load: the database both services use, for the ids, the checks and pgbench),
# SCENARIOS (all: liveness detail search cursor radius graphql booking contention mix pgbench), ROUNDS (3),
# DURATION (10 s a run), WARMUP (10 s a scenario and target; 0: none), CONNECTIONS (32; contention always 200),
# THREADS (2), OUT (docs/bench/load/results/<date-time>), DETAIL_IDS (10000 listings for detail), GUESTS (50 logged in),
# LIVENESS_A / LIVENESS_B (the base serving /actuator/health/liveness when the management port is separate; default
# the target's base), PGBENCH_CLIENTS (10, the service's pool), LOAD_IDEMPOTENCY (1: bookings send Idempotency-Key).
# Needs wrk, curl, jq, psql, pgbench, gnuplot; PGHOST/PGUSER default to 127.0.0.1 and postgres.
set -euo pipefail
A=${1:?usage: run.sh BASE_A [BASE_B]}
B=${2:-}
DB=${DB:-staybook_load}
SCENARIOS=${SCENARIOS:-liveness detail search cursor radius graphql booking contention mix pgbench}
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-10} WARMUP=${WARMUP:-10} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2}
DETAIL_IDS=${DETAIL_IDS:-10000} GUESTS=${GUESTS:-50} PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-10}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../../.."
here=docs/bench/load
OUT=${OUT:-$here/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$OUT/work
mkdir -p "$work"
export LOAD_LUA=$PWD/$here/lua LOAD_THREADS=$THREADS
targets=(A) && [ -n "$B" ] && targets=(A B)
base() { if [ "$1" = A ]; then echo "$A"; else echo "$B"; fi; }
liveness_base() { if [ "$1" = A ]; then echo "${LIVENESS_A:-$A}"; else echo "${LIVENESS_B:-$B}"; fi; }
sql() { psql -d "$DB" -qAtX -v ON_ERROR_STOP=1 "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
has() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# ------------------------------------------------------------------------------------------------- inputs, once
log "preparing inputs from $DB into $work"
sql -c "select '/api/v1/properties/' || id from properties where deleted_at is null order by random() limit $DETAIL_IDS" \
  > "$work/detail.txt"
# the 50 biggest cities, with their centre for radius searches
sql -F $'\t' -c "select city, round(avg(latitude)::numeric, 4), round(avg(longitude)::numeric, 4) from properties
  where deleted_at is null group by city order by count(*) desc limit 50" > "$work/cities.tsv"
# search: a city of the 50, check-in 14 to 120 days ahead, 1 to 7 nights, 1 to 4 guests; 2,000 of them
for d in $(seq 0 130); do date -u -d "+$d days" +%F; done > "$work/days.txt"
awk -F '\t' -v seed=12 'BEGIN {srand(seed)} FNR == NR {day[FNR - 1] = $1; next} {c[FNR] = $1} END {
  for (i = 0; i < 2000; i++) {
    city = c[1 + int(rand() * length(c))]; gsub(/ /, "%20", city); d = 14 + int(rand() * 107); n = 1 + int(rand() * 7)
    printf "%s\t%s\t%s\t%d\n", city, day[d], day[d + n], 1 + int(rand() * 4) } }' "$work/days.txt" "$work/cities.tsv" \
  > "$work/search.tsv"
awk -F '\t' '{printf "/api/v1/properties?city=%s&check_in=%s&check_out=%s&guests=%d\n", $1, $2, $3, $4}' \
  "$work/search.tsv" > "$work/search.txt"
# radius: within 2 to 10 km of a big city's centre, 2 guests
awk -F '\t' -v seed=13 'BEGIN {srand(seed)} {lat[NR] = $2; lng[NR] = $3} END {
  for (i = 0; i < 500; i++) { k = 1 + int(rand() * NR)
    printf "/api/v1/properties?lat=%s&lng=%s&radius_km=%d&guests=2\n", lat[k], lng[k], 2 + int(rand() * 9) } }' \
  "$work/cities.tsv" > "$work/radius.txt"
# GraphQL: the same searches, a page of 20 with the host's first name; one query document with variables, as clients
# send it (a literal document per search would measure GraphQL's parsing and validation of 2,000 distinct documents)
awk -F '\t' '{city = $1; gsub(/%20/, " ", city)
  printf "{\"query\":\"query Search($filter: PropertyFilter) { properties(first: 20, filter: $filter) { edges { node { id title pricePerNight currency host { firstName } } } pageInfo { endCursor hasNextPage } } }\",\"variables\":{\"filter\":{\"city\":\"%s\",\"checkIn\":\"%s\",\"checkOut\":\"%s\",\"guests\":%d}}}\n", city, $2, $3, $4}' \
  "$work/search.tsv" > "$work/graphql.txt"
# bookings: 5,000 listings a 2-night stay of 1 guest fits, none booked or blocked more than 400 days ahead (earlier
# runs book there); contention: 10 others
sql -c "with candidates as materialized (select id from properties where deleted_at is null and min_nights <= 2
    and max_nights >= 2 order by random() limit 6000)
  select c.id from candidates c
  where not exists (select 1 from bookings b where b.property_id = c.id and b.check_out > current_date + 400)
    and not exists (select 1 from property_blocks k where k.property_id = c.id and k.end_date > current_date + 400)
  limit 5010" > "$work/bookable.txt"
[ "$(wc -l < "$work/bookable.txt")" -eq 5010 ] || { log "fewer than 5,010 listings free past 400 days ahead: reseed"; exit 1; }
head -n 5000 "$work/bookable.txt" > "$work/booking-listings.txt"
tail -n 10 "$work/bookable.txt" > "$work/contention-listings.txt"
# booking dates start past every booking and block the chosen listings already have, so runs never collide with
# earlier ones; counted over these listings only: a bound over the whole database moved forward with every run, until
# the dates passed what may be booked (BookingService.MAX_DAYS_AHEAD, 730 days) and every booking was a 400
# (the 5,010 ids go in on standard input: as one argument they are past the kernel's 128 KiB bound on an argument)
ids="'{$(paste -sd, "$work/bookable.txt")}'::uuid[]"
offset=$(sql <<SQL
select greatest(400,
  coalesce((select max(check_out) - current_date from bookings where property_id = any($ids)), 0),
  coalesce((select max(end_date) - current_date from property_blocks where property_id = any($ids)), 0)) + 7
SQL
)
listings=$(wc -l < "$work/booking-listings.txt")
[ "$offset" -lt 700 ] || { log "the chosen listings are booked up to $offset days ahead, past what the runs may use: reseed"; exit 1; }
log "bookings from $offset days ahead"

# the search SQL of io.staybook.property.PropertySearch (city + dates + guests, sort newest, first page of 20: limit
# 21), one pgbench script per city with the city as a literal (pgbench binds only numbers), the rest bound;
# LoadHarnessSqlUnitTests holds it to the SQL PropertySearch builds
pgbench_args=()
while IFS=$'\t' read -r city _ _; do
  file="$work/pgbench-$(echo "$city" | tr -c 'A-Za-z0-9\n' '_').sql"
  cat > "$file" <<SQL
\set d random(14, 120)
\set n random(1, 7)
\set g random(1, 4)
select p.id, p.host_id, p.title, p.description, p.property_type, p.address, p.city, p.country, p.latitude,
p.longitude, p.timezone, p.price_per_night, p.cleaning_fee, p.currency, p.max_guests, p.bedrooms, p.beds,
p.bathrooms, p.amenities, p.min_nights, p.max_nights, p.cancellation_policy, p.rating_average,
p.review_count, p.ratings, p.created_at, p.updated_at, p.instant_book, p.weekend_price, p.weekly_discount_percent, p.monthly_discount_percent,
p.guests_included, p.extra_guest_fee, p.cover_thumbnail_key as cover_thumbnail, p.cover_medium_key as cover_medium,
p.cover_large_key as cover_large, p.cover_original_key as cover_original, p.version, u.first_name as host_first_name,
cast(null as double precision) as distance
from properties p left join users u on u.id = p.host_id
where p.deleted_at is null
 and lower(p.city) = lower('${city//\'/\'\'}')
 and p.max_guests >= cast(:g as integer)
 and not exists (select 1 from property_blocks b where b.property_id = p.id
  and daterange(b.start_date, b.end_date) && daterange(current_date + cast(:d as integer), current_date + cast(:d as integer) + cast(:n as integer))
  and (b.hold_expires_at is null or b.hold_expires_at > now()) offset 0)
order by p.id desc
limit 21;
SQL
  pgbench_args+=(-f "$file@1")
done < "$work/cities.tsv"

# per target: cursor pages (page 3 of 200 searches, following next_cursor) and guests' tokens (15 minutes)
cursor_pages() { # target
  local url=$1 file=$2 path cursor
  : > "$file"
  head -n 200 "$work/search.txt" | while read -r path; do
    cursor=$(curl -sf "$url$path" | jq -r '.next_cursor // empty') || continue
    [ -n "$cursor" ] || continue
    cursor=$(curl -sf "$url$path&cursor=$cursor" | jq -r '.next_cursor // empty') || continue
    [ -n "$cursor" ] && echo "$path&cursor=$cursor" >> "$file"
  done
  [ -s "$file" ] || { echo "no search of $url had a third page" >&2; exit 1; }
}
tokens() { # target: refreshed when older than 10 minutes
  local file=$work/tokens-$1.txt url; url=$(base "$1")
  if [ -f "$file" ] && [ -z "$(find "$file" -mmin +10)" ]; then return; fi
  : > "$file"
  for n in $(seq 0 $((GUESTS - 1))); do
    curl -sf "$url/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d "{\"email\":\"guest-$n@load.staybook.test\",\"password\":\"staybook-demo\"}" | jq -r .access_token >> "$file"
  done
  [ "$(grep -c . "$file")" -eq "$GUESTS" ] || { echo "logins failed on $url" >&2; exit 1; }
}
for t in "${targets[@]}"; do
  curl -sf -o /dev/null "$(liveness_base "$t")/actuator/health/liveness" || { echo "$t: no liveness at $(liveness_base "$t")" >&2; exit 1; }
  has cursor && cursor_pages "$(base "$t")" "$work/cursor-$t.txt"
done
echo "/actuator/health/liveness" > "$work/liveness.txt"

# ------------------------------------------------------------------------------------------------- one measurement
CSV=$OUT/results.csv
echo "scenario,target,round,requests,rps,p50_ms,p99_ms,non2xx,status_5xx,socket_errors,baseline,baseline_rps,ratio,check" > "$CSV"

wrk_run() { # target scenario seconds -> the RESULT line in $result (not a subshell: it moves $offset)
  local t=$1 s=$2 seconds=$3 url script c=$CONNECTIONS
  url=$(base "$t")
  export LOAD_PATHS="" LOAD_SEARCH_PATHS="$work/search.txt" LOAD_BODIES="$work/graphql.txt" \
    LOAD_LISTINGS="$work/booking-listings.txt" LOAD_TOKENS="$work/tokens-$t.txt" LOAD_OFFSET=$offset
  case $s in
    liveness) script=paths; url=$(liveness_base "$t"); LOAD_PATHS=$work/liveness.txt ;;
    detail) script=paths; LOAD_PATHS=$work/detail.txt ;;
    search) script=paths; LOAD_PATHS=$work/search.txt ;;
    cursor) script=paths; LOAD_PATHS=$work/cursor-$t.txt ;;
    radius) script=paths; LOAD_PATHS=$work/radius.txt ;;
    graphql) script=graphql ;;
    booking) script=booking; tokens "$t" ;;
    mix) script=mix; tokens "$t"; LOAD_PATHS=$work/detail.txt ;;
    contention) script=contention; c=200; tokens "$t"; LOAD_LISTINGS=$work/contention-listings.txt ;;
  esac
  # a 10 s timeout, so that slow answers count as latency rather than as socket errors (wrk's default is 2 s)
  result=$(wrk -t"$THREADS" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$LOAD_LUA/$script.lua" "$url" |
    grep '^RESULT')
  settle
  # bookings: the next run starts past every date this one may have used
  case $s in
    booking|mix) local n; n=$(echo "$result" | sed 's/.*requests=\([0-9]*\).*/\1/')
      offset=$((offset + 2 * (n / listings + 2))) ;;
    contention) offset=$((offset + 3)) ;;
  esac
}
# waits (at most 15 s) until no statement of the database is running, so that what a scenario left running (e.g.
# queries whose clients timed out) does not slow the next one down
settle() {
  for _ in $(seq 1 30); do
    [ "$(sql -c "select count(*) from pg_stat_activity where datname = current_database() and state = 'active'
      and pid <> pg_backend_pid()")" = 0 ] && return
    sleep 0.5
  done
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

pgbench_run() { # seconds -> RESULT-like line (p50/p99 from the per-transaction log)
  local dir; dir=$(mktemp -d)
  (cd "$dir" && pgbench -n -M prepared -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$1" -l --log-prefix=tx \
    "${pgbench_args[@]}" "$DB" > summary.txt 2>&1) || { cat "$dir/summary.txt" >&2; exit 1; }
  local tps n p50 p99
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/summary.txt" | head -n 1)
  n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$dir/summary.txt")
  read -r p50 p99 < <(cat "$dir"/tx.* | awk '{print $3}' | sort -n | awk '{v[NR] = $1} END {
    a = int(NR * 0.5); b = int(NR * 0.99); if (a < 1) a = 1; if (b < 1) b = 1; printf "%.2f %.2f\n", v[a] / 1000, v[b] / 1000}')
  rm -rf "$dir"
  echo "RESULT requests=$n seconds=$1 rps=$tps p50_ms=$p50 p99_ms=$p99 non2xx=0 s5xx=0 errors=0 statuses="
}

contention_check() { # -> winners=W listings=L double=D
  local day=$((offset - 3)) ids
  ids=$(sed "s/.*/'&'/" "$work/contention-listings.txt" | paste -sd,)
  sql -F ' ' -c "select 'winners=' || coalesce(sum(n), 0), 'listings=' || count(*),
      'double=' || coalesce(sum(n - 1) filter (where n > 1), 0)
    from (select property_id, count(*) n from bookings where property_id in ($ids)
          and check_in = current_date + $day and status in ('pending_payment', 'confirmed', 'checked_in')
          group by property_id) s"
}

record() { # scenario target round result-line check
  local r=$3 line=$4
  echo "$1,$2,$r,$(field "$line" requests),$(field "$line" rps),$(field "$line" p50_ms),$(field "$line" p99_ms),$(field "$line" non2xx),$(field "$line" s5xx),$(field "$line" errors),,,,${5:-}" >> "$CSV"
  log "$1 $2 round $r: $(echo "$line" | cut -d' ' -f2-) ${5:-}"
}

scenario_list=()
for s in liveness detail search cursor radius graphql booking contention mix; do has $s && scenario_list+=("$s"); done

if [ "$WARMUP" -gt 0 ]; then
  log "warm-up: ${WARMUP} s per scenario and target"
  for s in "${scenario_list[@]}"; do
    for t in "${targets[@]}"; do wrk_run "$t" "$s" "$WARMUP"; done
  done
  has pgbench && pgbench_run "$WARMUP" > /dev/null
fi

for r in $(seq 1 "$ROUNDS"); do
  # interleaved: A then B in odd rounds, B then A in even ones, so drift hits both alike
  order=("${targets[@]}")
  [ $((r % 2)) -eq 0 ] && [ ${#targets[@]} -eq 2 ] && order=(B A)
  for s in "${scenario_list[@]}"; do
    for t in "${order[@]}"; do
      wrk_run "$t" "$s" "$DURATION"
      check=""
      [ "$s" = contention ] && check=$(contention_check)
      record "$s" "$t" "$r" "$result" "$check"
    done
  done
  if has pgbench; then record pgbench db "$r" "$(pgbench_run "$DURATION")"; fi
done

# ratios to the same round's baseline (search pages: pgbench; every other HTTP scenario: the target's liveness), then
# medians over the rounds
awk -F, -v OFS=, 'NR == FNR { if (FNR > 1) { if ($1 == "liveness") live[$2, $3] = $5; if ($1 == "pgbench") pg[$3] = $5 }; next }
  FNR == 1 { print; next }
  { base = ""; rate = ""
    if ($1 == "search") { base = "pgbench"; rate = pg[$3] }
    else if ($1 != "liveness" && $1 != "pgbench") { base = "liveness"; rate = live[$2, $3] }
    $11 = base; $12 = rate; $13 = (rate > 0) ? sprintf("%.3f", $5 / rate) : ""; print }' "$CSV" "$CSV" > "$CSV.tmp"
mv "$CSV.tmp" "$CSV"
python3 - "$CSV" "$OUT/medians.csv" "$OUT/chart.dat" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keys = []
for row in rows:
    if (row["scenario"], row["target"]) not in keys:
        keys.append((row["scenario"], row["target"]))
def median(values):
    values = [float(v) for v in values if v not in ("", None)]
    return "%.3f" % statistics.median(values) if values else ""
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["scenario", "target", "rounds", "rps", "p50_ms", "p99_ms", "non2xx", "status_5xx", "baseline", "ratio"])
med = {}
for s, t in keys:
    rs = [r for r in rows if r["scenario"] == s and r["target"] == t]
    m = [median(r[c] for r in rs) for c in ("rps", "p50_ms", "p99_ms", "ratio")]
    med[s, t] = m
    out.writerow([s, t, len(rs), m[0], m[1], m[2], sum(int(r["non2xx"] or 0) for r in rs),
                  sum(int(r["status_5xx"] or 0) for r in rs), rs[0]["baseline"], m[3]])
# chart data: one line per scenario, A and B side by side (the DB baseline in A's columns)
with open(sys.argv[3], "w") as f:
    f.write("scenario\tA_rps\tB_rps\tA_p99\tB_p99\n")
    for s in dict.fromkeys(s for s, _ in keys):
        a = med.get((s, "A")) or med.get((s, "db")) or ["?"] * 4
        b = med.get((s, "B")) or ["?"] * 4
        f.write("%s\t%s\t%s\t%s\t%s\n" % (s, a[0] or "?", b[0] or "?", a[2] or "?", b[2] or "?"))
PY
gnuplot -e "data='$OUT/chart.dat'; out='$OUT/chart.png'; paired=$(( ${#targets[@]} - 1 ));
  title='Staybook load, $(date -u +%F), medians of $ROUNDS rounds'" "$here/chart.gp"
log "results: $CSV, $OUT/medians.csv, $OUT/chart.png"
column -s, -t "$OUT/medians.csv"
# the guarantees: no 5xx anywhere, and the contention scenario left exactly one active booking per listing and dates
bad=$(awk -F, 'NR > 1 && ($9 > 0 || $14 ~ /double=[1-9]/ || ($1 == "contention" && $14 !~ /winners=10 listings=10/))' "$CSV")
if [ -n "$bad" ]; then echo "FAILED: 5xx answers or not exactly one winner per contended listing:"; echo "$bad"; exit 1; fi
echo "no 5xx; every contention round (if any) left exactly one active booking per listing and dates"
