-- An upload now puts its objects before the transaction that inserts its photo row, not inside it, so that a slow or
-- stalled store holds no connection and no listing's row lock (io.staybook.media.MediaSweep says why the sweep stays
-- safe). The argument needs a key's stored_at never to move back while the key's row exists: the sweep's grace
-- counts from the latest claim, and an upload commits only within the grace of its own claim. A photo row's trigger
-- wrote its transaction's start time, which can be earlier than a claim made meanwhile; now it keeps the later one,
-- as MediaObjects.claim does.
create or replace function media_objects_count(changes text[], signs integer[]) returns void
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
    on conflict (key) do update set photos = m.photos + excluded.photos,
                                    stored_at = greatest(m.stored_at, excluded.stored_at);
    update media_objects m
    set photos = m.photos + d.n
    from (select c.key, sum(c.sign)::integer as n
          from unnest(changes, signs) as c (key, sign)
          group by c.key
          having sum(c.sign) < 0) as d
    where d.key = m.key;
end
$$;
