-- Money rows cannot drift once made (the money sweep after V45): an amount raised, a row revived or a row sent through
-- another provider by a later write, whoever writes it. Each rule is named by the constraint its error carries. The
-- code never makes these writes (PayoutRows, PaymentService, Payment and Refund move rows only forward); the rules hold
-- an operator's SQL, a job of an older release and a bug to them.

-- 1. A cancellation refund that comes to count again is checked against its booking's grant again. V45 checked the
--    grant when a refund was written or renamed; a refund revived from failed, or enlarged, would have escaped it had
--    V12 not refused both (refunds_final, refunds_fixed). The grant now holds by itself, should a retry of failed
--    refunds ever revive them: any write that makes a cancellation refund count, or count for more, is summed under
--    the booking's row lock, as an insert is. The rule's name (refunds_within_refund_amount) is V45's.
create or replace function refunds_within_refund_amount() returns trigger
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
        if old.status <> 'failed' and new.amount <= old.amount and new.booking_id = old.booking_id then
            return new;
        end if;
    end if;
    if new.reason <> 'cancellation' or new.status = 'failed' then
        return new;
    end if;
    select coalesce(refund_amount, 0) into granted from bookings where id = new.booking_id for no key update;
    select coalesce(sum(amount), 0) + new.amount into refunded
        from refunds
        where booking_id = new.booking_id and reason = 'cancellation' and status <> 'failed' and id <> new.id;
    if refunded > granted then
        raise exception 'cancellation refunds of booking % would reach %, more than the % its cancellation granted',
            new.booking_id, refunded, granted
            using errcode = 'check_violation', constraint = 'refunds_within_refund_amount';
    end if;
    return new;
end
$$;

drop trigger refunds_within_refund_amount on refunds;
create trigger refunds_within_refund_amount
    before insert or update of reason, status, amount, booking_id on refunds
    for each row execute function refunds_within_refund_amount();

-- 2. A booking costs more than nothing, and a payment charges more than nothing (refunds, payouts, debts and
--    recoveries already are above zero: V12, V22/V27). The service refuses a stay below the smallest card payment
--    (ChargeLimits: a 400 on check_out when booking or changing dates, a 409 amount_not_chargeable when paying), but
--    a listing may be priced 0.00 and older releases held such stays. Not a check constraint, not even "not valid":
--    PostgreSQL checks a row's every check constraint on every update of the row, so an old zero-priced hold could
--    no longer expire or be cancelled (the hold-expiry job's status update would fail on it every minute), and an old
--    zero payment could not be marked failed by its charge job. So the rule is judged when an amount is written: a
--    new row, or a changed total_price; old rows keep their amount and their way out.
create function bookings_total_price_positive() returns trigger
    language plpgsql as
$$
begin
    if new.total_price <= 0 then
        raise exception 'booking % costs %: a stay costs more than nothing', new.id, new.total_price
            using errcode = 'check_violation', constraint = 'bookings_total_price_positive';
    end if;
    return new;
end
$$;

create trigger bookings_total_price_positive
    before insert or update of total_price on bookings
    for each row execute function bookings_total_price_positive();

create function payments_amount_positive() returns trigger
    language plpgsql as
$$
begin
    if new.amount <= 0 then
        raise exception 'payment % charges %: a payment charges more than nothing', new.id, new.amount
            using errcode = 'check_violation', constraint = 'payments_amount_positive';
    end if;
    return new;
end
$$;

create trigger payments_amount_positive
    before insert on payments
    for each row execute function payments_amount_positive();

-- 3. A payment's money leaves it only through the provider that took it: a refund (V45) and now a payout name their
--    payment's provider. A payout through another provider pays the host from a balance that never received the
--    guest's money (Stripe Connect transfers draw on the platform's Stripe balance). The sweep makes payouts only of
--    payments its own provider took (PayoutRows.DUE); it used to make them of every payment, with its own provider's
--    name, so a deployment that switched provider paid out stays charged by the previous one through the new one.
--    "not valid": payouts made that way before this release are paid or being paid there, and rewriting their provider
--    would send the retry of a payout already offered to a provider that never saw it; the foreign key holds every
--    payout made or re-pointed from now on (PostgreSQL checks it when a row is written with a new key, not when an
--    old row's status moves).
alter table payouts
    add constraint payouts_through_payment_provider
        foreign key (payment_id, provider) references payments (id, provider) not valid;

-- 4. A payout's money is what the sweep made it: V45 fixed its amount once offered to the provider, but before that
--    an update could still raise it (only payouts_amount_check bound it), and the sweep would then offer the raised
--    amount. The only change the database or the code makes to a payout's money is a host's debt recovered from it
--    (V27/V45's recoveries, before it is offered): amount goes down by what deducted goes up, so amount + deducted,
--    what the sweep computed, never changes, and deducted never goes down. The reconciliation only reads payouts
--    (io.staybook.reconciliation); the sweep's claim, answer and release (PayoutRows) change status, attempt, claim
--    and reference, never the money. A payout's provider never changes (its key at the provider is payout-<id>-
--    <attempt>). A paid payout is final: money moved, so it never becomes pending or failed again (the sweep would
--    retry it under a new attempt's key, and pay the host twice), and its reference and paid_at stay.
create function payouts_money_fixed() returns trigger
    language plpgsql as
$$
begin
    if new.provider <> old.provider then
        raise exception 'payout % is through %: its provider cannot change', old.id, old.provider
            using errcode = 'check_violation', constraint = 'payouts_fixed';
    end if;
    if new.amount + new.deducted <> old.amount + old.deducted or new.deducted < old.deducted then
        raise exception 'payout % is % + % deducted: only a recovery of its host''s debts moves it', old.id,
            old.amount, old.deducted
            using errcode = 'check_violation', constraint = 'payouts_amount_fixed';
    end if;
    if old.status = 'paid' and (new.status, new.provider_reference, new.paid_at)
            is distinct from (old.status, old.provider_reference, old.paid_at) then
        raise exception 'payout % was paid: it is final', old.id
            using errcode = 'check_violation', constraint = 'payouts_paid_is_final';
    end if;
    return new;
end
$$;

-- named to fire after V41's payouts_within_what_is_owed (PostgreSQL fires the before-row triggers of a table in the
-- order of their names), so that a change of the columns V41 fixes is reported as V41's payouts_fixed
create trigger payouts_within_what_was_made
    before update on payouts
    for each row execute function payouts_money_fixed();

-- 5. A payment's money is what it was made: its amount, currency, booking and provider never change (Payment sets
--    them once; payments_amount_is_booking_total tied the amount to the booking's total only while it is the booking's
--    payment, so a surplus charge's amount, V31, could be raised, and with it the refunds V12 lets through). Money
--    the provider took stays taken: a completed, partially refunded or refunded payment never becomes pending or
--    failed again (it would free the booking's one success, V5/V31, for a second charge, and hide money the provider
--    holds), and its reference and surplus mark stay (Payment.complete is the only writer; from pending or failed).
create function payments_money_fixed() returns trigger
    language plpgsql as
$$
begin
    if (new.amount, new.currency, new.booking_id, new.provider)
            is distinct from (old.amount, old.currency, old.booking_id, old.provider) then
        raise exception 'payment % charges % %: its amount, currency, booking and provider cannot change', old.id,
            old.amount, old.currency
            using errcode = 'check_violation', constraint = 'payments_fixed';
    end if;
    if old.status in ('completed', 'partially_refunded', 'refunded')
            and (new.status not in ('completed', 'partially_refunded', 'refunded')
                 or (new.provider_reference, new.surplus) is distinct from (old.provider_reference, old.surplus)) then
        raise exception 'payment % was taken by the provider: it stays taken', old.id
            using errcode = 'check_violation', constraint = 'payments_taken_is_final';
    end if;
    return new;
end
$$;

create trigger payments_money_fixed
    before update on payments
    for each row execute function payments_money_fixed();

-- 6. A host's debt (V27) is what its refund's trigger recorded, and it is recovered only by recoveries: its refund,
--    payout, booking, host, currency and amount never change, and recovered is always the sum of its recoveries
--    (payout_recoveries_apply is its only writer). An update that marked a debt recovered, or lowered it, would
--    forgive the host money no payout gave up, and the reconciliation's overdue-debt report (R8) would fall silent.
create function payout_deductions_fixed() returns trigger
    language plpgsql as
$$
begin
    if (new.refund_id, new.payout_id, new.booking_id, new.host_id, new.currency, new.amount)
            is distinct from (old.refund_id, old.payout_id, old.booking_id, old.host_id, old.currency, old.amount) then
        raise exception 'host debt % is % % for refund %: it cannot change', old.id, old.amount, old.currency,
            old.refund_id
            using errcode = 'check_violation', constraint = 'payout_deductions_fixed';
    end if;
    if new.recovered <> (select coalesce(sum(amount), 0) from payout_deduction_recoveries
                         where deduction_id = new.id) then
        raise exception 'host debt % would read % recovered, not the sum of its recoveries', old.id, new.recovered
            using errcode = 'check_violation', constraint = 'payout_deductions_recovered_by_recoveries';
    end if;
    return new;
end
$$;

create trigger payout_deductions_fixed
    before update on payout_deductions
    for each row execute function payout_deductions_fixed();

-- 7. A payment's refunded_amount and refund status are its succeeded refunds' (V12: "no code writes them"; its
--    trigger refunds_keep_payment sets them as refunds succeed). An update could still set them apart, a payment
--    reading completed though the guest got money back, or refunded though nothing went back; the reconciliation
--    reported it (R2) after the fact. Now written only as the refunds say: refunded_amount is the sum of the succeeded
--    refunds (none for a payment not taken: a refund needs a taken payment, and a taken payment stays taken), and a
--    taken payment's status is completed, partially_refunded or refunded by that sum.
create function payments_refunded_by_refunds() returns trigger
    language plpgsql as
$$
declare
    done numeric(12, 2);
begin
    select coalesce(sum(amount), 0) into done from refunds where payment_id = new.id and status = 'succeeded';
    if new.refunded_amount <> done
            or (new.status in ('completed', 'partially_refunded', 'refunded')
                and new.status <> case when done = 0 then 'completed'
                                       when done = new.amount then 'refunded'
                                       else 'partially_refunded' end) then
        raise exception 'payment % would read % refunded and %, but its succeeded refunds are %', new.id,
            new.refunded_amount, new.status, done
            using errcode = 'check_violation', constraint = 'payments_refunded_by_refunds';
    end if;
    return new;
end
$$;

create trigger payments_refunded_by_refunds
    before update of refunded_amount, status on payments
    for each row execute function payments_refunded_by_refunds();
