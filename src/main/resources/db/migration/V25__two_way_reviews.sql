-- Two-way, double-blind reviews (issue 14). A review is now of a subject: the listing ('property', written by the
-- booking's guest, with optional sub-ratings) or the guest ('guest', written by the booking's host, about guest_id).
-- It is published (published_at) when both sides of the stay have reviewed or when its window closes (publish_due,
-- the end of the 14-day window where the listing is); until then only its author sees it. The listing's aggregates
-- count published reviews of subject 'property' only. Reviews that exist already were visible: they become published
-- reviews of their listing, published when they were written.

alter table reviews
    add column subject       text not null default 'property' check (subject in ('property', 'guest')),
    add column guest_id      uuid references users (id),
    add column published_at  timestamptz,
    add column publish_due   timestamptz,
    add column cleanliness   integer check (cleanliness between 1 and 5),
    add column accuracy      integer check (accuracy between 1 and 5),
    add column check_in      integer check (check_in between 1 and 5),
    add column communication integer check (communication between 1 and 5),
    add column location      integer check (location between 1 and 5),
    add column value         integer check (value between 1 and 5),
    add column response_body       text check (char_length(response_body) between 1 and 1000),
    add column response_created_at timestamptz;

update reviews set published_at = created_at, publish_due = created_at;

alter table reviews
    alter column subject drop default,
    alter column publish_due set not null,
    -- a review of a guest names the guest and has no sub-ratings nor response; one of a listing names no guest
    add constraint reviews_subject_columns check (
        case subject
            when 'guest' then guest_id is not null
                and num_nonnulls(cleanliness, accuracy, check_in, communication, location, value) = 0
                and response_body is null
            else guest_id is null
        end),
    -- a response is whole (body with its time) and only on a published review
    add constraint reviews_response_whole check ((response_body is null) = (response_created_at is null)
        and (response_body is null or published_at is not null)),
    -- one review per booking and side, whatever the number of concurrent requests; its violation is the API's 409
    drop constraint reviews_booking_key,
    add constraint reviews_booking_subject_key unique (booking_id, subject);

-- GET /reviews?guest_id= (published, newest first) and the foreign key
create index reviews_guest_idx on reviews (guest_id, id) where guest_id is not null;
-- the publication sweep's one query: unpublished reviews whose window has closed, oldest due first
create index reviews_publish_due_idx on reviews (publish_due) where published_at is null;

-- A listing's per-category averages over its published reviews that gave each (two decimals, like rating_average),
-- in the order cleanliness, accuracy, check_in, communication, location, value; an element is null when no
-- published review gave it. Kept by the service under the listing's row lock, with rating_average and review_count.
alter table properties
    add column ratings numeric(3, 2)[] not null default '{NULL,NULL,NULL,NULL,NULL,NULL}'
        check (cardinality(ratings) = 6);

-- no review has sub-ratings yet, so every listing starts with the default
