package io.staybook.booking;

import io.staybook.property.CancellationPolicy;
import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How much of a paid stay goes back on cancellation (the contract's table). Pure: everything it needs is passed in.
 * The service fee comes back only with a full refund. "The nightly subtotal" of the contract's table is
 * {@link Price#nightsAmount()} ({@code nightly_subtotal − discount + extra_guest_fees}), and "every night but the first"
 * subtracts the first night's own price from it.
 */
public final class RefundPolicy {

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private RefundPolicy() {
	}

	/** Who cancelled: the guest, or the host's side (the host or an admin), which always refunds in full. */
	public enum CancelledBy {

		GUEST, HOST_OR_ADMIN

	}

	/**
	 * @param today the date of the cancellation in the property's time zone
	 * @param bookedAt when the booking was made
	 * @param cancelledAt when it is cancelled
	 */
	public static BigDecimal refund(Price price, CancellationPolicy policy, LocalDate checkIn, CancelledBy by,
			Instant bookedAt, Instant cancelledAt, LocalDate today) {
		long daysLeft = ChronoUnit.DAYS.between(today, checkIn);
		if (by == CancelledBy.HOST_OR_ADMIN) {
			return price.total();
		}
		boolean gracePeriod = !cancelledAt.isAfter(bookedAt.plus(Duration.ofHours(24))) && daysLeft >= 7;
		if (gracePeriod) {
			return price.total();
		}
		return switch (policy) {
			case FLEXIBLE -> daysLeft >= 1 ? price.total() : allButFirstNight(price).add(price.cleaningFee());
			case MODERATE -> daysLeft >= 5 ? price.total() : halfOfNights(price).add(price.cleaningFee());
			case STRICT -> daysLeft >= 14 ? price.total()
					: daysLeft >= 7 ? halfOfNights(price).add(price.cleaningFee()) : BigDecimal.ZERO.setScale(2);
		};
	}

	/**
	 * Half of the nights' amount ({@link Price#nightsAmount()}: the nightly subtotal less the discount plus extra-guest
	 * fees), rounded half-up to the currency's smallest unit: half of 3 nights at 1005 JPY is 1508 JPY, never 1507.50.
	 */
	private static BigDecimal halfOfNights(Price price) {
		return new Money(price.nightsAmount(), price.currency()).share(HALF).amount();
	}

	/**
	 * "Every night but the first": the nights' amount less the first night's own price ({@link Price#firstNightPrice()}),
	 * never below zero (a deep discount can leave the nights' amount under one full night).
	 */
	private static BigDecimal allButFirstNight(Price price) {
		return price.nightsAmount().subtract(price.firstNightPrice()).max(BigDecimal.ZERO).setScale(2);
	}
}
