package io.staybook.property;

import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.money.InvalidMoney;
import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * A listing's money rules, checked on every create and change against the listing as it will be (sent fields over
 * stored ones): the currency is one of payment, {@code price_per_night} and {@code cleaning_fee} have no more decimal
 * places than it allows ({@link Money}), and the longest stay it can be booked for, service fee included, fits our
 * {@code numeric(12, 2)} columns, so that every booking on it can be stored and charged.
 */
@Component
class ListingMoney {

	private final StayPricing pricing;

	ListingMoney(StayPricing pricing) {
		this.pricing = pricing;
	}

	/** @throws DomainException 400 naming {@code currency}, {@code price_per_night} or {@code cleaning_fee} */
	void check(BigDecimal pricePerNight, BigDecimal cleaningFee, String currency, int maxNights) {
		String currencyProblem = problem(() -> Money.digits(currency));
		if (currencyProblem != null) {
			throw DomainException.invalidField("currency", currencyProblem);
		}
		String priceProblem = problem(() -> new Money(pricePerNight, currency));
		String feeProblem = problem(() -> new Money(cleaningFee, currency));
		new FieldErrors().require(priceProblem == null, "price_per_night", priceProblem)
			.require(feeProblem == null, "cleaning_fee", feeProblem)
			.throwIfAny();
		checkLongestStay(pricePerNight, cleaningFee, currency, maxNights, "price_per_night");
	}

	/**
	 * The pricing rules' amounts (V20) fit {@code currency}: the weekend price (null: none) and the extra-guest fee.
	 * @throws DomainException 400 naming {@code weekend_price} or {@code extra_guest_fee}
	 */
	void checkRules(BigDecimal weekendPrice, BigDecimal extraGuestFee, String currency) {
		String weekendProblem = weekendPrice == null ? null : problem(() -> new Money(weekendPrice, currency));
		String feeProblem = problem(() -> new Money(extraGuestFee, currency));
		new FieldErrors().require(weekendProblem == null, "weekend_price", weekendProblem)
			.require(feeProblem == null, "extra_guest_fee", feeProblem)
			.throwIfAny();
	}

	/**
	 * A stay of {@code maxNights} at {@code dearestNight} a night (the dearest night the listing can cost, extra guests
	 * included) with the cleaning and service fees fits our columns.
	 * @throws DomainException 400 naming {@code field}
	 */
	void checkLongestStay(BigDecimal dearestNight, BigDecimal cleaningFee, String currency, int maxNights,
			String field) {
		String totalProblem = problem(
				() -> pricing.total(maxNights, new Money(dearestNight, currency), new Money(cleaningFee, currency)));
		new FieldErrors().require(totalProblem == null, field, "a stay of max_nights (" + maxNights
				+ ") would cost more than " + Money.MAX.toPlainString() + " " + currency
				+ " with cleaning and service fees; lower " + field + ", cleaning_fee or max_nights")
			.throwIfAny();
	}

	/** The client-fit message of the {@link InvalidMoney} that {@code money} throws, or null. */
	private static String problem(Supplier<?> money) {
		try {
			money.get();
			return null;
		}
		catch (InvalidMoney ex) {
			return ex.getMessage();
		}
	}
}
