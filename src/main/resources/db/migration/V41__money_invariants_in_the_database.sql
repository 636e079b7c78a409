-- Money invariants that were held by the code alone (a money sweep of the schema), now held by the database whatever
-- writes and however writers interleave. Every rule is checked against the rows already written: the code never wrote
-- rows that break them.

-- 1. A payout pays the host at most what the booking owes them (README, "Payouts"; PayoutRows.makeDue):
--    the payouts' amount + deducted (what was recovered from it for the host's debts) <= total_price - service_fee
--    - host_fee - refunded, where refunded is at least the booking's cancellation refund (refund_amount) plus the
--    payment's other refunds that have not failed, as they stand when the payout is made. The payout is also the
--    booking's, of its paid payment, for its host, in its currency, and accounts for the stay to the cent
--    (amount + deducted + host_fee + refunded = total_price - service_fee, the sum the reconciliation's R8 checks).
--    The payment's row is locked first (for no key update), the lock a refund's row takes on it (V12, V27) and the
--    sweep takes before it makes payouts: a refund being written meanwhile is committed, and counted here, before the
--    sum is read, so that a payout and a refund racing can never both pass with the refund counted by neither (the
--    payout would pay the host money that went back to the guest, and no debt would be recorded).
--    A booking has one payout at most (V22's payouts_booking_key, which also lets the sweep's on conflict do nothing
--    skip one another node made), so this one payout is the sum of the booking's payouts. A payout's booking,
--    payment, host, currency, host fee and refunded never change once made; its amount and deducted move together
--    (V27's recoveries). A payout whose amount an operator's SQL raises later is the reconciliation's to report (R8).
create function payouts_within_what_is_owed() returns trigger
    language plpgsql as
$$
declare
    paid     payments%rowtype;
    stay     bookings%rowtype;
    refunded numeric(12, 2);
begin
    if tg_op = 'UPDATE' then
        if (new.booking_id, new.payment_id, new.host_id, new.currency, new.host_fee, new.refunded)
            is distinct from (old.booking_id, old.payment_id, old.host_id, old.currency, old.host_fee, old.refunded) then
            raise exception 'a payout''s booking, payment, host, currency, host fee and refunds cannot change'
                using errcode = 'check_violation', constraint = 'payouts_fixed';
        end if;
        return new;
    end if;
    select * into paid from payments where id = new.payment_id for no key update;
    if paid.booking_id is distinct from new.booking_id or paid.surplus
        or paid.status not in ('completed', 'partially_refunded', 'refunded') then
        raise exception 'payout % is not of its booking''s paid payment', new.id
            using errcode = 'check_violation', constraint = 'payouts_of_the_bookings_payment';
    end if;
    select * into stay from bookings where id = new.booking_id;
    if stay.host_id <> new.host_id or stay.currency <> new.currency then
        raise exception 'payout % is not to its booking''s host in its currency', new.id
            using errcode = 'check_violation', constraint = 'payouts_to_the_bookings_host';
    end if;
    if new.amount + new.deducted + new.host_fee + new.refunded <> stay.total_price - stay.service_fee then
        raise exception 'payout % does not account for its booking: % + % + % + % is not % - %', new.id, new.amount,
            new.deducted, new.host_fee, new.refunded, stay.total_price, stay.service_fee
            using errcode = 'check_violation', constraint = 'payouts_account_for_the_stay';
    end if;
    select coalesce(stay.refund_amount, 0) + coalesce(sum(amount), 0) into refunded
        from refunds
        where payment_id = new.payment_id and status <> 'failed' and reason <> 'cancellation';
    if new.amount + new.deducted > stay.total_price - stay.service_fee - new.host_fee - refunded then
        raise exception 'payout of booking % would pay %, more than the % it owes its host', new.booking_id,
            new.amount + new.deducted, stay.total_price - stay.service_fee - new.host_fee - refunded
            using errcode = 'check_violation', constraint = 'payouts_within_what_is_owed';
    end if;
    return new;
end
$$;

create trigger payouts_within_what_is_owed
    before insert or update of booking_id, payment_id, host_id, currency, host_fee, refunded on payouts
    for each row execute function payouts_within_what_is_owed();

-- 2. A listing's per-date prices are in its currency. They carried none, so a listing whose currency changed re-read
--    every override in the new one (100.00 USD became 100.00 JPY). The row now names its currency, and a foreign key
--    to the listing's (id, currency) refuses a change of the listing's currency while any of its overrides exists (the
--    service removes the past ones and answers 409 for the rest); its key lock also orders a price being set against
--    a currency being changed. Its price fits its currency (new rows; rows set before a currency change that the
--    service did not check, past nights, are left as they are).
alter table properties add constraint properties_id_currency_key unique (id, currency);

alter table property_prices add column currency char(3);
update property_prices pp set currency = p.currency from properties p where p.id = pp.property_id;
alter table property_prices
    alter column currency set not null,
    add constraint property_prices_in_listing_currency
        foreign key (property_id, currency) references properties (id, currency),
    add constraint property_prices_fit_currency
        check (price_per_night = round(price_per_night, currency_minor_digits(currency))) not valid;

-- 3. The rows made from a payment are of its booking as well as in its currency: a refund, a payout and a host's debt
--    name the booking (its payout sweep, its reconciliation, its mails read it there) and could name another one than
--    their payment's or payout's. A host's debt is in its refund's and its payout's currency, and the payout's host's.
alter table payments add constraint payments_id_booking_currency_key unique (id, booking_id, currency);

alter table refunds
    add constraint refunds_of_payment_booking
        foreign key (payment_id, booking_id, currency) references payments (id, booking_id, currency);
alter table refunds add constraint refunds_id_currency_key unique (id, currency);

alter table payouts
    add constraint payouts_of_payment_booking
        foreign key (payment_id, booking_id, currency) references payments (id, booking_id, currency);
alter table payouts add constraint payouts_id_booking_host_currency_key unique (id, booking_id, host_id, currency);

alter table payout_deductions
    add constraint payout_deductions_of_payout
        foreign key (payout_id, booking_id, host_id, currency) references payouts (id, booking_id, host_id, currency),
    add constraint payout_deductions_in_refund_currency
        foreign key (refund_id, currency) references refunds (id, currency);
