-- Payouts (issue 13): what a host is paid for a stay, made by the payout sweep through the payment provider.
-- One payout per booking, held by the database (a unique booking_id), so that two sweeps, a retried sweep or a node
-- that died half-way can never make a second one; the provider call's idempotency key is derived from the payout's
-- id and attempt, so that a retried call never pays twice.

create table payouts (
    id                 uuid primary key,
    booking_id         uuid           not null references bookings (id),
    host_id            uuid           not null references users (id),
    payment_id         uuid           not null references payments (id),
    -- amount = total_price - service_fee - host_fee - refunded, as the sweep computed it when the payout was made; a
    -- booking whose refunds leave the host nothing has no payout (README, "Payouts")
    amount             numeric(12, 2) not null check (amount > 0),
    host_fee           numeric(12, 2) not null check (host_fee >= 0),
    refunded           numeric(12, 2) not null check (refunded >= 0),
    currency           char(3)        not null,
    status             text           not null check (status in ('pending', 'paid', 'failed')),
    provider           text           not null,
    provider_reference text,
    failure_reason     text           check (char_length(failure_reason) <= 500),
    -- the provider call's idempotency key is payout-<id>-<attempt>; a new attempt only after a definite refusal
    attempt            integer        not null default 1 check (attempt >= 1),
    -- a sweep's lease on a pending payout while it calls the provider; a node that dies leaves it to expire
    claimed_at         timestamptz,
    due_at             timestamptz    not null,
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null,
    paid_at            timestamptz,
    constraint payouts_booking_key unique (booking_id),
    constraint payouts_paid_at_iff_paid check ((status = 'paid') = (paid_at is not null)),
    constraint payouts_failure_iff_failed check ((status = 'failed') = (failure_reason is not null)),
    -- money moved, so the provider said where
    constraint payouts_paid_has_reference check (status <> 'paid' or provider_reference is not null)
);

create index payouts_host_idx on payouts (host_id, id);
create index payouts_payment_idx on payouts (payment_id);
-- the sweep's work: pending payouts to (re)try and failed ones to retry later
create index payouts_open_idx on payouts (status, updated_at) where status in ('pending', 'failed');
create unique index payouts_provider_reference_key on payouts (provider, provider_reference)
    where provider_reference is not null;

-- The sweep's one query finds stays that may have fallen due among the checked-in ones, those completed recently and
-- those cancelled late enough for the host to keep part of the money (refund_amount below total_price; null for a
-- booking cancelled before it was paid, which keeps nothing): an index over their check-out dates keeps it from reading
-- every completed or cancelled stay ever made. The sweep's where clause repeats this predicate word for word.
create index bookings_payout_due_idx on bookings (check_out)
    where status in ('checked_in', 'completed') or (status = 'cancelled' and refund_amount < total_price);

-- Where a host is paid at a provider that needs an account of the host's own (Stripe Connect: acct_...). Set by an
-- operator (README, "Payouts") once the host's connected account exists; the sandbox needs none.
create table payout_accounts (
    host_id    uuid        not null references users (id),
    provider   text        not null,
    account_id text        not null check (char_length(account_id) between 1 and 255),
    updated_at timestamptz not null,
    primary key (host_id, provider)
);

-- A time-ordered id (RFC 9562 version 7, as io.staybook.shared.Ids makes them) for rows inserted by SQL alone.
create function payouts_new_id() returns uuid
    language sql volatile as
$$
select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                                      placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)
                                                        from 3)
                                      from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$;
