-- An account being deleted writes no new wishlist and no new message. Such a write waited for the deletion's lock on the
-- account's row (the wishlist trigger's lock, the message's foreign key) and was then made, for an account that no
-- longer existed: a list the deletion was to take with it, a message from an anonymised account whose sessions had
-- ended. Each now reads the account's row under a lock that waits for a deletion in progress and, read again once that
-- deletion has committed, finds it deleted and refuses (the service answers 401, as for any deleted account's request).

create or replace function wishlists_per_user() returns trigger language plpgsql as $$
begin
    -- "for no key update" serializes creations by one account without blocking other tables' foreign keys to it
    perform 1 from users where id = new.user_id and deleted_at is null for no key update;
    if not found then
        raise exception 'account % is deleted', new.user_id
            using errcode = 'foreign_key_violation', constraint = 'wishlists_owner_active';
    end if;
    if (select count(*) from wishlists where user_id = new.user_id) >= 100 then
        raise exception 'account % has 100 wishlists', new.user_id
            using errcode = 'check_violation', constraint = 'wishlists_per_user';
    end if;
    return new;
end $$;

create function messages_sender_active() returns trigger language plpgsql as $$
begin
    -- "for key share", the lock the foreign key takes: concurrent messages of one sender do not wait for each other
    perform 1 from users where id = new.sender_id and deleted_at is null for key share;
    if not found then
        raise exception 'account % is deleted', new.sender_id
            using errcode = 'foreign_key_violation', constraint = 'messages_sender_active';
    end if;
    return new;
end $$;

create trigger messages_sender_active before insert on messages
    for each row execute function messages_sender_active();
