-- Request to book (issue 13): a listing whose host answers each request. Its bookings start as 'requested', which
-- holds the nights like an active booking until expires_at (the host's deadline, 24 hours on), then 'pending_payment'
-- when the host approves (expires_at: the payment hold's end, from then), or 'declined' (decline_reason the host's,
-- or 'expired' when the sweep finds it unanswered). A request past its expires_at holds nothing for readers, as a
-- hold does (V17): its calendar row carries the same hold_expires_at.

alter table properties add column instant_book boolean not null default true;

alter table bookings add column decline_reason text;

alter table bookings drop constraint bookings_status_check;
alter table bookings add constraint bookings_status_check check (status in
    ('requested', 'pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired', 'declined'));
alter table bookings add constraint bookings_request_deadline check (status <> 'requested' or expires_at is not null);
alter table bookings add constraint bookings_decline_reason check (
    (status = 'declined' or decline_reason is null) and char_length(decline_reason) <= 1000);

-- the no-overlap rule among bookings counts a request as active
alter table bookings drop constraint bookings_no_overlap;
alter table bookings add constraint bookings_no_overlap
    exclude using gist (property_id with =, daterange(check_in, check_out) with &&)
    where (status in ('requested', 'pending_payment', 'confirmed', 'checked_in'));

-- the sweep's one query: requests and holds past their time, oldest first (Bookings.lockOverdueHolds)
create index bookings_overdue_idx on bookings (expires_at, id) where status in ('requested', 'pending_payment');
drop index bookings_pending_expiry_idx;

create or replace function bookings_sync_calendar() returns trigger
    language plpgsql as
$$
declare
    was_active boolean := tg_op = 'UPDATE'
        and old.status in ('requested', 'pending_payment', 'confirmed', 'checked_in');
    is_active  boolean := new.status in ('requested', 'pending_payment', 'confirmed', 'checked_in');
    hold_ends  timestamptz := case when new.status in ('requested', 'pending_payment') then new.expires_at end;
begin
    if tg_op = 'UPDATE' and was_active = is_active
        and old.check_in = new.check_in and old.check_out = new.check_out then
        -- approved, paid (or the hold's end moved): the span now lasts as the booking says
        if is_active and (old.status, old.expires_at) is distinct from (new.status, new.expires_at) then
            update property_blocks set hold_expires_at = hold_ends where booking_id = new.id;
        end if;
        return null;
    end if;
    if was_active then
        delete from property_blocks where booking_id = old.id;
    end if;
    if is_active then
        insert into property_blocks (id, property_id, start_date, end_date, reason, booking_id, created_by, created_at,
                                     hold_expires_at)
        values (new.id, new.property_id, new.check_in, new.check_out, 'booked', new.id, new.guest_id, new.updated_at,
                hold_ends);
    end if;
    return null;
end
$$;

create or replace function bookings_require_present_parties() returns trigger
    language plpgsql as
$$
declare
    gone text;
begin
    -- only a booking that becomes active (inserted active, or moved into an active status) is checked: cancelling,
    -- declining, expiring and completing a booking of a removed listing stay possible
    if new.status not in ('requested', 'pending_payment', 'confirmed', 'checked_in')
        or (tg_op = 'UPDATE' and old.status = new.status) then
        return new;
    end if;
    if tg_op = 'INSERT' then
        perform 1 from users where id = new.guest_id for share;
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
