-- Load data, step 2 of 3 (docs/bench/load/seed.sh runs it once per chunk): listings lo .. hi - 1 (0-based, of n) with
-- their bookings, the calendar rows of the active ones, payments of the paid ones, reviews and host blocks.
--   psql -v n=LISTINGS -v m=BOOKINGS -v lo=LO -v hi=HI -v hosts=H -v guests=G -f seed-chunk.sql
--
-- Bookings per listing: listing l gets first(l + 1) - first(l) of them, first(l) = floor(m * (l / n) ^ 0.8), which adds
-- up to exactly m over all listings; the first listings are the most booked (at 1M / 5M: 79 for listing 0, 4 for the
-- median one, 0 for some of the last). A listing's bookings sit one per 10-day slot (check-in 0-2 days into it, 1-7
-- nights within the listing's min/max nights), about 15 % of them in the future, so that active ones never overlap;
-- each status follows from the dates: past stays are completed (90 %), cancelled during the hold (6 %) or expired
-- (4 %); a stay under way is checked_in; future ones are confirmed (88 %) or cancelled. No hold is left pending.
-- Paid bookings (confirmed, checked_in, completed) have one completed sandbox payment of exactly their total; 35 % of
-- completed stays have their guest's review, and each listing's rating_average / review_count are those reviews'
-- (rounded half-up, as the service computes them). A quarter of the listings have a week blocked by the host after
-- their last booking.
--
-- Triggers and foreign-key checks are off for the session (session_replication_role = replica): the rows written are
-- exactly those they would have produced or allowed (bookings_sync_calendar's property_blocks row for each active
-- booking, with the booking's id, guest and creation time; every payment charges its booking's total; no party is
-- removed). Check constraints, unique and exclusion constraints stay on and check every row.
\set ON_ERROR_STOP on
set session_replication_role = replica;
set synchronous_commit = off;
begin;

create temporary table l on commit drop as
select s.i, s.id, h.id as host_id, c.name as city, c.country, c.tz, c.currency, c.lat, c.lng, c.spread, s.u,
       s.bookings, s.start, s.created_at, s.max_guests,
       (array['apartment', 'apartment', 'apartment', 'apartment', 'apartment', 'apartment', 'apartment', 'apartment',
              'apartment', 'apartment', 'apartment', 'house', 'house', 'house', 'house', 'house', 'guest_house',
              'guest_house', 'hotel', 'other'])[1 + floor(s.u[1] * 20)::int] as property_type,
       round((c.price * exp(0.45 * s.normal) * (0.7 + 0.1 * s.max_guests))::numeric,
             currency_minor_digits(c.currency)) as price,
       (array[1, 1, 1, 1, 1, 1, 2, 2, 2, 3])[1 + floor(s.u[2] * 10)::int] as min_nights,
       (array[14, 30, 30, 30, 30, 30, 90, 90, 365, 365])[1 + floor(s.u[3] * 10)::int] as max_nights,
       (array['flexible', 'flexible', 'moderate', 'moderate', 'strict'])[1 + floor(s.u[4] * 5)::int] as policy
from (select i, load_seed.uuid7(t.at) as id, t.at as created_at, t.c as bookings,
             current_date - 10 * (t.c - t.future) + floor(random() * 10)::int as start,
             array[random(), random(), random(), random(), random(), random(), random(), random(), random(), random(),
                   random(), random(), random()] as u,
             (array[1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 5, 6, 6, 8, 10, 16])[1 + floor(random() * 16)::int] as max_guests,
             load_seed.normal() as normal, floor(:hosts * power(random(), 2))::int as host_n,
             width_bucket(random(), (select bounds from load_seed.bounds)) as rank
      from generate_series(:lo, :hi - 1) i,
           lateral (select floor(:m * power(i::float8 / :n, 0.8))::bigint as f0,
                           floor(:m * power((i + 1)::float8 / :n, 0.8))::bigint as f1) f,
           lateral (select (f.f1 - f.f0)::int as c, floor((f.f1 - f.f0) * 0.15 + random() + 0 * i)::int as future,
                           now() - interval '1 day' * (10 * (f.f1 - f.f0) + 70 + 400 * random() + 0 * i) as at) t) s
join load_seed.city c on c.rank = s.rank
join load_seed.host h on h.n = s.host_n;

-- bookings: one per slot k of 10 days, the last `future` slots from today on
create temporary table b on commit drop as
select x.*, (x.check_out - x.check_in) * x.price_per_night + x.cleaning_fee + x.service_fee as total_price,
       load_seed.uuid7(x.created_at) as id
from (select y.*, round(((y.check_out - y.check_in) * y.price_per_night * 0.10)::numeric,
                        currency_minor_digits(y.currency)) as service_fee,
             case when y.check_out <= current_date
                      then case when y.v < 0.90 then 'completed' when y.v < 0.96 then 'cancelled' else 'expired' end
                  when y.check_in <= current_date then 'checked_in'
                  when y.v < 0.88 then 'confirmed' else 'cancelled' end as status,
             least(y.check_in - (1 + floor(y.w * 60)::int) + interval '1 minute' * floor(random() * 1440),
                   now() - interval '1 hour' - interval '1 day' * 20 * y.w) as created_at
      from (select l.id as property_id, l.host_id, gst.id as guest_id, d.check_in,
                   d.check_in + l.min_nights + floor(random() * (least(7, l.max_nights) - l.min_nights + 1))::int
                       as check_out,
                   1 + floor(random() * least(l.max_guests, 4))::int as guests, l.price as price_per_night,
                   round(l.price * (0.2 + 0.3 * l.u[5])::numeric, currency_minor_digits(l.currency)) as cleaning_fee,
                   l.currency, l.policy, l.tz, random() as v, random() as w
            from l, generate_series(0, l.bookings - 1) k,
                 lateral (select l.start + 10 * k + floor(random() * 3)::int as check_in) d,
                 lateral (select floor(:guests * power(random(), 1.3) + 0 * k)::int as guest_n) gn
            join load_seed.guest gst on gst.n = gn.guest_n) y) x;

insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee,
                      service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at,
                      cancelled_at, cancelled_by, created_at, updated_at, version, nightly_subtotal, discount,
                      extra_guest_fees, first_night_price)
select id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee, service_fee,
       total_price, currency, policy, tz, status, created_at + interval '15 minutes',
       case status when 'cancelled' then created_at + interval '10 minutes' end,
       case status when 'cancelled' then guest_id end,
       created_at,
       case status
           when 'completed' then least(now(), check_out + interval '11 hours')
           when 'checked_in' then least(now(), check_in + interval '15 hours')
           when 'confirmed' then created_at + interval '2 minutes'
           when 'cancelled' then created_at + interval '10 minutes'
           else created_at + interval '15 minutes 30 seconds' end,
       case status when 'completed' then 3 when 'checked_in' then 2 else 1 end,
       -- priced at one nightly price, without discount or extra guests (as V20 migrated the bookings before it)
       (check_out - check_in) * price_per_night, 0, 0, price_per_night
from b;

-- what bookings_sync_calendar inserts when an active booking is inserted (status pending_payment then)
insert into property_blocks (id, property_id, start_date, end_date, reason, booking_id, created_by, created_at)
select id, property_id, check_in, check_out, 'booked', id, guest_id, created_at
from b where status in ('confirmed', 'checked_in');

-- the payment that confirmed each paid booking: the sandbox provider's charge of its total
insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, status, refunded_amount,
                      provider, provider_reference, created_at, updated_at, version)
select pid, id, guest_id, host_id, total_price, currency,
       (array['card', 'card', 'card', 'card', 'card', 'card', 'card', 'paypal', 'paypal', 'bank_transfer'])
           [1 + floor(random() * 10)::int],
       'completed', 0, 'sandbox', 'ch_sandbox_' || pid, created_at + interval '1 minute',
       created_at + interval '2 minutes', 1
from (select *, load_seed.uuid7(created_at + interval '1 minute') as pid from b
      where status in ('confirmed', 'checked_in', 'completed')) p;

create temporary table r on commit drop as
select load_seed.uuid7(at) as id, property_id, id as booking_id, guest_id as author_id,
       (array[5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1])[1 + floor(random() * 11)::int] as rating,
       (array['Lovely stay, exactly as described.', 'Great location, we would come back.',
              'Clean and quiet; the host answered fast.', 'Good value for the price.',
              'A bit noisy at night, otherwise fine.', 'Check-in was easy and the beds were comfortable.',
              'Not as pictured, and the wifi kept dropping.'])[1 + floor(random() * 7)::int] as comment, at
from (select *, least(now() - interval '1 minute', check_out + interval '1 day' + interval '1 hour' * floor(random() * 120))
                    as at
      from b where status = 'completed' and random() < 0.35) c;

-- the guests' reviews of the listings (V25: subject 'property'), published when written, with sub-ratings around the
-- rating as the demo data gives them; the listing's ratings below average the same expressions
insert into reviews (id, property_id, booking_id, author_id, rating, comment, created_at, updated_at, subject,
                     published_at, publish_due, cleanliness, accuracy, check_in, communication, location, value)
select id, property_id, booking_id, author_id, rating, comment, at, at, 'property', at, at, rating, least(5, rating + 1),
       rating, least(5, rating + 1), greatest(1, rating - 1), rating
from r;

insert into properties (id, host_id, title, description, property_type, address, city, country, latitude, longitude,
                        timezone, price_per_night, cleaning_fee, currency, max_guests, bedrooms, beds, bathrooms,
                        amenities, min_nights, max_nights, cancellation_policy, rating_average, review_count,
                        created_at, updated_at, ratings, guests_included)
select l.id, l.host_id,
       (array['Sunny', 'Cosy', 'Spacious', 'Quiet', 'Modern', 'Charming', 'Bright', 'Stylish', 'Rustic', 'Elegant'])
           [1 + floor(l.u[6] * 10)::int] || ' ' || (case l.property_type when 'other' then 'place' when 'guest_house' then 'guest house' else l.property_type end) || ' in ' || l.city,
       'A ' || lower((array['sunny', 'cosy', 'spacious', 'quiet', 'modern'])[1 + floor(l.u[7] * 5)::int]) || ' '
           || (case l.property_type when 'other' then 'place' when 'guest_house' then 'guest house' else l.property_type end) || ' for up to ' || l.max_guests || ' guests in ' || l.city || ', '
           || (array['close to cafes, parks and public transport', 'a short walk from the old town',
                     'with a view over the rooftops', 'in a calm residential street', 'next to the beach',
                     'near the main station'])[1 + floor(l.u[8] * 6)::int]
           || '. Fresh linen and towels, a fully equipped kitchen and fast wifi. '
           || (array['Ideal for families and small groups.', 'Perfect for a weekend away or a longer stay.',
                     'Self check-in with a key box; the host lives nearby.', 'No parties; quiet hours after 22:00.'])
               [1 + floor(l.u[9] * 4)::int],
       l.property_type, (1 + floor(l.u[10] * 300))::int || ' '
           || (array['Main Street', 'Market Square', 'Harbour Road', 'Station Avenue', 'Park Lane', 'Church Street',
                     'River Walk', 'Garden Row'])[1 + floor(l.u[11] * 8)::int],
       l.city, l.country, greatest(-90, least(90, l.lat + (l.u[4] + l.u[5] - 1) * l.spread)),
       l.lng + (l.u[6] + l.u[7] - 1) * l.spread * 1.4, l.tz, l.price,
       round(l.price * (0.2 + 0.3 * l.u[5])::numeric, currency_minor_digits(l.currency)), l.currency, l.max_guests,
       case when l.max_guests <= 2 and l.u[8] < 0.3 then 0 else greatest(1, l.max_guests / 2) end,
       greatest(1, ceil(l.max_guests / 1.6)::int), 1 + l.max_guests / 5,
       array(select a from unnest(array['air_conditioning', 'free_parking', 'heating', 'kitchen', 'pool',
                                        'self_check_in', 'tv', 'washer', 'wifi', 'workspace']) with ordinality t (a, k)
             where a = 'wifi' or (floor(l.u[13] * 1024)::int >> (k::int - 1)) & 1 = 1),
       l.min_nights, l.max_nights, l.policy, agg.average, coalesce(agg.reviews, 0), l.created_at,
       coalesce(agg.last_review, l.created_at),
       coalesce(agg.ratings, '{NULL,NULL,NULL,NULL,NULL,NULL}'),
       l.max_guests -- as V20 migrated the listings before it
from l
left join (select property_id, round(avg(rating), 2) as average, count(*) as reviews, max(at) as last_review,
                  array[round(avg(rating), 2), round(avg(least(5, rating + 1)), 2), round(avg(rating), 2),
                        round(avg(least(5, rating + 1)), 2), round(avg(greatest(1, rating - 1)), 2),
                        round(avg(rating), 2)]::numeric(3, 2)[] as ratings
           from r group by property_id) agg on agg.property_id = l.id;

-- a week closed by the host on a quarter of the listings, after their last booking and in the next two months
insert into property_blocks (id, property_id, start_date, end_date, reason, note, created_by, created_at)
select load_seed.uuid7(at), id, d, d + 7, 'blocked', 'Owner''s week', host_id, at
from (select l.*, greatest(l.start + 10 * l.bookings + 1, current_date + 1 + floor(random() * 60)::int) as d,
             now() - interval '1 hour' * floor(1 + random() * 500) as at
      from l where l.u[12] < 0.25) x;

commit;
