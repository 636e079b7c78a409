-- Money with more decimal places than its currency has is refused by the database too: a listing priced 100.50 JPY
-- could be booked but never charged (Stripe takes JPY in whole yen). The application checks the same rule first
-- (io.staybook.shared.money.Money), for a 400 that names the field; CurrencyPrecisionIntegrationTests holds the two
-- lists equal for every currency the JDK knows.
--
-- A database that already holds such rows fails this migration; find them with
--   select id, price_per_night, cleaning_fee, currency from properties
--    where price_per_night <> round(price_per_night, currency_minor_digits(currency))
--       or cleaning_fee <> round(cleaning_fee, currency_minor_digits(currency));
-- and have their hosts reprice them before migrating.

-- The decimal places of a currency's minor unit, after ISO 4217 (java.util.Currency#getDefaultFractionDigits), with
-- MGA zero-decimal as the card networks settle it (Stripe). Codes without a minor unit (XXX, XAU...) never get this
-- far; any other code has two. Our columns are numeric(12, 2), so three- and four-digit currencies hold two at most.
create function currency_minor_digits(code char(3)) returns integer
    language sql immutable strict parallel safe
as $$
    select case
        when code in ('ADP', 'BEF', 'BIF', 'BYB', 'BYR', 'CLP', 'DJF', 'ESP', 'GNF', 'GRD', 'ISK', 'ITL', 'JPY',
                      'KMF', 'KRW', 'LUF', 'MGA', 'MGF', 'PTE', 'PYG', 'ROL', 'RWF', 'TPE', 'TRL', 'UGX', 'UYI',
                      'VND', 'VUV', 'XAF', 'XOF', 'XPF') then 0
        when code in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 3
        when code = 'CLF' then 4
        else 2
    end
$$;

alter table properties
    add constraint properties_price_fits_currency
        check (price_per_night = round(price_per_night, currency_minor_digits(currency))),
    add constraint properties_cleaning_fee_fits_currency
        check (cleaning_fee = round(cleaning_fee, currency_minor_digits(currency)));

alter table bookings
    add constraint bookings_amounts_fit_currency check (
        price_per_night = round(price_per_night, currency_minor_digits(currency))
        and cleaning_fee = round(cleaning_fee, currency_minor_digits(currency))
        and service_fee = round(service_fee, currency_minor_digits(currency))
        and total_price = round(total_price, currency_minor_digits(currency))
        and refund_amount = round(refund_amount, currency_minor_digits(currency)));

alter table payments
    add constraint payments_amounts_fit_currency check (
        amount = round(amount, currency_minor_digits(currency))
        and refunded_amount = round(refunded_amount, currency_minor_digits(currency)));
