#!/usr/bin/env bash
# The contention scenario: CLIENTS concurrent booking requests (default 200) for the same dates on LISTINGS demo
# listings (default 10), ROUNDS times (default 3, each round other dates). Every round must give exactly one 201 per
# listing, 409 to all others, and no 5xx; each listing must then hold exactly one active booking on those dates (asked
# of the API: its availability shows one span). Prints per round the answers by status and the WARN/ERROR lines the
# service logged meanwhile (if LOG names its log file).
# Start the service with STAYBOOK_DEMO_DATA_ENABLED=true STAYBOOK_RATE_LIMITS_ENABLED=false.
# Usage: docs/bench/contention-bench.sh BASE [clients] [listings] [rounds]   (LOG=service.log to count log lines)
set -euo pipefail
BASE=$1 CLIENTS=${2:-200} LISTINGS=${3:-10} ROUNDS=${4:-3}
tok=$(curl -s "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"guest1@staybook.test","password":"staybook-demo"}' | jq -r .access_token)
mapfile -t ids < <(curl -s "$BASE/api/v1/properties?limit=100&guests=1" \
  | jq -r '.results[] | select(.min_nights <= 2 and .max_nights >= 2) | .id' | head -n "$LISTINGS")
[ "${#ids[@]}" -eq "$LISTINGS" ] || { echo "only ${#ids[@]} demo listings fit"; exit 1; }
failed=0
for round in $(seq 1 "$ROUNDS"); do
  day=$(( 400 + 7 * round + (RANDOM % 40) * 7 ))  # within the 730 days a check-in may be ahead
  ci=$(date -u -d "+$day days" +%F); co=$(date -u -d "+$((day + 2)) days" +%F)
  lines=$( [ -n "${LOG:-}" ] && wc -l < "$LOG" || echo 0)
  answers=$(seq 0 $((CLIENTS - 1)) | xargs -P "$CLIENTS" -I{} sh -c '
    id=$(echo "$0" | cut -d" " -f$(( {} % $1 + 1 )))
    curl -s -o /dev/null -w "%{http_code} $id\n" "$2/api/v1/bookings" -H "Content-Type: application/json" \
      -H "Authorization: Bearer $3" -d "{\"property_id\":\"$id\",\"check_in\":\"$4\",\"check_out\":\"$5\",\"guests\":1}"
  ' "${ids[*]}" "$LISTINGS" "$BASE" "$tok" "$ci" "$co")
  statuses=$(echo "$answers" | cut -d' ' -f1 | sort | uniq -c | tr '\n' ' ')
  winners=$(echo "$answers" | awk '$1 == 201 {print $2}' | sort | uniq -c | awk '$1 != 1' | wc -l)
  won=$(echo "$answers" | awk '$1 == 201' | wc -l)
  errors=$(echo "$answers" | awk '$1 >= 500' | wc -l)
  held=0
  for id in "${ids[@]}"; do
    spans=$(curl -s "$BASE/api/v1/properties/$id/availability?from=$ci&to=$co" | jq '.unavailable | length')
    [ "$spans" = 1 ] && held=$((held + 1))
  done
  warns=$( [ -n "${LOG:-}" ] && tail -n +$((lines + 1)) "$LOG" | grep -cE ' (WARN|ERROR) ' || true)
  echo "round $round ($ci): $statuses| winners $won (listings with more than one: $winners), 5xx $errors," \
    "listings held once $held/$LISTINGS, WARN/ERROR log lines ${warns:-n/a}"
  if [ "$won" -ne "$LISTINGS" ] || [ "$winners" -ne 0 ] || [ "$errors" -ne 0 ] || [ "$held" -ne "$LISTINGS" ]; then
    failed=1
  fi
done
exit $failed
