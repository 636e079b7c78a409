#!/usr/bin/env bash
# Seeds a fresh database with N listings and prints the plan of a city + dates + guests search, exactly as
# PropertySearch builds it. Usage: docs/bench/explain-search.sh [N]   (needs psql and a migrated schema; see below)
set -euo pipefail
N=${1:-100000}
DB=${DB:-staybook_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../.."
bash docs/bench/seed-database.sh "$DB" "$N"
psql -d "$DB" -c "select count(*) as listings from properties" -c "select count(*) as blocks from property_blocks"
psql -d "$DB" <<'SQL'
explain (analyze, buffers, costs off)
select p.id, p.host_id, p.title, p.price_per_night, p.max_guests
from properties p
where p.deleted_at is null
  and lower(p.city) = lower('City7')
  and p.max_guests >= 4
  and not exists (select 1 from property_blocks b where b.property_id = p.id
                  and daterange(b.start_date, b.end_date) && daterange(current_date + 30, current_date + 35))
order by p.id desc
limit 21;
SQL
