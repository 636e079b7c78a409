-- A review whose window has closed is published from that moment, whether or not the publication sweep has reached it
-- (it writes published_at = publish_due, the moment readers already saw). Until the sweep has, its listing's stored
-- aggregates (rating_average, review_count, ratings, updated_at) lack it; the listing's readers add it with the
-- function below, and its cached copy lives no longer than the next such moment (listing_rating_next_due).

-- the listing's next moment a review of it is published by its window closing: its unpublished reviews of it
create index reviews_unpublished_property_idx on reviews (property_id, publish_due)
    where published_at is null and subject = 'property';

-- The aggregates at `at` of the listing if it has a review of it whose window has closed by `at` but that the sweep
-- has not published yet (no row otherwise, nearly always): over its published-or-due reviews of subject 'property',
-- as the service computes the stored ones (averages rounded half-up to two decimals); reviews_due counts the due ones
-- and due_at is the last of their moments. The check is one probe of reviews_unpublished_property_idx (unpublished
-- reviews only); the aggregate, through reviews_property_idx, runs only when it finds one. Readers join it laterally
-- on the rows of their page only (at most a page of listings), never on a search's candidates. A plain SQL function,
-- inlined into the statements that join it.
create function listing_rating_due(listing uuid, at timestamptz)
    returns table (property_id uuid, rating_average numeric(3, 2), review_count integer, ratings numeric(3, 2)[],
                   reviews_due integer, due_at timestamptz)
    language sql stable parallel safe as
$$
select r.property_id,
       cast(avg(r.rating) as numeric(3, 2)),
       cast(count(*) as integer),
       cast(array[avg(r.cleanliness), avg(r.accuracy), avg(r.check_in), avg(r.communication), avg(r.location),
                  avg(r.value)] as numeric(3, 2)[]),
       cast(count(*) filter (where r.published_at is null) as integer),
       max(r.publish_due) filter (where r.published_at is null)
from reviews r
where r.property_id = listing
  and r.subject = 'property'
  and (r.published_at is not null or r.publish_due <= at)
  and exists (select from reviews due
              where due.property_id = listing and due.published_at is null and due.subject = 'property'
                and due.publish_due <= at)
group by r.property_id
$$;

-- When the listing's aggregates next change by a window closing: the earliest moment of its unpublished reviews of it
-- (null when it has none). Bounds how long a copy of the listing may be served from a cache.
create function listing_rating_next_due(listing uuid) returns timestamptz
    language sql stable parallel safe as
$$
select min(publish_due) from reviews where property_id = listing and published_at is null and subject = 'property'
$$;
