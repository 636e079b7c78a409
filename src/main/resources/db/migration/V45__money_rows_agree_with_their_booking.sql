-- The parties and amounts of money rows tied to what they must agree with, by the database (the brief: "correctness
-- lives in the database where it can"). Each rule is checked against the rows already written, and a database whose
-- rows break one fails this migration with the rule's name and an example row: nothing is fixed silently. The code
-- never wrote such rows (PaymentService.create takes payer and host from the locked booking, BookingService.create the
-- host from the listing, onBookingCancelled caps the refund at the booking's refund_amount).

-- Fails the migration, loudly, when the rows that `broken` selects (an id each) exist.
create function pg_temp.require_none(rule text, broken text) returns void
    language plpgsql as
$$
declare
    example uuid;
    total   bigint;
begin
    execute format('select min(id::text)::uuid, count(*) from (%s) x', broken) into example, total;
    if total > 0 then
        raise exception 'V45: % rows break "%" (for example %); correct them, then migrate again', total, rule, example
            using errcode = 'check_violation', constraint = rule;
    end if;
end
$$;

-- 1. A payment's payer is its booking's guest, and its host the booking's host (POST /payments: "the booking's
--    guest"; the payer and host columns are who the payment lists show it to, and whom its mails go to). A booking's
--    host is its listing's host, which never changes (Property has no way to change it), so that the chain listing ->
--    booking -> payment -> payout names one host. A surplus charge is of its booking's guest too.
select pg_temp.require_none('payments_parties_of_booking', $q$
    select p.id from payments p join bookings b on b.id = p.booking_id
    where p.payer_id <> b.guest_id or p.host_id <> b.host_id $q$);
select pg_temp.require_none('bookings_host_of_listing', $q$
    select b.id from bookings b join properties l on l.id = b.property_id where b.host_id <> l.host_id $q$);

alter table properties add constraint properties_id_host_key unique (id, host_id);
alter table bookings
    add constraint bookings_host_of_listing foreign key (property_id, host_id) references properties (id, host_id);

alter table bookings add constraint bookings_id_guest_host_key unique (id, guest_id, host_id);
alter table payments
    add constraint payments_parties_of_booking
        foreign key (booking_id, payer_id, host_id) references bookings (id, guest_id, host_id);

-- 2. A booking's refund_amount is what its cancellation granted (the contract, "Cancellation refunds of a paid
--    booking"; RefundPolicy): set only on a cancelled booking, and total_price when the host's side cancelled ("A host
--    or admin cancel refunds total_price": cancelled_by is then not the guest; a null cancelled_by, rows written
--    before it was recorded, is not judged). A booking cancelled before it was paid has none.
select pg_temp.require_none('bookings_refund_only_when_cancelled', $q$
    select id from bookings where refund_amount is not null and status <> 'cancelled' $q$);
select pg_temp.require_none('bookings_host_side_cancel_refunds_in_full', $q$
    select id from bookings
    where refund_amount is not null and cancelled_by is not null and cancelled_by <> guest_id
      and refund_amount <> total_price $q$);

alter table bookings
    add constraint bookings_refund_only_when_cancelled check (refund_amount is null or status = 'cancelled'),
    add constraint bookings_host_side_cancel_refunds_in_full
        check (refund_amount is null or cancelled_by is null or cancelled_by = guest_id
               or refund_amount = total_price);

-- 3. The cancellation refunds of a booking (reason 'cancellation') that have not failed add up to at most its
--    refund_amount: a cancellation pays back what the policy granted, never more, however many refund rows are
--    written, by whom, and however they race. The rule chosen, and why it is "at most" and not "equal": a pending or
--    failed refund is on its way or to be retried (the reconciliation's R3, CANCELLATION_REFUND_MISMATCH, reports a
--    sum that falls short), and onBookingCancelled caps the refund at what is left of the payment after refunds made
--    at the provider meanwhile. Refunds for other reasons (a late charge, an amount mismatch, the provider's
--    dashboard) are not bound by the grant; every refund is bound by its payment (V12's refunds_within_payment: the
--    refunds that have not failed never exceed the amount captured). A booking with no grant (not cancelled, or
--    cancelled before it was paid) has no cancellation refund. A refund's reason never changes, so that a refund
--    cannot leave the rule by being renamed.
--    Under the booking's row lock (for no key update; the cancelling transaction already holds it, for update), taken
--    before V12's trigger takes the payment's, in the order the code takes them (booking, then payment): two refunds of
--    one booking are summed one at a time, and a change of refund_amount waits for them (and they for it).
select pg_temp.require_none('refunds_within_refund_amount', $q$
    select b.id from bookings b join refunds r on r.booking_id = b.id
    where r.reason = 'cancellation' and r.status <> 'failed'
    group by b.id, b.refund_amount having sum(r.amount) > coalesce(b.refund_amount, 0) $q$);

create function refunds_within_refund_amount() returns trigger
    language plpgsql as
$$
declare
    granted  numeric(12, 2);
    refunded numeric(12, 2);
begin
    if tg_op = 'UPDATE' then
        if new.reason <> old.reason then
            raise exception 'a refund''s reason cannot change'
                using errcode = 'check_violation', constraint = 'refunds_fixed';
        end if;
        return new;
    end if;
    if new.reason <> 'cancellation' or new.status = 'failed' then
        return new;
    end if;
    select coalesce(refund_amount, 0) into granted from bookings where id = new.booking_id for no key update;
    select coalesce(sum(amount), 0) + new.amount into refunded
        from refunds where booking_id = new.booking_id and reason = 'cancellation' and status <> 'failed';
    if refunded > granted then
        raise exception 'cancellation refunds of booking % would reach %, more than the % its cancellation granted',
            new.booking_id, refunded, granted
            using errcode = 'check_violation', constraint = 'refunds_within_refund_amount';
    end if;
    return new;
end
$$;

create trigger refunds_within_refund_amount
    before insert or update of reason on refunds
    for each row execute function refunds_within_refund_amount();

-- A grant lowered below what its cancellation refunds already pay back (or taken away) would leave them above it.
create function bookings_refund_amount_covers_refunds() returns trigger
    language plpgsql as
$$
declare
    refunded numeric(12, 2);
begin
    select coalesce(sum(amount), 0) into refunded
        from refunds where booking_id = new.id and reason = 'cancellation' and status <> 'failed';
    if refunded > coalesce(new.refund_amount, 0) then
        raise exception 'booking % has paid back % on its cancellation, more than a refund_amount of %', new.id,
            refunded, coalesce(new.refund_amount, 0)
            using errcode = 'check_violation', constraint = 'refunds_within_refund_amount';
    end if;
    return new;
end
$$;

create trigger bookings_refund_amount_covers_refunds
    before update of refund_amount on bookings
    for each row when (new.refund_amount is distinct from old.refund_amount)
    execute function bookings_refund_amount_covers_refunds();

-- 4. A refund goes back through its payment's provider: the refund job calls the provider that took the charge, and
--    a provider's refund events find our refunds by (provider, reference) and (provider, idempotency key). A refund
--    naming another provider would be sent nowhere sensible and never matched by its events.
select pg_temp.require_none('refunds_through_payment_provider', $q$
    select r.id from refunds r join payments p on p.id = r.payment_id where r.provider <> p.provider $q$);

alter table payments add constraint payments_id_provider_key unique (id, provider);
alter table refunds
    add constraint refunds_through_payment_provider
        foreign key (payment_id, provider) references payments (id, provider);

-- 5. A host's debt (V27) is of a refund of the very booking whose payout it is recovered for, and at most that
--    refund's amount (refunds_owed_by_host records least(refund, what the payout gave); V41 tied the debt to its
--    payout's booking and to its refund's currency, but not to its refund's booking or amount).
select pg_temp.require_none('payout_deductions_of_refund_booking', $q$
    select d.id from payout_deductions d join refunds r on r.id = d.refund_id
    where r.booking_id <> d.booking_id $q$);
select pg_temp.require_none('payout_deductions_within_refund', $q$
    select d.id from payout_deductions d join refunds r on r.id = d.refund_id where d.amount > r.amount $q$);

alter table refunds add constraint refunds_id_booking_currency_key unique (id, booking_id, currency);
alter table payout_deductions
    add constraint payout_deductions_of_refund_booking
        foreign key (refund_id, booking_id, currency) references refunds (id, booking_id, currency);

create function payout_deductions_within_refund() returns trigger
    language plpgsql as
$$
begin
    if new.amount > (select amount from refunds where id = new.refund_id) then
        raise exception 'host debt % of % is more than its refund %', new.id, new.amount, new.refund_id
            using errcode = 'check_violation', constraint = 'payout_deductions_within_refund';
    end if;
    return new;
end
$$;

create trigger payout_deductions_within_refund
    before insert or update of amount, refund_id on payout_deductions
    for each row execute function payout_deductions_within_refund();

-- 6. A payout's amount is fixed once it has been offered to the provider. A sweep that claims a payout calls the
--    provider with the key payout-<id>-<attempt>; when no answer comes (a timeout, a node that died mid-call) the
--    money may have moved, and the payout is released (claimed_at null again) or its claim expires, to be asked
--    again under the same key. V27 let a host's debt be recovered from any pending payout without a claim on attempt
--    1, which a released payout is: its amount could be lowered after the provider was asked for the whole of it, and
--    the retry, answered from the key (Stripe replays the first result for a key), recorded it paid at the lower
--    amount, the debt settled though the host kept the money. offered_at, set by the database when a payout is first
--    claimed and never cleared, closes it to deductions and fixes its amount. Payouts already claimed, retried, settled
--    or touched since they were made count as offered (a debt then waits for the host's next payout).
alter table payouts add column offered_at timestamptz;
update payouts set offered_at = updated_at
where status <> 'pending' or claimed_at is not null or attempt > 1 or updated_at <> created_at;

create function payouts_fixed_once_offered() returns trigger
    language plpgsql as
$$
begin
    if new.claimed_at is not null then
        new.offered_at := coalesce(old.offered_at, new.claimed_at);
    end if;
    if old.offered_at is not null and (new.offered_at is distinct from old.offered_at
            or new.amount <> old.amount or new.deducted <> old.deducted) then
        raise exception 'payout % was offered to the provider: its amount cannot change', old.id
            using errcode = 'check_violation', constraint = 'payouts_fixed_once_offered';
    end if;
    return new;
end
$$;

create trigger payouts_fixed_once_offered
    before insert or update on payouts
    for each row execute function payouts_fixed_once_offered();

-- V27's recovery, open only to a payout never offered (it was: pending, unclaimed, attempt 1).
create or replace function payout_recoveries_apply() returns trigger
    language plpgsql as
$$
begin
    if tg_op <> 'INSERT' then
        raise exception 'a payout recovery cannot be changed or deleted'
            using errcode = 'check_violation', constraint = 'payout_recoveries_kept';
    end if;
    update payouts
       set amount = amount - new.amount,
           deducted = deducted + new.amount,
           status = case when amount - new.amount = 0 then 'paid' else status end,
           paid_at = case when amount - new.amount = 0 then new.created_at else paid_at end,
           updated_at = new.created_at
     where id = new.payout_id and status = 'pending' and offered_at is null;
    if not found then
        raise exception 'payout % is no longer open to deductions', new.payout_id
            using errcode = 'check_violation', constraint = 'payout_recoveries_open_payout';
    end if;
    update payout_deductions
       set recovered = recovered + new.amount,
           recovered_at = case when recovered + new.amount = amount then new.created_at end
     where id = new.deduction_id;
    return null;
end;
$$;
