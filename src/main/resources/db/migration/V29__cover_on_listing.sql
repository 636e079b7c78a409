-- The cover photo's keys on the listing's own row (issue 13's must-show: search with a cover in every result within 10 %
-- of its ratio without covers). Every listing read (search pages, detail, GraphQL) used to join property_photos on
-- (property_id, position = 0): four more buffers per result, a third of a search page's buffers and most of its cost in
-- PostgreSQL (docs/benchmarks.md, "Issue 13, the cover on the listing's row"). The keys now sit on properties, kept by
-- the triggers below in the statement that changes the gallery, so no reader joins and none can see a stale cover.
--
-- The cover is the photo at the lowest position (0 at every commit: positions are dense, V18); between the
-- statements of one transaction that reorders a gallery (its unique position is deferrable), the cover follows
-- the lowest position, and the transaction's last statement leaves it right.
alter table properties
    add column cover_thumbnail_key text,
    add column cover_medium_key    text,
    add column cover_large_key     text,
    add column cover_original_key  text,
    -- a cover is four variants or none
    add constraint properties_cover_whole check (
        (cover_thumbnail_key is null) = (cover_original_key is null)
        and (cover_medium_key is null) = (cover_original_key is null)
        and (cover_large_key is null) = (cover_original_key is null));

-- Sets the cover of each listing of ids from its gallery, writing only the rows whose cover changed (each write is a
-- new row version and a new ETag, V16).
create function properties_refresh_covers(ids uuid[]) returns void
    language sql as
$$
update properties p
set cover_thumbnail_key = c.thumbnail_key,
    cover_medium_key    = c.medium_key,
    cover_large_key     = c.large_key,
    cover_original_key  = c.original_key
from (select i.id, ph.thumbnail_key, ph.medium_key, ph.large_key, ph.original_key
      from unnest(ids) as i (id)
      left join lateral (select x.thumbnail_key, x.medium_key, x.large_key, x.original_key
                         from property_photos x
                         where x.property_id = i.id
                         order by x.position, x.id
                         limit 1) ph on true) c
where p.id = c.id
  and (p.cover_thumbnail_key, p.cover_medium_key, p.cover_large_key, p.cover_original_key)
      is distinct from (c.thumbnail_key, c.medium_key, c.large_key, c.original_key)
$$;

-- One trigger per event (a trigger with transition tables takes one event), each once per statement with the rows it
-- changed: a bulk insert (the load seed's million covers) is one update, a single upload one row's.
create function property_photos_covers_after_insert() returns trigger
    language plpgsql as
$$
begin
    perform properties_refresh_covers(array(select distinct property_id from inserted));
    return null;
end;
$$;

create function property_photos_covers_after_update() returns trigger
    language plpgsql as
$$
begin
    perform properties_refresh_covers(array(select property_id from before_update
                                            union
                                            select property_id from after_update));
    return null;
end;
$$;

create function property_photos_covers_after_delete() returns trigger
    language plpgsql as
$$
begin
    perform properties_refresh_covers(array(select distinct property_id from deleted));
    return null;
end;
$$;

create trigger property_photos_covers_after_insert
    after insert on property_photos
    referencing new table as inserted
    for each statement execute function property_photos_covers_after_insert();

create trigger property_photos_covers_after_update
    after update on property_photos
    referencing old table as before_update new table as after_update
    for each statement execute function property_photos_covers_after_update();

create trigger property_photos_covers_after_delete
    after delete on property_photos
    referencing old table as deleted
    for each statement execute function property_photos_covers_after_delete();

-- Today's covers, in one statement. It rewrites the row of every listing with photos, so plan it like V20 on a large
-- marketplace (docs/benchmarks.md gives its time on the load data).
update properties p
set cover_thumbnail_key = c.thumbnail_key,
    cover_medium_key    = c.medium_key,
    cover_large_key     = c.large_key,
    cover_original_key  = c.original_key
from (select distinct on (property_id) property_id, thumbnail_key, medium_key, large_key, original_key
      from property_photos
      order by property_id, position, id) c
where p.id = c.property_id;
