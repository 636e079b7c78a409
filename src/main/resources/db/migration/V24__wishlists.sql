-- Wishlists (issue 14): a guest's private, named lists of listings. Both limits are held here, whatever the caller:
-- at most 100 lists an account (a trigger that locks the owner's row, so that concurrent creations are judged one
-- after the other) and at most 1,000 listings a list (a counter kept by a trigger on the same row the add locks, with a
-- CHECK, so that the add that would make it 1,001 fails, however many race for the last place).

create table wishlists (
    id             uuid primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    name           text        not null check (char_length(name) between 1 and 100),
    -- the listings in the list, kept by wishlist_properties' trigger; a removed listing leaves the list at its removal
    property_count integer     not null default 0,
    created_at     timestamptz not null,
    -- the owner's last change: a rename, an add or a remove (not a listing's removal from the marketplace)
    updated_at     timestamptz not null,
    constraint wishlists_property_limit check (property_count between 0 and 1000)
);

-- the owner's lists, newest first (GET /wishlists), and the count of the 100-lists rule
create index wishlists_user_idx on wishlists (user_id, id);

create table wishlist_properties (
    wishlist_id uuid        not null references wishlists (id) on delete cascade,
    property_id uuid        not null references properties (id) on delete cascade,
    added_at    timestamptz not null,
    -- a listing is in a list once: a second add is no change (PUT is idempotent)
    primary key (wishlist_id, property_id)
);

-- a list's page, most recently added first
create index wishlist_properties_page_idx on wishlist_properties (wishlist_id, added_at desc, property_id desc);
-- the lists a listing is in, for its removal
create index wishlist_properties_property_idx on wishlist_properties (property_id);

create function wishlists_per_user() returns trigger language plpgsql as $$
begin
    -- "for no key update" serializes creations by one account without blocking other tables' foreign keys to it
    perform 1 from users where id = new.user_id for no key update;
    if (select count(*) from wishlists where user_id = new.user_id) >= 100 then
        raise exception 'account % has 100 wishlists', new.user_id
            using errcode = 'check_violation', constraint = 'wishlists_per_user';
    end if;
    return new;
end $$;

create trigger wishlists_per_user before insert on wishlists
    for each row execute function wishlists_per_user();

create function wishlist_property_count() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update wishlists set property_count = property_count + 1 where id = new.wishlist_id;
    else
        -- a list deleted in the same statement (its cascade) is gone already: nothing to count
        update wishlists set property_count = property_count - 1 where id = old.wishlist_id;
    end if;
    return null;
end $$;

create trigger wishlist_property_count after insert or delete on wishlist_properties
    for each row execute function wishlist_property_count();
