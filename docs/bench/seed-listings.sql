-- Generates :n listings (psql -v n=100000) spread over 50 cities, with host blocks on a third of them,
-- for looking at search plans at scale. Run on a database migrated by Flyway (or by the V*.sql files in order).
insert into users (id, first_name, last_name, email, password_hash, role, created_at, updated_at)
select gen_random_uuid(), 'Host', 'Bench' || i, 'bench-host-' || i || '@example.com', '!', 'host', now(), now()
from generate_series(1, 1000) i
on conflict do nothing;

with hosts as (select array_agg(id) ids from users where email like 'bench-host-%')
insert into properties (id, host_id, title, description, property_type, address, city, country, latitude, longitude,
                        timezone, price_per_night, cleaning_fee, currency, max_guests, bedrooms, beds, bathrooms,
                        amenities, min_nights, max_nights, cancellation_policy, rating_average, review_count,
                        created_at, updated_at)
select gen_random_uuid(), hosts.ids[1 + (i % 1000)],
       'Listing ' || i, 'A ' || (array['quiet','sunny','modern','historic'])[1 + i % 4] || ' apartment near the centre',
       (array['apartment','house','guest_house','hotel','other'])[1 + i % 5], i || ' Bench Street',
       'City' || (i % 50), 'Country' || (i % 10),
       -60 + (i % 50) * 2.4 + random() * 0.1, -170 + (i % 50) * 6.8 + random() * 0.1, 'UTC',
       round((20 + random() * 480)::numeric, 2), 20.00, 'USD', 1 + i % 8, 1, 1, 1,
       case i % 4 when 0 then '{wifi,kitchen}'::text[] when 1 then '{wifi,pool}' when 2 then '{kitchen,tv}'
                  else '{kitchen,pool,wifi}' end,
       1, 30, 'flexible', case when i % 3 = 0 then null else round((1 + random() * 4)::numeric, 2) end, i % 20,
       now(), now()
from generate_series(1, :n) i, hosts;

-- a one-week block somewhere in the next three months on every third listing
insert into property_blocks (id, property_id, start_date, end_date, reason, created_at)
select gen_random_uuid(), id, d, d + 7, 'blocked', now()
from (select id, current_date + (random() * 90)::int d, row_number() over () r from properties) p
where r % 3 = 0;

analyze;
