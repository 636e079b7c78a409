-- Payout deductions (README, "Payouts"): a refund written after its booking's payout was made is money the host was
-- paid and the guest got back. It becomes a debt of the host (one payout_deductions row per such refund), recovered
-- from the host's next payouts in the same currency (payout_deduction_recoveries: which payout recovered how much), as
-- Airbnb deducts adjustments from future payouts and Stripe Connect nets a negative balance against the next transfer.
--
-- Exactly once, whatever the interleaving: a payout counts the refunds (that have not failed) present when it is made,
-- and the sweep makes it only after locking the payment's row (PayoutRows.makeDue); a refund's row is written under
-- the same lock (V12's trigger takes it, and so does the trigger below). So a refund either committed before the
-- payout's amount was computed (counted in payouts.refunded) or finds the payout made when it takes the lock (a
-- deduction) - never both, never neither.

-- What a payout gave up to recover its host's debts: amount + deducted is what the booking earned the host.
alter table payouts add column deducted numeric(12, 2) not null default 0 check (deducted >= 0);

-- A payout above zero, or one its host's debts consumed whole: zero, and settled at once without the provider (no
-- money moves, so no provider reference).
alter table payouts drop constraint payouts_amount_check;
alter table payouts add constraint payouts_amount_check
    check (amount > 0 or (amount = 0 and deducted > 0 and status = 'paid'));
alter table payouts drop constraint payouts_paid_has_reference;
alter table payouts add constraint payouts_paid_has_reference
    check (status <> 'paid' or provider_reference is not null or amount = 0);
-- for the recoveries' foreign key: a debt is recovered only from a payout of the same host in the same currency
alter table payouts add constraint payouts_host_currency_key unique (id, host_id, currency);

create table payout_deductions (
    id         uuid primary key,
    -- one debt per refund: a retried statement or a second node never records it twice
    refund_id  uuid           not null references refunds (id),
    -- the payout that was made without this refund, and its booking and host
    payout_id  uuid           not null references payouts (id),
    booking_id uuid           not null references bookings (id),
    host_id    uuid           not null references users (id),
    currency   char(3)        not null,
    -- the refund's amount, at most what the booking's payout gave the host (the rest is the platform's loss)
    amount     numeric(12, 2) not null check (amount > 0),
    -- the sum of its recoveries, kept by the trigger below
    recovered  numeric(12, 2) not null default 0 check (recovered >= 0),
    created_at timestamptz    not null,
    -- when it was recovered in full
    recovered_at timestamptz,
    constraint payout_deductions_refund_key unique (refund_id),
    constraint payout_deductions_within_amount check (recovered <= amount),
    constraint payout_deductions_recovered_at_iff_recovered check ((recovered = amount) = (recovered_at is not null)),
    constraint payout_deductions_host_currency_key unique (id, host_id, currency)
);

create index payout_deductions_payout_idx on payout_deductions (payout_id);
create index payout_deductions_booking_idx on payout_deductions (booking_id);
-- the sweep's and the reconciliation's work: a host's debts not yet recovered, oldest first
create index payout_deductions_open_idx on payout_deductions (host_id, currency, created_at, id)
    where recovered_at is null;

create table payout_deduction_recoveries (
    deduction_id uuid           not null,
    payout_id    uuid           not null,
    host_id      uuid           not null,
    currency     char(3)        not null,
    amount       numeric(12, 2) not null check (amount > 0),
    created_at   timestamptz    not null,
    primary key (deduction_id, payout_id),
    foreign key (deduction_id, host_id, currency) references payout_deductions (id, host_id, currency),
    foreign key (payout_id, host_id, currency) references payouts (id, host_id, currency)
);

create index payout_deduction_recoveries_payout_idx on payout_deduction_recoveries (payout_id);

-- A refund written (not failed) after its payment's booking was paid out is a debt of the payout's host, recorded in
-- the refund's own transaction under the payment's row lock (see the top of this file). At most what the booking's
-- payout gave the host, less what this booking's earlier debts already took back.
create function refunds_owed_by_host() returns trigger
    language plpgsql as
$$
declare
    made  payouts%rowtype;
    owed  numeric(12, 2);
begin
    if new.status = 'failed' then
        return null;
    end if;
    perform 1 from payments where id = new.payment_id for no key update;
    select * into made from payouts where payment_id = new.payment_id;
    if not found then
        return null;
    end if;
    select least(new.amount, made.amount + made.deducted - coalesce(sum(d.amount), 0)) into owed
        from payout_deductions d join refunds r on r.id = d.refund_id
        where d.booking_id = made.booking_id and r.status <> 'failed';
    if owed > 0 then
        insert into payout_deductions (id, refund_id, payout_id, booking_id, host_id, currency, amount, created_at)
        values (payouts_new_id(), new.id, made.id, made.booking_id, made.host_id, new.currency, owed, new.created_at)
        on conflict (refund_id) do nothing;
    end if;
    return null;
end;
$$;

create trigger refunds_owed_by_host
    after insert on refunds
    for each row execute function refunds_owed_by_host();

-- A recovery takes its amount off a payout that has not gone to the provider yet (pending, never claimed) and adds it
-- to its debt's recovered sum: payouts.deducted and payout_deductions.recovered always equal the recoveries' sums, and
-- payouts.amount + payouts.deducted stays what the sweep computed. A payout brought to zero is settled at once.
-- Recoveries are history: never changed or deleted.
create function payout_recoveries_apply() returns trigger
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
     where id = new.payout_id and status = 'pending' and claimed_at is null and attempt = 1;
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

create trigger payout_recoveries_apply
    after insert or update or delete on payout_deduction_recoveries
    for each row execute function payout_recoveries_apply();
