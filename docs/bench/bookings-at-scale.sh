#!/usr/bin/env bash
# How the bookings table and its indexes grow with history, and what the hot queries cost at that size: the numbers
# behind docs/operations.md, "Scaling past one primary".
#
#   docs/bench/bookings-at-scale.sh [LISTINGS] [HISTORY_PER_LISTING]     (defaults 10000 and 100: 1,000,000 bookings)
#
# Creates the database $DB (default staybook_scale; dropped first), applies the Flyway migrations with psql, seeds
# LISTINGS listings (docs/bench/seed-listings.sql) and 20,000 guests, then inserts HISTORY_PER_LISTING completed
# bookings of the past per listing (weekly, 3 nights) and 4 confirmed future ones per listing (these hold the calendar,
# so they go through the trigger and both exclusion constraints), and prints the insert rates, the sizes (table, each
# index, bytes per booking) and the plans of the queries that touch bookings on every request. Last, pgbench runs the
# database's share of POST /bookings for $TPS_SECONDS seconds (default 20) with 8 clients: one transaction inserting a
# hold (trigger, calendar row, both exclusion checks, ON CONFLICT DO NOTHING for the rare random overlap) and its
# expiry job's row, as BookingService does. Needs psql, pgbench and a PostgreSQL at PGHOST/PGPORT/PGUSER (default
# 127.0.0.1, postgres).
set -euo pipefail
LISTINGS=${1:-10000}
HISTORY=${2:-100}
DB=${DB:-staybook_scale}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
cd "$(dirname "$0")/../.."
bash docs/bench/seed-database.sh "$DB" "$LISTINGS"
# the seed's host blocks would collide with the future bookings below: this measurement wants only bookings
psql -d "$DB" -qc "delete from property_blocks"

psql -d "$DB" -v history="$HISTORY" <<'SQL'
\set ON_ERROR_STOP on
insert into users (id, first_name, last_name, email, password_hash, role, created_at, updated_at)
select gen_random_uuid(), 'Guest', 'Bench' || i, 'bench-guest-' || i || '@example.com', '!', 'guest', now(), now()
from generate_series(1, 20000) i;

create temporary table g as select row_number() over () - 1 as n, id from users where role = 'guest';
create temporary table p as select row_number() over () - 1 as n, id, host_id, price_per_night from properties;
\timing on
-- history: completed stays, one a week going back from last week; not active, so neither calendar nor exclusion index
insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee,
                      service_fee, total_price, currency, cancellation_policy, timezone, status, created_at, updated_at)
select gen_random_uuid(), p.id, g.id, p.host_id, d, d + 3, 2, p.price_per_night, 20.00, 10.00,
       3 * p.price_per_night + 30.00, 'USD', 'flexible', 'UTC', 'completed', d - 30, d + 3
from p, generate_series(1, :history) k,
     lateral (select current_date - 7 * k as d) s,
     lateral (select id from g where g.n = (p.n * 31 + k) % 20000) g;
-- the future: four confirmed stays per listing, which the trigger copies into property_blocks under both constraints
insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee,
                      service_fee, total_price, currency, cancellation_policy, timezone, status, created_at, updated_at)
select gen_random_uuid(), p.id, g.id, p.host_id, d, d + 3, 2, p.price_per_night, 20.00, 10.00,
       3 * p.price_per_night + 30.00, 'USD', 'flexible', 'UTC', 'confirmed', now(), now()
from p, generate_series(1, 4) k,
     lateral (select current_date + 7 * k as d) s,
     lateral (select id from g where g.n = (p.n * 17 + k) % 20000) g;
\timing off
vacuum analyze;

\echo
\echo == sizes
select count(*) as bookings,
       pg_size_pretty(pg_relation_size('bookings')) as heap,
       pg_size_pretty(pg_indexes_size('bookings')) as indexes,
       pg_size_pretty(pg_total_relation_size('bookings')) as total,
       round(pg_total_relation_size('bookings')::numeric / count(*)) as bytes_per_booking
from bookings;
select indexrelid::regclass as index, pg_size_pretty(pg_relation_size(indexrelid)) as size
from pg_index where indrelid = 'bookings'::regclass order by pg_relation_size(indexrelid) desc;
select count(*) as calendar_rows, pg_size_pretty(pg_total_relation_size('property_blocks')) as calendar_total
from property_blocks;

\echo
\echo == the trips of one guest, newest first (GET /api/v1/bookings as a guest)
select id as guest from users where email = 'bench-guest-7@example.com' \gset
explain (analyze, buffers, costs off, summary on)
select * from bookings where guest_id = :'guest' order by id desc limit 20;

\echo
\echo == is the stay free? (the availability check before a hold; the exclusion constraint answers the race)
select id as listing from properties order by id limit 1 \gset
explain (analyze, buffers, costs off, summary on)
select 1 from property_blocks
where property_id = :'listing' and daterange(start_date, end_date) && daterange(current_date + 60, current_date + 63);

\echo
\echo == one hold, inserted and rolled back (trigger, calendar row, both exclusion checks, every index)
begin;
explain (analyze, buffers, costs off, summary on)
insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee,
                      service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at,
                      created_at, updated_at)
select gen_random_uuid(), p.id, :'guest', p.host_id, current_date + 60, current_date + 63, 2, p.price_per_night, 20.00,
       10.00, 3 * p.price_per_night + 30.00, 'USD', 'flexible', 'UTC', 'pending_payment', now() + interval '15 minutes',
       now(), now()
from properties p where p.id = :'listing';
rollback;

\echo
\echo == the hold-expiry sweep (a recurring job on every node)
explain (analyze, buffers, costs off, summary on)
select id from bookings where status = 'pending_payment' and expires_at < now() order by expires_at limit 100;
SQL

# ---------------------------------------------------------------------------------------------- write throughput
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
psql -d "$DB" -q <<'SQL'
create table bench_listing as select row_number() over () - 1 as n, id, host_id, price_per_night from properties;
create table bench_guest as select row_number() over () - 1 as n, id from users where role = 'guest';
create unique index on bench_listing (n);
create unique index on bench_guest (n);
SQL
SCRIPT=$(mktemp)
trap 'rm -f "$SCRIPT"' EXIT
cat >"$SCRIPT" <<SQL
\set l random(0, $((LISTINGS - 1)))
\set g random(0, 19999)
\set d random(400, 40000)
begin;
insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee,
                      service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at,
                      created_at, updated_at)
select gen_random_uuid(), p.id, g.id, p.host_id, current_date + :d, current_date + :d + 3, 2, p.price_per_night, 20.00,
       10.00, 3 * p.price_per_night + 30.00, 'USD', 'flexible', 'UTC', 'pending_payment',
       now() + interval '15 minutes', now(), now()
from bench_listing p, bench_guest g where p.n = :l and g.n = :g
on conflict do nothing;
insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
values ('bench-hold-expiry', gen_random_uuid()::text, now() + interval '15 minutes', false, 1);
commit;
SQL
echo
echo "== the database's share of POST /bookings: pgbench, 8 clients, ${TPS_SECONDS:-20} s"
before=$(psql -d "$DB" -qAtc "select count(*) from bookings")
"$PGBENCH" -n -c 8 -j 2 -T "${TPS_SECONDS:-20}" -f "$SCRIPT" "$DB" | grep -E 'transactions actually processed|latency average|tps'
after=$(psql -d "$DB" -qAtc "select count(*) from bookings")
echo "holds inserted: $((after - before)) (the rest overlapped an earlier random hold and were skipped)"
