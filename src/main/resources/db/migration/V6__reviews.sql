-- Reviews: one per completed stay, written by its guest. The listing's rating_average and review_count are kept on
-- the properties row by the service, in the transaction that changes a review.

create table reviews (
    id          uuid primary key,
    property_id uuid        not null references properties (id),
    booking_id  uuid        not null references bookings (id),
    author_id   uuid        not null references users (id),
    rating      integer     not null check (rating between 1 and 5),
    comment     text        not null check (char_length(comment) between 1 and 5000),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    -- one review per booking, whatever the number of concurrent requests; its violation is the API's 409
    constraint reviews_booking_key unique (booking_id)
);

-- booking_id is indexed by its unique constraint. The two below serve the foreign keys and the lists
-- GET /reviews?property_id= and ?author_id= (newest first, keyset-paged by id); the aggregate reads the first.
create index reviews_property_idx on reviews (property_id, id);
create index reviews_author_idx on reviews (author_id, id);
