-- Load data, step 1 of 3 (docs/bench/load/seed.sh runs it): the seed's helper schema load_seed (dropped by
-- seed-finish.sql), the cities with their Zipf weights, the hosts and the guests.
--   psql -v n=LISTINGS -v m=BOOKINGS -v hosts=H -v guests=G -v towns=T -f seed-setup.sql
-- Every user's password is staybook-demo: the hash below is the one the service's Argon2 encoder (SecurityConfig's
-- DelegatingPasswordEncoder, id argon2) wrote for it on a demo-data start.
\set ON_ERROR_STOP on
set client_min_messages = warning;
drop schema if exists load_seed cascade;
create schema load_seed;

-- a time-ordered UUID (version 7) for an instant, as the service makes its ids: 48 bits of Unix milliseconds, the
-- version, then random bits (the variant bits of gen_random_uuid are already those of RFC 9562). One expression with
-- its argument used once, so that PostgreSQL inlines it: a third of the cost of a function call per row.
create function load_seed.uuid7(at timestamptz) returns uuid language sql volatile as $$
    select (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
            || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid
$$;

-- a standard normal deviate (Box-Muller), for log-normal prices
create function load_seed.normal() returns float8 language sql volatile as $$
    select sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
$$;

-- Cities by rank: 60 real ones (typical nightly price in their currency), then a long tail of towns near them.
-- A listing's city is drawn with weight 1 / rank (Zipf, s = 1): with 1,000 cities the first holds 13 % of the listings,
-- the tenth 1.3 %, the last 0.013 %.
create table load_seed.city (
    rank     integer primary key,
    name     text    not null,
    country  text    not null,
    lat      float8  not null,
    lng      float8  not null,
    tz       text    not null,
    currency char(3) not null,
    price    numeric not null,
    spread   float8  not null
);
insert into load_seed.city (rank, name, country, lat, lng, tz, currency, price, spread)
select row_number() over (), name, country, lat, lng, tz, currency, price, 0.08
from (values
    ('Paris', 'France', 48.8566, 2.3522, 'Europe/Paris', 'EUR', 140),
    ('London', 'United Kingdom', 51.5074, -0.1278, 'Europe/London', 'GBP', 150),
    ('New York', 'United States', 40.7128, -74.0060, 'America/New_York', 'USD', 190),
    ('Tokyo', 'Japan', 35.6762, 139.6503, 'Asia/Tokyo', 'JPY', 15000),
    ('Rome', 'Italy', 41.9028, 12.4964, 'Europe/Rome', 'EUR', 120),
    ('Barcelona', 'Spain', 41.3874, 2.1686, 'Europe/Madrid', 'EUR', 130),
    ('Lisbon', 'Portugal', 38.7223, -9.1393, 'Europe/Lisbon', 'EUR', 100),
    ('Los Angeles', 'United States', 34.0522, -118.2437, 'America/Los_Angeles', 'USD', 170),
    ('Berlin', 'Germany', 52.5200, 13.4050, 'Europe/Berlin', 'EUR', 100),
    ('Amsterdam', 'Netherlands', 52.3676, 4.9041, 'Europe/Amsterdam', 'EUR', 170),
    ('Sydney', 'Australia', -33.8688, 151.2093, 'Australia/Sydney', 'AUD', 200),
    ('Istanbul', 'Turkey', 41.0082, 28.9784, 'Europe/Istanbul', 'TRY', 2500),
    ('Mexico City', 'Mexico', 19.4326, -99.1332, 'America/Mexico_City', 'MXN', 1500),
    ('Bangkok', 'Thailand', 13.7563, 100.5018, 'Asia/Bangkok', 'THB', 1800),
    ('Buenos Aires', 'Argentina', -34.6037, -58.3816, 'America/Argentina/Buenos_Aires', 'USD', 60),
    ('Rio de Janeiro', 'Brazil', -22.9068, -43.1729, 'America/Sao_Paulo', 'BRL', 350),
    ('Cape Town', 'South Africa', -33.9249, 18.4241, 'Africa/Johannesburg', 'ZAR', 1500),
    ('Dubai', 'United Arab Emirates', 25.2048, 55.2708, 'Asia/Dubai', 'AED', 600),
    ('Singapore', 'Singapore', 1.3521, 103.8198, 'Asia/Singapore', 'SGD', 220),
    ('Seoul', 'South Korea', 37.5665, 126.9780, 'Asia/Seoul', 'KRW', 120000),
    ('Prague', 'Czechia', 50.0755, 14.4378, 'Europe/Prague', 'CZK', 2500),
    ('Vienna', 'Austria', 48.2082, 16.3738, 'Europe/Vienna', 'EUR', 110),
    ('Madrid', 'Spain', 40.4168, -3.7038, 'Europe/Madrid', 'EUR', 110),
    ('Miami', 'United States', 25.7617, -80.1918, 'America/New_York', 'USD', 200),
    ('San Francisco', 'United States', 37.7749, -122.4194, 'America/Los_Angeles', 'USD', 210),
    ('Toronto', 'Canada', 43.6532, -79.3832, 'America/Toronto', 'CAD', 180),
    ('Montreal', 'Canada', 45.5019, -73.5674, 'America/Toronto', 'CAD', 150),
    ('Chicago', 'United States', 41.8781, -87.6298, 'America/Chicago', 'USD', 160),
    ('Athens', 'Greece', 37.9838, 23.7275, 'Europe/Athens', 'EUR', 90),
    ('Dublin', 'Ireland', 53.3498, -6.2603, 'Europe/Dublin', 'EUR', 160),
    ('Edinburgh', 'United Kingdom', 55.9533, -3.1883, 'Europe/London', 'GBP', 130),
    ('Copenhagen', 'Denmark', 55.6761, 12.5683, 'Europe/Copenhagen', 'DKK', 1100),
    ('Stockholm', 'Sweden', 59.3293, 18.0686, 'Europe/Stockholm', 'SEK', 1300),
    ('Oslo', 'Norway', 59.9139, 10.7522, 'Europe/Oslo', 'NOK', 1400),
    ('Budapest', 'Hungary', 47.4979, 19.0402, 'Europe/Budapest', 'HUF', 30000),
    ('Krakow', 'Poland', 50.0647, 19.9450, 'Europe/Warsaw', 'PLN', 300),
    ('Porto', 'Portugal', 41.1579, -8.6291, 'Europe/Lisbon', 'EUR', 90),
    ('Florence', 'Italy', 43.7696, 11.2558, 'Europe/Rome', 'EUR', 130),
    ('Venice', 'Italy', 45.4408, 12.3155, 'Europe/Rome', 'EUR', 160),
    ('Nice', 'France', 43.7102, 7.2620, 'Europe/Paris', 'EUR', 130),
    ('Munich', 'Germany', 48.1351, 11.5820, 'Europe/Berlin', 'EUR', 130),
    ('Zurich', 'Switzerland', 47.3769, 8.5417, 'Europe/Zurich', 'CHF', 200),
    ('Kyoto', 'Japan', 35.0116, 135.7681, 'Asia/Tokyo', 'JPY', 14000),
    ('Osaka', 'Japan', 34.6937, 135.5023, 'Asia/Tokyo', 'JPY', 11000),
    ('Denpasar', 'Indonesia', -8.6500, 115.2167, 'Asia/Makassar', 'IDR', 1200000),
    ('Hanoi', 'Vietnam', 21.0278, 105.8342, 'Asia/Ho_Chi_Minh', 'VND', 900000),
    ('Marrakech', 'Morocco', 31.6295, -7.9811, 'Africa/Casablanca', 'MAD', 900),
    ('Reykjavik', 'Iceland', 64.1466, -21.9426, 'Atlantic/Reykjavik', 'ISK', 25000),
    ('Honolulu', 'United States', 21.3069, -157.8583, 'Pacific/Honolulu', 'USD', 250),
    ('Vancouver', 'Canada', 49.2827, -123.1207, 'America/Vancouver', 'CAD', 190),
    ('Melbourne', 'Australia', -37.8136, 144.9631, 'Australia/Melbourne', 'AUD', 170),
    ('Auckland', 'New Zealand', -36.8485, 174.7633, 'Pacific/Auckland', 'NZD', 180),
    ('Seattle', 'United States', 47.6062, -122.3321, 'America/Los_Angeles', 'USD', 180),
    ('Austin', 'United States', 30.2672, -97.7431, 'America/Chicago', 'USD', 170),
    ('New Orleans', 'United States', 29.9511, -90.0715, 'America/Chicago', 'USD', 160),
    ('Nashville', 'United States', 36.1627, -86.7816, 'America/Chicago', 'USD', 190),
    ('Split', 'Croatia', 43.5081, 16.4402, 'Europe/Zagreb', 'EUR', 110),
    ('Dubrovnik', 'Croatia', 42.6507, 18.0944, 'Europe/Zagreb', 'EUR', 150),
    ('Tbilisi', 'Georgia', 41.7151, 44.8271, 'Asia/Tbilisi', 'GEL', 120),
    ('Kuala Lumpur', 'Malaysia', 3.1390, 101.6869, 'Asia/Kuala_Lumpur', 'MYR', 200)
) c (name, country, lat, lng, tz, currency, price);

-- the tail: towns with made-up, distinct names within 1.5 degrees of a real city of the same country, cheaper
insert into load_seed.city (rank, name, country, lat, lng, tz, currency, price, spread)
select 60 + k, (array['North', 'South', 'East', 'West', 'Old', 'New', 'Upper', 'Lower', 'Great', 'Little', 'Saint',
                      'Port', 'Fort', 'Lake', 'Mount', 'Green', 'Red', 'Silver', 'Golden', 'Stone'])[1 + k % 20]
               || (array['field', 'bridge', 'wood', 'haven', 'ford', 'bury', 'ton', 'dale', 'mouth', 'cliff',
                         'moor', 'brook', 'well', 'stead', 'wick', 'holm', 'by', 'port', 'minster', 'gate'])[1 + (k / 20) % 20]
               || (array['', ' Beach', ' Hills', ' Bay', ' Springs', ' Valley'])[1 + (k / 400) % 6]
               || case when k >= 2400 then ' ' || (k / 2400 + 1) else '' end,
       c.country, greatest(-89, least(89, c.lat + (random() * 2 - 1) * 1.5)), c.lng + (random() * 2 - 1) * 1.5, c.tz,
       c.currency, c.price * 0.6, 0.03
from generate_series(1, greatest(:towns, 0)) k
join load_seed.city c on c.rank = 1 + k % 60;

-- cumulative lower bounds of the weights, for width_bucket(random(), bounds) = rank
create table load_seed.bounds as
select array_agg(lower_bound order by rank) as bounds
from (select rank, coalesce(sum(1.0 / rank) over (order by rank rows between unbounded preceding and 1 preceding), 0)
                   / sum(1.0 / rank) over () as lower_bound
      from load_seed.city) w;

create table load_seed.first_name (k integer primary key, name text not null);
insert into load_seed.first_name
select k - 1, name from unnest(array['Ana', 'Ben', 'Chloe', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas',
    'Kira', 'Luca', 'Maya', 'Nikos', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei',
    'Ximena', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Carmen', 'Dmitri', 'Emma', 'Felix', 'Hana', 'Ivan', 'Julia', 'Kofi',
    'Lena', 'Mateo', 'Noor', 'Omar']) with ordinality t (name, k);

-- hosts (host-<n>@load.staybook.test) and guests (guest-<n>@load.staybook.test), n from 0, created 3 to 5 years ago:
-- before any listing or booking of theirs
create temporary table account as
select role, n, load_seed.uuid7(at) as id, at
from (values ('host', :hosts), ('guest', :guests)) r (role, how_many), generate_series(0, how_many - 1) n,
     lateral (select now() - interval '1 day' * (1100 + 700 * random() + 0 * n) as at) t;
insert into users (id, first_name, last_name, email, password_hash, role, created_at, updated_at)
select a.id, f.name, initcap(a.role) || a.n, a.role || '-' || a.n || '@load.staybook.test',
       '{argon2}$argon2id$v=19$m=19456,t=2,p=1$FkhlL9gc7fLicbwDkDsjIg$508dxm5P6A43fLDc+KNAeNCNV1MaBnjPrdowtzkfe1g',
       a.role, a.at, a.at
from account a join load_seed.first_name f on f.k = (a.n * case a.role when 'host' then 1 else 7 end) % 40;
create table load_seed.host (n integer primary key, id uuid not null);
insert into load_seed.host select n, id from account where role = 'host';
create table load_seed.guest (n integer primary key, id uuid not null);
insert into load_seed.guest select n, id from account where role = 'guest';
