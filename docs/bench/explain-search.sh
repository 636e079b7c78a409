#!/usr/bin/env bash
# Seeds a fresh database with N listings and prints the plan of a city + dates + guests search, exactly as
# PropertySearch builds it: the page with its hosts' first names (users joined on its key), and with fields=id,title,
# price_per_night (no description read, no join). Usage: DB=name docs/bench/explain-search.sh [N]   (needs psql; the
# database DB, default staybook_bench, is dropped and made afresh)
set -euo pipefail
N=${1:-100000}
DB=${DB:-staybook_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../.."
bash docs/bench/seed-database.sh "$DB" "$N"
psql -d "$DB" -c "select count(*) as listings from properties" -c "select count(*) as blocks from property_blocks"
psql -d "$DB" <<'SQL'
explain (analyze, buffers, costs off)
select p.id, p.host_id, p.title, p.description, p.property_type, p.address, p.city, p.country, p.latitude,
       p.longitude, p.timezone, p.price_per_night, p.cleaning_fee, p.currency, p.max_guests, p.bedrooms, p.beds,
       p.bathrooms, p.amenities, p.min_nights, p.max_nights, p.cancellation_policy, p.rating_average, p.review_count,
       p.created_at, p.updated_at, p.version, u.first_name as host_first_name, cast(null as double precision) as distance
from properties p left join users u on u.id = p.host_id
where p.deleted_at is null
  and lower(p.city) = lower('City7')
  and p.max_guests >= 4
  and not exists (select 1 from property_blocks b where b.property_id = p.id
                  and daterange(b.start_date, b.end_date) && daterange(current_date + 30, current_date + 35)
                  and (b.hold_expires_at is null or b.hold_expires_at > now()) offset 0)
order by p.id desc
limit 21;
explain (analyze, buffers, costs off)
select p.id, null as host_id, p.title, null as description, null as property_type, null as address, null as city,
       null as country, null as latitude, null as longitude, null as timezone, p.price_per_night, null as cleaning_fee,
       null as currency, null as max_guests, null as bedrooms, null as beds, null as bathrooms, null as amenities,
       null as min_nights, null as max_nights, null as cancellation_policy, null as rating_average,
       null as review_count, null as created_at, null as updated_at, p.version, null as host_first_name,
       cast(null as double precision) as distance
from properties p
where p.deleted_at is null
  and lower(p.city) = lower('City7')
  and p.max_guests >= 4
  and not exists (select 1 from property_blocks b where b.property_id = p.id
                  and daterange(b.start_date, b.end_date) && daterange(current_date + 30, current_date + 35)
                  and (b.hold_expires_at is null or b.hold_expires_at > now()) offset 0)
order by p.id desc
limit 21;
SQL
