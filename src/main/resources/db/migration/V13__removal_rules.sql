-- Removal rules (README, "Removal rules"): nothing is booked, held or confirmed for a listing or an account that is
-- gone. The services close a listing's and an account's holds in the removing transaction; this trigger is the
-- backstop that refuses any write which would still make a booking active for a removed listing, guest or host.

create function bookings_require_present_parties() returns trigger
    language plpgsql as
$$
declare
    gone text;
begin
    -- only a booking that becomes active (inserted active, or moved into an active status) is checked: cancelling,
    -- expiring and completing a booking of a removed listing stay possible
    if new.status not in ('pending_payment', 'confirmed', 'checked_in')
        or (tg_op = 'UPDATE' and old.status = new.status) then
        return new;
    end if;
    if tg_op = 'INSERT' then
        -- an account's deletion marks its row first: a new hold for that guest waits here for the deletion's outcome
        -- and then sees it (a new statement sees what committed meanwhile). The host's side is ordered by the
        -- listing's row lock, which a new booking and a host's departure both take.
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

create trigger bookings_parties_present
    before insert or update of status on bookings
    for each row execute function bookings_require_present_parties();

-- Data written before these rules: listings of deleted hosts were left listed, and holds of deleted listings and
-- accounts left payable. Bring them to where the rules would have put them (paid bookings are left as they are: a
-- refund needs the payment provider, and a paid stay refused the removal).
update properties p
set deleted_at = u.deleted_at, updated_at = now()
from users u
where u.id = p.host_id and u.deleted_at is not null and p.deleted_at is null;

delete from property_blocks b
using properties p
where p.id = b.property_id and p.deleted_at is not null and b.reason = 'blocked';

update bookings b
set status        = 'cancelled',
    cancelled_at  = now(),
    cancel_reason = case
                        when exists (select 1 from properties p where p.id = b.property_id and p.deleted_at is not null)
                            then 'The listing was removed.'
                        else 'An account of this booking was deleted.' end,
    updated_at    = now()
where b.status = 'pending_payment'
  and (exists (select 1 from properties p where p.id = b.property_id and p.deleted_at is not null)
    or exists (select 1 from users u where u.id in (b.guest_id, b.host_id) and u.deleted_at is not null));
