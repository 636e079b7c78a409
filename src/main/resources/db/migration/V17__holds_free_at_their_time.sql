-- A hold frees its dates at its expires_at, for every reader, whether or not the sweep has expired it yet: its
-- calendar row carries the hold's end, and search and availability treat a span whose hold_expires_at has passed as
-- free (a new booking expires such holds before it inserts; see BookingService). Null for host blocks and for paid
-- bookings, whose spans last until they are removed.

alter table property_blocks add column hold_expires_at timestamptz;

create or replace function bookings_sync_calendar() returns trigger
    language plpgsql as
$$
declare
    was_active boolean := tg_op = 'UPDATE' and old.status in ('pending_payment', 'confirmed', 'checked_in');
    is_active  boolean := new.status in ('pending_payment', 'confirmed', 'checked_in');
    hold_ends  timestamptz := case when new.status = 'pending_payment' then new.expires_at end;
begin
    if tg_op = 'UPDATE' and was_active = is_active
        and old.check_in = new.check_in and old.check_out = new.check_out then
        -- paid (or the hold's end moved): the span now lasts as the booking says
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

drop trigger bookings_calendar on bookings;
create trigger bookings_calendar
    after insert or update of status, check_in, check_out, expires_at on bookings
    for each row execute function bookings_sync_calendar();

update property_blocks c
set hold_expires_at = b.expires_at
from bookings b
where c.booking_id = b.id and b.status = 'pending_payment';
