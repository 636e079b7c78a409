-- Refunds: one row per refund decided, keyed by its own id towards the provider ("refund-<id>"), so that a second
-- partial refund of a payment is a second refund, not a replay of the first. The payment's refunded_amount and its
-- refund status follow the succeeded refunds, by the trigger below; no code writes them.

create table refunds (
    id                 uuid primary key,
    payment_id         uuid           not null references payments (id),
    booking_id         uuid           not null references bookings (id),
    amount             numeric(12, 2) not null check (amount > 0),
    currency           char(3)        not null,
    reason             text           not null check (reason in
                           ('cancellation', 'late_charge', 'amount_mismatch', 'provider')),
    status             text           not null check (status in ('pending', 'succeeded', 'failed')),
    -- the payment's provider, and the key that provider deduplicates the refund call by
    provider           text           not null,
    idempotency_key    text           not null,
    provider_reference text,
    failure_reason     text,
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null,
    version            bigint         not null default 0,
    check ((status = 'failed') = (failure_reason is not null)),
    check (status <> 'succeeded' or provider_reference is not null)
);

create unique index refunds_idempotency_key on refunds (provider, idempotency_key);
-- a refund the provider tells us about is matched by its reference, and recorded once
create unique index refunds_provider_reference_key on refunds (provider, provider_reference)
    where provider_reference is not null;
create index refunds_payment_idx on refunds (payment_id, id);
create index refunds_booking_idx on refunds (booking_id);
-- the reconciliation looks for refunds that are stuck or failed
create index refunds_open_idx on refunds (created_at) where status in ('pending', 'failed');

-- Refunds already recorded on payments (before this table) become one succeeded row each, so that the rule below holds
-- from the start. Their reason is the best guess from the booking: a cancellation's refund, else a late charge given
-- back, else the provider's.
insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider, idempotency_key,
                     provider_reference, created_at, updated_at)
select p.id, p.id, p.booking_id, p.refunded_amount, p.currency,
       case when b.status = 'cancelled' and b.refund_amount is not null then 'cancellation'
            when b.status in ('cancelled', 'expired') then 'late_charge'
            else 'provider' end,
       'succeeded', p.provider, 'refund-' || p.id, 'legacy-refund-' || p.id, p.updated_at, p.updated_at
from payments p
join bookings b on b.id = p.booking_id
where p.refunded_amount > 0;

-- Guards a refund's life (pending -> succeeded | failed, both final; amount, payment and currency fixed) and keeps the
-- payment in step: refunded_amount = the sum of its succeeded refunds, the non-failed ones never above its amount, and
-- its status completed / partially_refunded / refunded accordingly. The payment's row is locked first, so that refunds
-- of one payment are summed one writer at a time.
create function refunds_keep_payment() returns trigger
    language plpgsql as
$$
declare
    paid_amount   numeric(12, 2);
    paid_currency char(3);
    paid_status   text;
    open_sum      numeric(12, 2);
    done_sum      numeric(12, 2);
begin
    if tg_op = 'UPDATE' then
        if new.payment_id <> old.payment_id or new.amount <> old.amount or new.currency <> old.currency
                or new.booking_id <> old.booking_id then
            raise exception 'a refund''s payment, booking, amount and currency cannot change'
                using errcode = 'check_violation', constraint = 'refunds_fixed';
        end if;
        if old.status <> new.status and old.status <> 'pending' then
            raise exception 'refund % is % and cannot become %', old.id, old.status, new.status
                using errcode = 'check_violation', constraint = 'refunds_final';
        end if;
    end if;
    select amount, currency, status into paid_amount, paid_currency, paid_status
        from payments where id = new.payment_id for no key update;
    if paid_status not in ('completed', 'partially_refunded', 'refunded') then
        raise exception 'payment % is %, not paid: nothing to refund', new.payment_id, paid_status
            using errcode = 'check_violation', constraint = 'refunds_of_paid_payment';
    end if;
    if new.currency <> paid_currency then
        raise exception 'refund in % of a payment in %', new.currency, paid_currency
            using errcode = 'check_violation', constraint = 'refunds_payment_currency';
    end if;
    select coalesce(sum(amount) filter (where status <> 'failed'), 0),
           coalesce(sum(amount) filter (where status = 'succeeded'), 0)
        into open_sum, done_sum
        from refunds where payment_id = new.payment_id;
    if open_sum > paid_amount then
        raise exception 'refunds of payment % would reach %, more than its %', new.payment_id, open_sum, paid_amount
            using errcode = 'check_violation', constraint = 'refunds_within_payment';
    end if;
    update payments
       set refunded_amount = done_sum,
           status = case when done_sum = 0 then 'completed'
                         when done_sum = amount then 'refunded'
                         else 'partially_refunded' end,
           updated_at = greatest(updated_at, new.updated_at),
           version = version + 1
     where id = new.payment_id
       and (refunded_amount <> done_sum or status <> case when done_sum = 0 then 'completed'
                                                          when done_sum = amount then 'refunded'
                                                          else 'partially_refunded' end);
    return null;
end;
$$;

create trigger refunds_keep_payment
    after insert or update on refunds
    for each row execute function refunds_keep_payment();

-- Money that went back is history: a refund row is never deleted.
create function refunds_refuse_delete() returns trigger
    language plpgsql as
$$
begin
    raise exception 'refund % cannot be deleted', old.id using errcode = 'check_violation', constraint = 'refunds_kept';
end;
$$;

create trigger refunds_no_delete
    before delete on refunds
    for each row execute function refunds_refuse_delete();

-- The reconciliation's reports (io.staybook.reconciliation): the last ones are kept for the admin view and the metric,
-- whichever node ran them; older ones are purged by the job that writes them. The last is the one with the greatest id
-- (UUIDv7, ordered by the time of writing).
create table reconciliation_reports (
    id               uuid primary key,
    checked_at       timestamptz not null,
    bookings_checked integer     not null check (bookings_checked >= 0),
    discrepancies    jsonb       not null
);

-- the reconciliation looks for payments pending too long
create index payments_pending_created_idx on payments (created_at) where status = 'pending';
