-- An account being deleted creates nothing, in any table (V46 did it for wishlists and messages). A listing its host
-- created, or a review its author wrote, while the account's deletion was under way waited for the deletion's lock on
-- the account's row (the foreign key's) and was then made, for an account that no longer existed: a listing bookable
-- and in search that the deletion, which takes the host's listings with it, never saw; a review by an anonymised
-- account. A booking its guest placed then was refused already (V13), but as a removed party (409), not as the
-- deleted account's request that it is. Each such write now reads the account's row under a lock that waits for a
-- deletion in progress and, read again once that deletion has committed, finds it deleted and refuses by a name of
-- its own, which the service answers with the 401 any deleted account's request gets.
--
-- Writes that need nothing here, as their own locks order them with the deletion (README, "Removal rules"): a
-- listing's change, photo, block, price, calendar import or export locks the listing's row, which the host's
-- deletion locks (after the account's) and marks deleted; a payment locks its booking, a wishlist's entry its list,
-- both of which the deletion locks or deletes; sessions, profile changes and the tokens they mail lock the account's
-- row first; an Idempotency-Key's row commits only with the work it keyed, which is refused. Payouts and their
-- deductions are written by jobs, for money owed to the host whether or not the account remains.

-- The account the new row names in its column tg_argv[0] must not be deleted, else the write is refused with the
-- constraint named tg_argv[1]. The lock is "for key share", the foreign key's own: concurrent writes of one account do
-- not wait for each other, and a deletion in progress waits for the write or the write for the deletion (which
-- changes the row's unique email, so holds it "for update").
create function writer_account_active() returns trigger
    language plpgsql as
$$
declare
    account uuid := (to_jsonb(new) ->> tg_argv[0])::uuid;
begin
    if account is null then
        -- the column's own not-null constraint speaks
        return new;
    end if;
    perform 1 from users where id = account and deleted_at is null for key share;
    if not found then
        raise exception 'account % is deleted', account
            using errcode = 'foreign_key_violation', constraint = tg_argv[1];
    end if;
    return new;
end
$$;

create trigger properties_host_active
    before insert on properties
    for each row execute function writer_account_active('host_id', 'properties_host_active');

create trigger reviews_author_active
    before insert on reviews
    for each row execute function writer_account_active('author_id', 'reviews_author_active');

-- A booking's own trigger (V13, V19) already reads its guest's row "for share" on insert, which waits for the
-- deletion's first lock ("for no key update") as well: a weaker lock would let the booking in beside that lock and
-- then deadlock with it. That read now finds a deleted guest itself and refuses by bookings_guest_active (the deleted
-- account's request, 401), no longer by bookings_parties_present (a party removed meanwhile, 409), so each booking
-- still reads its guest's row once. Unchanged otherwise.
create or replace function bookings_require_present_parties() returns trigger
    language plpgsql as
$$
declare
    gone text;
begin
    if tg_op = 'INSERT' then
        perform 1 from users where id = new.guest_id and deleted_at is null for share;
        if not found then
            raise exception 'account % is deleted', new.guest_id
                using errcode = 'foreign_key_violation', constraint = 'bookings_guest_active';
        end if;
    end if;
    -- only a booking that becomes active (inserted active, or moved into an active status) is checked: cancelling,
    -- declining, expiring and completing a booking of a removed listing stay possible
    if new.status not in ('requested', 'pending_payment', 'confirmed', 'checked_in')
        or (tg_op = 'UPDATE' and old.status = new.status) then
        return new;
    end if;
    select case
               when exists (select 1 from properties where id = new.property_id and deleted_at is not null)
                   then 'listing'
               when exists (select 1 from users where id = new.guest_id and deleted_at is not null) then 'guest'
               when exists (select 1 from users where id = new.host_id and deleted_at is not null) then 'host'
               end
    into gone;
    if gone is not null then
        raise exception 'booking % cannot become %: its % was removed', new.id, new.status, gone
            using errcode = 'integrity_constraint_violation', constraint = 'bookings_parties_present';
    end if;
    return new;
end
$$;

-- V46's check of a message's sender, which is this one
drop trigger messages_sender_active on messages;
drop function messages_sender_active();
create trigger messages_sender_active
    before insert on messages
    for each row execute function writer_account_active('sender_id', 'messages_sender_active');
