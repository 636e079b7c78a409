-- A surplus charge: money the provider took for a booking that did not take it. It happens when the provider's
-- success arrives after we recorded the payment as failed (a charge given up after timeouts, then Stripe's
-- payment_intent.succeeded, or the reconciliation finding it taken), after another payment already paid for the
-- booking, or after the booking stopped owing it (cancelled, expired, repriced). Stripe's advice for a late success is
-- to fulfil the order or refund it (docs.stripe.com/payments/payment-intents/verifying-status): the booking takes it
-- while its hold lasts; otherwise the payment is recorded as taken (completed, so that it can be refunded) and
-- surplus, and given back in full. A surplus payment is never the booking's payment: it neither counts as its one
-- success, nor needs to be its total, nor freezes it.

alter table payments add column surplus boolean not null default false;
alter table payments add constraint payments_surplus_was_taken
    check (not surplus or status in ('completed', 'partially_refunded', 'refunded'));

-- the charges already given back as late ones are surplus (their bookings did not take them)
update payments set surplus = true
where id in (select payment_id from refunds where reason = 'late_charge')
  and status in ('completed', 'partially_refunded', 'refunded');

drop index payments_one_success_per_booking;
create unique index payments_one_success_per_booking on payments (booking_id)
    where status in ('completed', 'partially_refunded', 'refunded') and not surplus;

create or replace function payments_amount_is_booking_total() returns trigger
    language plpgsql as
$$
begin
    if new.status <> 'failed' and not new.surplus
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

drop trigger payments_amount_is_booking_total on payments;
create trigger payments_amount_is_booking_total
    before insert or update of status, amount, currency, surplus on payments
    for each row execute function payments_amount_is_booking_total();

create or replace function bookings_frozen_while_paying() returns trigger
    language plpgsql as
$$
begin
    if (new.check_in, new.check_out, new.guests, new.total_price, new.currency)
        is distinct from (old.check_in, old.check_out, old.guests, old.total_price, old.currency)
        and exists (select 1 from payments p
                    where p.booking_id = new.id and not p.surplus
                      and p.status in ('pending', 'completed', 'partially_refunded', 'refunded')) then
        raise exception 'booking % has a payment in flight or done; it cannot be changed', new.id
            using errcode = 'check_violation', constraint = 'bookings_frozen_while_paying';
    end if;
    return new;
end
$$;
