-- Pricing rules and quotes (issue 13; README, "Pricing rules and quotes"): a listing's weekend price, length-of-stay
-- discounts and extra-guest fee, its per-date price overrides, and a booking's price in parts. The application checks
-- each rule first for a 400 that names the field; these constraints hold them whoever writes.

-- The listing's rules. guests_included starts at max_guests (every guest included, no extra fee), as for every listing
-- listed before this: the columns are added, filled, then constrained.
alter table properties
    add column weekend_price            numeric(12, 2) check (weekend_price >= 0),
    add column weekly_discount_percent  integer not null default 0 check (weekly_discount_percent between 0 and 90),
    add column monthly_discount_percent integer not null default 0 check (monthly_discount_percent between 0 and 90),
    add column guests_included          integer,
    add column extra_guest_fee          numeric(12, 2) not null default 0 check (extra_guest_fee >= 0);

update properties set guests_included = max_guests;

alter table properties
    alter column guests_included set not null,
    add constraint properties_guests_included_range check (guests_included between 1 and max_guests),
    add constraint properties_weekend_price_fits_currency
        check (weekend_price = round(weekend_price, currency_minor_digits(currency))),
    add constraint properties_extra_guest_fee_fits_currency
        check (extra_guest_fee = round(extra_guest_fee, currency_minor_digits(currency)));

-- guests_included for every writer, as the API keeps it: an insert that names none (the seed scripts under docs/bench,
-- an operator's SQL) includes every guest, and a max_guests lowered below it lowers it too (the API also moves it up
-- with max_guests when every guest was included; see Property#includedAfter).
create function properties_guests_included() returns trigger
    language plpgsql as
$$
begin
    new.guests_included := least(coalesce(new.guests_included, new.max_guests), new.max_guests);
    return new;
end
$$;

create trigger properties_guests_included
    before insert or update of max_guests, guests_included on properties
    for each row execute function properties_guests_included();

-- A host's price for one night of one listing, over its base and weekend price: one row per listing and date.
-- The price fits the listing's currency (a rule across tables: the application checks it when it is set, and when the
-- listing's currency changes).
create table property_prices (
    property_id     uuid           not null references properties (id),
    night           date           not null,
    price_per_night numeric(12, 2) not null check (price_per_night > 0),
    primary key (property_id, night)
);

-- A booking's price in parts. total_price = nightly_subtotal - discount + extra_guest_fees + cleaning_fee + service_fee
-- replaces V3's nights × price_per_night rule; price_per_night stays the listing's base price at booking time, and
-- first_night_price is the first night's own price, which a flexible late cancellation keeps. Existing bookings were
-- priced at one nightly price without discount or extra guests, which is what they are migrated to.
alter table bookings
    add column nightly_subtotal  numeric(12, 2),
    add column discount          numeric(12, 2),
    add column extra_guest_fees  numeric(12, 2),
    add column first_night_price numeric(12, 2);

update bookings
set nightly_subtotal  = (check_out - check_in) * price_per_night,
    discount          = 0,
    extra_guest_fees  = 0,
    first_night_price = price_per_night;

do
$$
declare
    old_rule text;
begin
    -- V3's unnamed check of the old total, found by its text (bookings_check2 where V3 ran as written)
    for old_rule in
        select conname from pg_constraint
        where conrelid = 'bookings'::regclass and contype = 'c'
          and pg_get_constraintdef(oid) like '%total_price = %check_out - check_in%* price_per_night%'
    loop
        execute format('alter table bookings drop constraint %I', old_rule);
    end loop;
end
$$;

-- A writer that names none of the parts (the seed scripts under docs/bench, SQL written before V20) prices as before V20:
-- the nights at price_per_night, no discount, no extra guests; the total check below still holds it to its parts.
create function bookings_price_parts_default() returns trigger
    language plpgsql as
$$
begin
    new.nightly_subtotal := coalesce(new.nightly_subtotal, (new.check_out - new.check_in) * new.price_per_night);
    new.discount := coalesce(new.discount, 0);
    new.extra_guest_fees := coalesce(new.extra_guest_fees, 0);
    new.first_night_price := coalesce(new.first_night_price, new.price_per_night);
    return new;
end
$$;

create trigger bookings_price_parts_default
    before insert on bookings
    for each row execute function bookings_price_parts_default();

alter table bookings
    alter column nightly_subtotal set not null,
    alter column discount set not null,
    alter column extra_guest_fees set not null,
    alter column first_night_price set not null,
    add constraint bookings_price_parts check (
        nightly_subtotal >= 0 and discount >= 0 and discount <= nightly_subtotal and extra_guest_fees >= 0
        and first_night_price >= 0 and first_night_price <= nightly_subtotal),
    add constraint bookings_total_is_its_parts
        check (total_price = nightly_subtotal - discount + extra_guest_fees + cleaning_fee + service_fee),
    add constraint bookings_price_parts_fit_currency check (
        nightly_subtotal = round(nightly_subtotal, currency_minor_digits(currency))
        and discount = round(discount, currency_minor_digits(currency))
        and extra_guest_fees = round(extra_guest_fees, currency_minor_digits(currency))
        and first_night_price = round(first_night_price, currency_minor_digits(currency)));
