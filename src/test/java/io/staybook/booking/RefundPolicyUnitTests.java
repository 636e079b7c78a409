package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.RefundPolicy.CancelledBy;
import io.staybook.property.CancellationPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refund table of the contract, each policy on each side of each threshold. The stay: 3 nights at 100.00, cleaning
 * 30.00, service fee 30.00, total 360.00.
 */
class RefundPolicyUnitTests {

	private static final Price STAY = Price.of(3, new BigDecimal("100.00"), new BigDecimal("30.00"),
			new BigDecimal("0.10"), "USD");

	private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

	private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

	/** Booked long ago: the 24-hour grace rule does not apply. */
	private static final Instant BOOKED_LONG_AGO = NOW.minus(Duration.ofDays(30));

	static Stream<Arguments> table() {
		return Stream.of(
				// flexible: full from 1 day ahead; later every night but the first, plus cleaning
				Arguments.of(CancellationPolicy.FLEXIBLE, 30, "360.00"),
				Arguments.of(CancellationPolicy.FLEXIBLE, 1, "360.00"),
				Arguments.of(CancellationPolicy.FLEXIBLE, 0, "230.00"),
				// moderate: full from 5 days; later half the nights plus cleaning
				Arguments.of(CancellationPolicy.MODERATE, 6, "360.00"),
				Arguments.of(CancellationPolicy.MODERATE, 5, "360.00"),
				Arguments.of(CancellationPolicy.MODERATE, 4, "180.00"),
				Arguments.of(CancellationPolicy.MODERATE, 0, "180.00"),
				// strict: full from 14 days; from 7 days half the nights plus cleaning; under 7 nothing
				Arguments.of(CancellationPolicy.STRICT, 15, "360.00"),
				Arguments.of(CancellationPolicy.STRICT, 14, "360.00"),
				Arguments.of(CancellationPolicy.STRICT, 13, "180.00"),
				Arguments.of(CancellationPolicy.STRICT, 7, "180.00"),
				Arguments.of(CancellationPolicy.STRICT, 6, "0.00"),
				Arguments.of(CancellationPolicy.STRICT, 0, "0.00"));
	}

	@ParameterizedTest(name = "{0} cancelled {1} days ahead by the guest refunds {2}")
	@MethodSource("table")
	void aGuestIsRefundedByThePolicy(CancellationPolicy policy, int daysAhead, String refund) {
		BigDecimal amount = RefundPolicy.refund(STAY, policy, TODAY.plusDays(daysAhead), CancelledBy.GUEST,
				BOOKED_LONG_AGO, NOW, TODAY);

		assertThat(amount).isEqualByComparingTo(refund);
		assertThat(amount.scale()).as("two fraction digits, as the contract writes money").isEqualTo(2);
	}

	@ParameterizedTest(name = "{0} cancelled {1} days ahead: the service fee comes back only with a full refund")
	@MethodSource("table")
	void theServiceFeeIsRefundedOnlyInFull(CancellationPolicy policy, int daysAhead, String refund) {
		BigDecimal amount = RefundPolicy.refund(STAY, policy, TODAY.plusDays(daysAhead), CancelledBy.GUEST,
				BOOKED_LONG_AGO, NOW, TODAY);

		if (amount.compareTo(STAY.total()) != 0) {
			assertThat(amount).isLessThanOrEqualTo(STAY.total().subtract(STAY.serviceFee()));
		}
	}

	@ParameterizedTest
	@EnumSource(CancellationPolicy.class)
	void theHostOrAnAdminCancellingRefundsEverythingEvenOnTheDay(CancellationPolicy policy) {
		for (int daysAhead : new int[] { 0, 1, 6, 13, 30 }) {
			assertThat(RefundPolicy.refund(STAY, policy, TODAY.plusDays(daysAhead), CancelledBy.HOST_OR_ADMIN,
					BOOKED_LONG_AGO, NOW, TODAY))
				.isEqualByComparingTo("360.00");
		}
	}

	static Stream<Arguments> grace() {
		return Stream.of(
				// within 24 hours of booking and at least 7 days ahead: everything back, whatever the policy
				Arguments.of(Duration.ofMinutes(5), 7, "360.00"),
				Arguments.of(Duration.ofHours(23), 7, "360.00"),
				Arguments.of(Duration.ofHours(24), 7, "360.00"),
				Arguments.of(Duration.ofHours(24), 13, "360.00"),
				// a second past the 24 hours: the policy decides
				Arguments.of(Duration.ofHours(24).plusSeconds(1), 7, "180.00"),
				Arguments.of(Duration.ofHours(24).plusSeconds(1), 13, "180.00"),
				// within 24 hours but under 7 days ahead: the policy decides
				Arguments.of(Duration.ofMinutes(5), 6, "0.00"),
				Arguments.of(Duration.ofHours(23), 6, "0.00"));
	}

	@ParameterizedTest(name = "strict, booked {0} before cancelling, {1} days ahead: {2}")
	@MethodSource("grace")
	void theGracePeriodOverridesTheStrictPolicy(Duration sinceBooking, int daysAhead, String refund) {
		assertThat(RefundPolicy.refund(STAY, CancellationPolicy.STRICT, TODAY.plusDays(daysAhead), CancelledBy.GUEST,
				NOW.minus(sinceBooking), NOW, TODAY))
			.isEqualByComparingTo(refund);
	}

	@Test
	void theGracePeriodAlsoHelpsUnderTheOtherPolicies() {
		Instant justBooked = NOW.minus(Duration.ofHours(1));
		// moderate at 7 days is a full refund anyway; flexible too; both stay full with the grace rule
		assertThat(RefundPolicy.refund(STAY, CancellationPolicy.MODERATE, TODAY.plusDays(7), CancelledBy.GUEST,
				justBooked, NOW, TODAY))
			.isEqualByComparingTo("360.00");
		// moderate 4 days ahead, just booked: under 7 days, so the policy: half plus cleaning
		assertThat(RefundPolicy.refund(STAY, CancellationPolicy.MODERATE, TODAY.plusDays(4), CancelledBy.GUEST,
				justBooked, NOW, TODAY))
			.isEqualByComparingTo("180.00");
	}

	@ParameterizedTest(name = "3 × {0} {2}, cleaning {1}: refund {3}")
	@CsvSource({
			// 3 × 33.33 = 99.99; half is 49.995, half-up 50.00; plus cleaning 12.50
			"33.33, 12.50, USD, 62.50",
			// 3 × 1005 = 3015 JPY; half is 1507.5, half-up 1508 (Stripe could never refund 1507.50 JPY); plus 500
			"1005, 500, JPY, 2008" })
	void halfOfTheNightsIsRoundedHalfUpToTheCurrencysSmallestUnit(String perNight, String cleaning, String currency,
			String expected) {
		Price stay = Price.of(3, new BigDecimal(perNight), new BigDecimal(cleaning), new BigDecimal("0.10"), currency);

		BigDecimal refund = RefundPolicy.refund(stay, CancellationPolicy.MODERATE, TODAY.plusDays(2),
				CancelledBy.GUEST, BOOKED_LONG_AGO, NOW, TODAY);

		assertThat(refund).isEqualByComparingTo(expected);
		assertThat(refund.scale()).isEqualTo(2);
	}

	@Test
	void aOneNightFlexibleStayCancelledOnTheDayReturnsTheCleaningFee() {
		Price stay = Price.of(1, new BigDecimal("80.00"), new BigDecimal("25.00"), new BigDecimal("0.10"), "USD");

		assertThat(RefundPolicy.refund(stay, CancellationPolicy.FLEXIBLE, TODAY, CancelledBy.GUEST, BOOKED_LONG_AGO,
				NOW, TODAY))
			.isEqualByComparingTo("25.00");
	}

	@Test
	void daysAreCountedFromTodayWhereThePropertyIs() {
		// the same instant is 13 days ahead in one zone and 14 in another; the caller passes the local date
		LocalDate checkIn = TODAY.plusDays(14);
		assertThat(RefundPolicy.refund(STAY, CancellationPolicy.STRICT, checkIn, CancelledBy.GUEST, BOOKED_LONG_AGO,
				NOW, TODAY))
			.isEqualByComparingTo("360.00");
		assertThat(RefundPolicy.refund(STAY, CancellationPolicy.STRICT, checkIn, CancelledBy.GUEST, BOOKED_LONG_AGO,
				NOW, TODAY.plusDays(1)))
			.isEqualByComparingTo("180.00");
	}
}
