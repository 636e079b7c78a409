-- Stored media objects and who uses them (README, "Listing photos", "Removing stored images"). A photo is a row of
-- property_photos naming four content-addressed objects; objects are shared by every photo of the same content (the
-- same file uploaded twice, the demo data, the load seed). This table lists every object the service has stored or is
-- about to store, with how many photo columns name it, so that an object nobody uses any more is found by one indexed
-- query, deleted from the store by the media-sweep job, and no longer served at /media/<key> meanwhile.
--
-- The rules the database holds:
-- * photos is the number of property_photos columns (original, large, medium, thumbnail) naming the key, kept by the
--   statement-level triggers below on every insert, delete (a listing's hard delete cascades here too) and update,
--   in the same transaction; it cannot go negative;
-- * the triggers lock the rows they change in key order, so two statements touching the same shared keys (two
--   listings of the demo images removed at once) queue instead of deadlocking;
-- * a photo being inserted holds its keys' rows locked until it commits, and the sweep claims rows with
--   FOR UPDATE SKIP LOCKED and re-checks photos = 0 on the row it locked: the sweep never takes an object that a
--   committed or committing photo uses, and an upload that comes while the sweep holds a key waits for it and then
--   stores its object again (io.staybook.media.MediaSweep says why in full).
create table media_objects
(
    key       text primary key check (key ~ '^[0-9a-f]{64}\.(jpg|png)$'),
    -- the last time an upload claimed the key or a photo row came to name it: the sweep's grace counts from here
    stored_at timestamptz not null default now(),
    photos    integer     not null default 0 check (photos >= 0)
);

-- the sweep's query: unused objects, oldest first
create index media_objects_unused on media_objects (stored_at) where photos = 0;

-- every object named by an existing photo, counted
insert into media_objects (key, photos)
select key, count(*)
from property_photos,
     unnest(array [original_key, large_key, medium_key, thumbnail_key]) as key
group by key;

-- Adds each key's change of count (changes[i] counts signs[i]: +1 for a photo column added, -1 for one gone), locking
-- the existing rows in key order first, then inserting the new keys in key order. No temporary table: the service's
-- role (ops/postgres/least-privilege.sql) need not have TEMPORARY.
create function media_objects_count(changes text[], signs integer[]) returns void
    language plpgsql as
$$
begin
    perform 1
    from media_objects m
    where m.key in (select c.key from unnest(changes, signs) as c (key, sign) group by c.key having sum(c.sign) <> 0)
    order by m.key
    for update;
    insert into media_objects as m (key, stored_at, photos)
    select c.key, now(), sum(c.sign)::integer
    from unnest(changes, signs) as c (key, sign)
    group by c.key
    having sum(c.sign) > 0
    order by c.key
    on conflict (key) do update set photos = m.photos + excluded.photos, stored_at = excluded.stored_at;
    update media_objects m
    set photos = m.photos + d.n
    from (select c.key, sum(c.sign)::integer as n
          from unnest(changes, signs) as c (key, sign)
          group by c.key
          having sum(c.sign) < 0) as d
    where d.key = m.key;
end
$$;

create function property_photos_count_media() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        perform media_objects_count(array(select k from new_rows, unnest(array [new_rows.original_key,
                new_rows.large_key, new_rows.medium_key, new_rows.thumbnail_key]) as k),
                array(select 1 from new_rows, generate_series(1, 4)));
    elsif tg_op = 'DELETE' then
        perform media_objects_count(array(select k from old_rows, unnest(array [old_rows.original_key,
                old_rows.large_key, old_rows.medium_key, old_rows.thumbnail_key]) as k),
                array(select -1 from old_rows, generate_series(1, 4)));
    else
        perform media_objects_count(
                array(select k from new_rows, unnest(array [new_rows.original_key, new_rows.large_key,
                        new_rows.medium_key, new_rows.thumbnail_key]) as k)
                    || array(select k from old_rows, unnest(array [old_rows.original_key, old_rows.large_key,
                        old_rows.medium_key, old_rows.thumbnail_key]) as k),
                array(select 1 from new_rows, generate_series(1, 4))
                    || array(select -1 from old_rows, generate_series(1, 4)));
    end if;
    return null;
end
$$;

create trigger property_photos_media_inserted
    after insert on property_photos referencing new table as new_rows
    for each statement execute function property_photos_count_media();
create trigger property_photos_media_deleted
    after delete on property_photos referencing old table as old_rows
    for each statement execute function property_photos_count_media();
create trigger property_photos_media_updated
    after update on property_photos referencing old table as old_rows new table as new_rows
    for each statement execute function property_photos_count_media();
