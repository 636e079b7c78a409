-- Request to book: the host approves a stay (its dates and guests), not a hold the guest may then move. A request
-- once approved (approved_at) awaits payment like any hold, but its check_in, check_out and guests no longer change:
-- PATCH /bookings/{id} let a guest turn an approved night for one into a month for eight, confirmed by paying, on a
-- listing whose host answers every request. The service answers 409 first; this trigger is the backstop.
alter table bookings add column approved_at timestamptz;

create function bookings_approved_stay_fixed() returns trigger
    language plpgsql as
$$
begin
    if old.approved_at is not null
        and (new.check_in, new.check_out, new.guests) is distinct from (old.check_in, old.check_out, old.guests) then
        raise exception 'booking % is an approved request; its dates and guests cannot change', new.id
            using errcode = 'check_violation', constraint = 'bookings_approved_stay_fixed';
    end if;
    return new;
end
$$;

create trigger bookings_approved_stay_fixed
    before update of check_in, check_out, guests on bookings
    for each row execute function bookings_approved_stay_fixed();
