-- Bookings. Prices, currency, cancellation policy and time zone are copied from the listing when the booking is made.

create table bookings (
    id                  uuid primary key,
    property_id         uuid          not null references properties (id),
    guest_id            uuid          not null references users (id),
    host_id             uuid          not null references users (id),
    check_in            date          not null,
    check_out           date          not null,
    guests              integer       not null check (guests between 1 and 100),
    nights              integer       generated always as (check_out - check_in) stored,
    price_per_night     numeric(12, 2) not null check (price_per_night >= 0),
    cleaning_fee        numeric(12, 2) not null check (cleaning_fee >= 0),
    service_fee         numeric(12, 2) not null check (service_fee >= 0),
    total_price         numeric(12, 2) not null,
    currency            char(3)       not null,
    cancellation_policy text          not null check (cancellation_policy in ('flexible', 'moderate', 'strict')),
    timezone            text          not null,
    status              text          not null check (status in
                            ('pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired')),
    expires_at          timestamptz,
    cancelled_at        timestamptz,
    cancelled_by        uuid          references users (id),
    cancel_reason       text          check (char_length(cancel_reason) <= 1000),
    refund_amount       numeric(12, 2) check (refund_amount >= 0 and refund_amount <= total_price),
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    version             bigint        not null default 0,
    check (check_out > check_in),
    check (total_price = (check_out - check_in) * price_per_night + cleaning_fee + service_fee),
    check (status <> 'pending_payment' or expires_at is not null),
    check ((status = 'cancelled') = (cancelled_at is not null)),
    check (guest_id <> host_id),
    -- the architecture's guarantee among bookings; blocks are covered by the calendar below
    constraint bookings_no_overlap
        exclude using gist (property_id with =, daterange(check_in, check_out) with &&)
        where (status in ('pending_payment', 'confirmed', 'checked_in'))
);

create index bookings_guest_idx on bookings (guest_id, id);
create index bookings_host_idx on bookings (host_id, id);
create index bookings_property_idx on bookings (property_id);
create index bookings_cancelled_by_idx on bookings (cancelled_by);
create index bookings_status_idx on bookings (status, id);
-- the recurring jobs look for holds past their expiry and stays past their check-out
create index bookings_pending_expiry_idx on bookings (expires_at) where status = 'pending_payment';
create index bookings_active_checkout_idx on bookings (check_out) where status in ('confirmed', 'checked_in');

alter table property_blocks
    add constraint property_blocks_booking_fk foreign key (booking_id) references bookings (id) on delete cascade;
alter table property_blocks add constraint property_blocks_booking_key unique (booking_id);
drop index property_blocks_booking_idx;

-- The calendar follows the booking's status, whoever changes it: an active booking holds its nights in
-- property_blocks (whose exclusion constraint also refuses host blocks over them); any other status frees them.
create function bookings_sync_calendar() returns trigger
    language plpgsql as
$$
declare
    was_active boolean := tg_op = 'UPDATE' and old.status in ('pending_payment', 'confirmed', 'checked_in');
    is_active  boolean := new.status in ('pending_payment', 'confirmed', 'checked_in');
begin
    if tg_op = 'UPDATE' and was_active = is_active
        and old.check_in = new.check_in and old.check_out = new.check_out then
        return null;
    end if;
    if was_active then
        delete from property_blocks where booking_id = old.id;
    end if;
    if is_active then
        insert into property_blocks (id, property_id, start_date, end_date, reason, booking_id, created_by, created_at)
        values (new.id, new.property_id, new.check_in, new.check_out, 'booked', new.id, new.guest_id, new.updated_at);
    end if;
    return null;
end
$$;

create trigger bookings_calendar
    after insert or update of status, check_in, check_out on bookings
    for each row execute function bookings_sync_calendar();
