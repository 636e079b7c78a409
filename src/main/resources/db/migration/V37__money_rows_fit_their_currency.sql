-- Every amount of money is a whole number of its currency's minor unit, in every table, and refunds and payouts are
-- in the currency of the payment they come from. V11 and V20 held the first rule for listings, bookings and payments;
-- the rows made from them (refunds, payouts, a host's debts and their recoveries) were held by the code alone, so a
-- refund of 0.50 JPY or a refund in another currency than its payment could be written and then sent to the provider
-- (Stripe counts JPY in whole yen). Rows already written are checked: the code never wrote such an amount.
alter table refunds
    add constraint refunds_amount_fits_currency check (amount = round(amount, currency_minor_digits(currency)));

alter table payouts
    add constraint payouts_amounts_fit_currency check (
        amount = round(amount, currency_minor_digits(currency))
        and host_fee = round(host_fee, currency_minor_digits(currency))
        and refunded = round(refunded, currency_minor_digits(currency))
        and deducted = round(deducted, currency_minor_digits(currency)));

alter table payout_deductions
    add constraint payout_deductions_amounts_fit_currency check (
        amount = round(amount, currency_minor_digits(currency))
        and recovered = round(recovered, currency_minor_digits(currency)));

alter table payout_deduction_recoveries
    add constraint payout_deduction_recoveries_amount_fits_currency
        check (amount = round(amount, currency_minor_digits(currency)));

-- a refund and a payout are in their payment's currency (a key to hang the foreign keys on: a payment's id is
-- unique already, so this index adds no rule of its own)
alter table payments add constraint payments_id_currency_key unique (id, currency);

alter table refunds
    add constraint refunds_in_payment_currency
        foreign key (payment_id, currency) references payments (id, currency);

alter table payouts
    add constraint payouts_in_payment_currency
        foreign key (payment_id, currency) references payments (id, currency);
