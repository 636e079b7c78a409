-- Listings and their calendar.

create table properties (
    id                  uuid primary key,
    host_id             uuid          not null references users (id),
    title               text          not null check (char_length(title) between 1 and 200),
    description         text          not null check (char_length(description) <= 10000),
    property_type       text          not null check (property_type in ('apartment', 'house', 'guest_house', 'hotel', 'other')),
    address             text          not null check (char_length(address) <= 300),
    city                text          not null check (char_length(city) between 1 and 100),
    country             text          not null check (char_length(country) between 1 and 100),
    latitude            double precision not null check (latitude between -90 and 90),
    longitude           double precision not null check (longitude between -180 and 180),
    timezone            text          not null,
    price_per_night     numeric(12, 2) not null check (price_per_night >= 0),
    cleaning_fee        numeric(12, 2) not null check (cleaning_fee >= 0),
    currency            char(3)       not null check (currency ~ '^[A-Z]{3}$'),
    max_guests          integer       not null check (max_guests between 1 and 100),
    bedrooms            integer       not null check (bedrooms between 0 and 100),
    beds                integer       not null check (beds between 0 and 100),
    bathrooms           integer       not null check (bathrooms between 0 and 100),
    amenities           text[]        not null default '{}',
    min_nights          integer       not null check (min_nights between 1 and 365),
    max_nights          integer       not null check (max_nights between 1 and 365),
    cancellation_policy text          not null check (cancellation_policy in ('flexible', 'moderate', 'strict')),
    rating_average      numeric(3, 2) check (rating_average between 1 and 5),
    review_count        integer       not null default 0 check (review_count >= 0),
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    deleted_at          timestamptz,
    check (min_nights <= max_nights),
    -- derived columns for search, kept by PostgreSQL itself
    location            point generated always as (point(longitude, latitude)) stored,
    search_vector       tsvector generated always as (
                            setweight(to_tsvector('english', title), 'A') ||
                            setweight(to_tsvector('english', description), 'B')) stored
);

-- Every index below serves one filter or one sort of GET /properties; all skip deleted listings.
create index properties_host_idx on properties (host_id, id);
create index properties_city_idx on properties (lower(city), id) where deleted_at is null;
create index properties_country_idx on properties (lower(country)) where deleted_at is null;
create index properties_newest_idx on properties (id) where deleted_at is null;
create index properties_price_idx on properties (price_per_night, id) where deleted_at is null;
create index properties_rating_idx on properties ((coalesce(rating_average, 0)), id) where deleted_at is null;
create index properties_amenities_idx on properties using gin (amenities) where deleted_at is null;
create index properties_search_idx on properties using gin (search_vector) where deleted_at is null;
create index properties_location_idx on properties using gist (location) where deleted_at is null;

-- The calendar: every span of nights during which a property cannot be booked, whether the host closed it
-- ('blocked') or a guest holds or has booked it ('booked', one row per active booking). One exclusion constraint
-- over both kinds is what makes double booking impossible, however many requests or nodes race. Its GiST index also
-- answers "free for the whole stay" in search and the availability endpoint.
create table property_blocks (
    id          uuid primary key,
    property_id uuid        not null references properties (id),
    start_date  date        not null,
    end_date    date        not null,
    reason      text        not null check (reason in ('blocked', 'booked')),
    booking_id  uuid,
    note        text        check (char_length(note) <= 500),
    created_by  uuid        references users (id),
    created_at  timestamptz not null,
    check (end_date > start_date),
    check ((reason = 'booked') = (booking_id is not null)),
    constraint property_blocks_no_overlap
        exclude using gist (property_id with =, daterange(start_date, end_date) with &&)
);

create index property_blocks_booking_idx on property_blocks (booking_id) where booking_id is not null;
create index property_blocks_created_by_idx on property_blocks (created_by);
