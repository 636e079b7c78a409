-- What is charged always equals what is owed (issue 10). The service checks these first and answers 409; these
-- triggers are the backstop that holds whatever code, job or node writes.

-- A booking with a payment in flight or done is frozen: its dates, guests and price can no longer change, so that the
-- amount being charged (or charged) stays its total.
create function bookings_frozen_while_paying() returns trigger
    language plpgsql as
$$
begin
    if (new.check_in, new.check_out, new.guests, new.total_price, new.currency)
        is distinct from (old.check_in, old.check_out, old.guests, old.total_price, old.currency)
        and exists (select 1 from payments p
                    where p.booking_id = new.id
                      and p.status in ('pending', 'completed', 'partially_refunded', 'refunded')) then
        raise exception 'booking % has a payment in flight or done; it cannot be changed', new.id
            using errcode = 'check_violation', constraint = 'bookings_frozen_while_paying';
    end if;
    return new;
end
$$;

create trigger bookings_frozen_while_paying
    before update of check_in, check_out, guests, total_price, currency on bookings
    for each row execute function bookings_frozen_while_paying();

-- A payment charges its booking's total, in its currency: when it is created and whenever it is (or was) paid.
create function payments_amount_is_booking_total() returns trigger
    language plpgsql as
$$
begin
    if new.status <> 'failed'
        and not exists (select 1 from bookings b
                        where b.id = new.booking_id
                          and b.total_price = new.amount
                          and b.currency = new.currency) then
        raise exception 'payment % does not charge its booking''s total', new.id
            using errcode = 'check_violation', constraint = 'payments_amount_is_booking_total';
    end if;
    return new;
end
$$;

create trigger payments_amount_is_booking_total
    before insert or update of status, amount, currency on payments
    for each row execute function payments_amount_is_booking_total();
