#!/usr/bin/env bash
# Paired read throughput of two running Staybook services with demo data (a baseline and a candidate, e.g. two
# commits' jars on two ports): each endpoint is warmed on both, then measured in rounds that alternate A and B, so the
# machine's drift hits both alike. Prints each side's median req/s and the median of the per-round ratios B/A.
# Usage: docs/bench/paired-read-bench.sh BASE_A BASE_B [rounds]   (e.g. http://localhost:18181 http://localhost:18182 5)
set -euo pipefail
A=$1 B=$2 ROUNDS=${3:-5}

listing() { curl -s "$1/api/v1/properties?city=Lisbon&limit=1" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4; }
rate() { wrk -t2 -c16 -d"${2:-10}"s "$1" | awk '/Requests\/sec/ {print $2}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

la=$(listing "$A") lb=$(listing "$B")
names=("listing by id (cached)" "search city + dates + guests, 20 a page")
paths_a=("/api/v1/properties/$la" "/api/v1/properties?city=Lisbon&guests=2&check_in=2027-03-01&check_out=2027-03-05")
paths_b=("/api/v1/properties/$lb" "${paths_a[1]}")

for i in 0 1; do rate "$A${paths_a[$i]}" 15 >/dev/null; rate "$B${paths_b[$i]}" 15 >/dev/null; done
for i in 0 1; do
  ra=() rb=() ratios=()
  for _ in $(seq 1 "$ROUNDS"); do
    a=$(rate "$A${paths_a[$i]}") b=$(rate "$B${paths_b[$i]}")
    ra+=("$a") rb+=("$b") ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')")
  done
  printf '%-42s A median %8s  B median %8s  B/A median %s  (B/A per round: %s)\n' "${names[$i]}" \
    "$(median "${ra[@]}")" "$(median "${rb[@]}")" "$(median "${ratios[@]}")" "${ratios[*]}"
done
