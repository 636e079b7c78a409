#!/usr/bin/env bash
# Throughput of a few reads against a running Staybook with demo data, each measured three times with wrk
# (2 threads, 16 connections, 10 s) and reported as the median; the cached and uncached listing reads are measured in
# the same run, so their ratio is meaningful even on a noisy machine.
# Usage: docs/bench/http-bench.sh [base-url]   (default http://localhost:8080; start the service with demo data first)
set -euo pipefail
BASE=${1:-http://localhost:8080}
API=$BASE/api/v1

token=$(curl -s "$API/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"host1@staybook.test","password":"staybook-demo"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
host_id=$(curl -s "$API/users/me" -H "Authorization: Bearer $token" | sed 's/.*"id":"\([^"]*\)".*/\1/')
ids=$(curl -s "$API/properties?host_id=$host_id&limit=2" | grep -o '"id":"[^"]*","host_id"' | cut -d'"' -f4)
cached=$(echo "$ids" | sed -n 1p)
written=$(echo "$ids" | sed -n 2p)
# a write leaves a tombstone: this listing is read from PostgreSQL until it expires (10 minutes)
curl -s -o /dev/null -X PATCH "$API/properties/$written" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"description":"Benchmarked."}'
curl -s -o /dev/null "$API/properties/$cached"

rate() {
  local url=$1 body=${2:-} seconds=${3:-10}
  if [ -n "$body" ]; then
    printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$body" > /tmp/wrk-post.lua
    wrk -t2 -c16 -d${seconds}s -s /tmp/wrk-post.lua "$url" | awk '/Requests\/sec/ {print $2}'
  else
    wrk -t2 -c16 -d${seconds}s "$url" | awk '/Requests\/sec/ {print $2}'
  fi
}

names=("listing by id, cached" "listing by id, from PostgreSQL" "search city + dates + guests, 20 a page" \
  "GraphQL: 20 listings + hosts + 3 reviews each")
urls=("$API/properties/$cached" "$API/properties/$written" \
  "$API/properties?city=Lisbon&guests=2&check_in=2027-03-01&check_out=2027-03-05" "$BASE/graphql")
bodies=("" "" "" '{"query":"{ properties(first: 20) { edges { node { title host { firstName } reviews(first: 3) { edges { node { rating author { firstName } } } } } } } }"}')

# warm the JIT and the pools on every endpoint first, then measure in rounds, so drift hits all endpoints alike
for i in 0 1 2 3; do rate "${urls[$i]}" "${bodies[$i]}" 15 > /dev/null; done
declare -A results
for round in 1 2 3; do
  for i in 0 1 2 3; do results[$i]+="$(rate "${urls[$i]}" "${bodies[$i]}") "; done
done
for i in 0 1 2 3; do
  median=$(printf '%s\n' ${results[$i]} | sort -n | sed -n 2p)
  printf '%-48s median %8s req/s   (runs: %s)\n' "${names[$i]}" "$median" "${results[$i]% }"
done
