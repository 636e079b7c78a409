-- Listing photos (issue 13, api-contract.md "Listing photos"). A photo is a row here and four immutable objects in the
-- media store, each named by the SHA-256 of its bytes ("<64 hex>.jpg" or ".png"), so that its URL never changes and
-- is cached for a year.
--
-- The rules the database holds:
-- * positions are dense and unique within a listing: unique (property_id, position), DEFERRABLE so that one UPDATE
--   can shift many photos by one (a deferrable unique constraint is checked at the end of the statement, not per
--   row), and 0 <= position < 50, which with the unique constraint caps a listing at 50 photos whatever the
--   concurrency (the service also locks the listing's row while it counts, to answer 409 instead of a violation);
-- * position 0 is the cover: the search joins it through the same unique index.
create table property_photos
(
    id            uuid primary key,
    property_id   uuid        not null references properties (id) on delete cascade,
    position      integer     not null check (position >= 0 and position < 50),
    caption       text check (char_length(caption) <= 500),
    width         integer     not null check (width > 0),
    height        integer     not null check (height > 0),
    content_type  text        not null check (content_type in ('image/jpeg', 'image/png')),
    original_key  text        not null check (original_key ~ '^[0-9a-f]{64}\.(jpg|png)$'),
    large_key     text        not null check (large_key ~ '^[0-9a-f]{64}\.(jpg|png)$'),
    medium_key    text        not null check (medium_key ~ '^[0-9a-f]{64}\.(jpg|png)$'),
    thumbnail_key text        not null check (thumbnail_key ~ '^[0-9a-f]{64}\.(jpg|png)$'),
    created_at    timestamptz not null,
    constraint property_photos_position_unique unique (property_id, position) deferrable initially immediate
);

-- whether an object is still used by another photo when one is deleted (content addressing shares objects)
create index property_photos_original_key on property_photos (original_key);
