-- Payments, client idempotency keys and provider webhook events.

create table payments (
    id                 uuid primary key,
    booking_id         uuid          not null references bookings (id),
    payer_id           uuid          not null references users (id),
    host_id            uuid          not null references users (id),
    amount             numeric(12, 2) not null check (amount >= 0),
    currency           char(3)       not null,
    payment_method     text          not null check (payment_method in ('card', 'paypal', 'bank_transfer')),
    -- the provider's one-time token, kept only until the charge is attempted
    payment_token      text,
    status             text          not null check (status in
                           ('pending', 'completed', 'failed', 'partially_refunded', 'refunded')),
    refunded_amount    numeric(12, 2) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
    failure_reason     text,
    provider           text          not null,
    provider_reference text,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    version            bigint        not null default 0,
    check ((status = 'failed') = (failure_reason is not null)),
    check (status not in ('completed', 'partially_refunded', 'refunded') or provider_reference is not null)
);

-- At most one successful payment per booking, and at most one charge in flight: the database says so.
create unique index payments_one_success_per_booking on payments (booking_id)
    where status in ('completed', 'partially_refunded', 'refunded');
create unique index payments_one_pending_per_booking on payments (booking_id) where status = 'pending';
create unique index payments_provider_reference_key on payments (provider, provider_reference)
    where provider_reference is not null;
create index payments_booking_idx on payments (booking_id, id);
create index payments_payer_idx on payments (payer_id, id);
create index payments_host_idx on payments (host_id, id);

-- A client's Idempotency-Key: the first response to a request is kept for 24 hours and replayed for its repeats.
create table idempotency_keys (
    user_id         uuid        not null references users (id),
    idempotency_key text        not null check (char_length(idempotency_key) between 1 and 255),
    request_hash    text        not null,
    response_status integer,
    response_body   text,
    created_at      timestamptz not null,
    completed_at    timestamptz,
    primary key (user_id, idempotency_key)
);

create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- Every provider event handled, so that a delivery repeated by the provider changes nothing.
create table webhook_events (
    provider    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
);
