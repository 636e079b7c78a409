package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.property.CancellationPolicy;
import io.staybook.shared.DomainException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The status machine of a request to book on the {@link Booking} aggregate, without Spring or a database. */
class RequestTransitionsUnitTests {

	static final Instant NOW = Instant.parse("2027-01-10T12:00:00Z");

	static final Duration GRACE = Duration.ofMinutes(30);

	private static Booking request() {
		Price price = Price.of(2, new BigDecimal("100.00"), BigDecimal.ZERO, new BigDecimal("0.10"), "USD");
		Booking booking = new Booking(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 3), 2, price, CancellationPolicy.FLEXIBLE,
				ZoneOffset.UTC, NOW, NOW.plus(Duration.ofMinutes(15)));
		booking.request(NOW.plus(Duration.ofHours(24)));
		return booking;
	}

	@Test
	void aRequestHoldsItsNightsUntilTheHostsDeadline() {
		Booking booking = request();

		assertThat(booking.status()).isEqualTo(BookingStatus.REQUESTED);
		assertThat(BookingStatus.ACTIVE).contains(BookingStatus.REQUESTED);
		assertThat(booking.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		assertThat(booking.isOverdue(NOW.plus(Duration.ofHours(24)).minusNanos(1))).isFalse();
		assertThat(booking.isOverdue(NOW.plus(Duration.ofHours(24)))).isTrue();
	}

	@Test
	void approvingStartsThePaymentHold() {
		Booking booking = request();
		Instant later = NOW.plus(Duration.ofHours(5));

		booking.approve(later, later.plus(Duration.ofMinutes(15)));

		assertThat(booking.status()).isEqualTo(BookingStatus.PENDING_PAYMENT);
		assertThat(booking.expiresAt()).isEqualTo(later.plus(Duration.ofMinutes(15)));
		assertThat(booking.view().declineReason()).isNull();
		assertThatThrownBy(() -> booking.approve(later, later)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> booking.decline("no", later)).isInstanceOf(DomainException.class);
	}

	@Test
	void decliningKeepsTheReason() {
		Booking booking = request();

		booking.decline("Closed", NOW);

		assertThat(booking.status()).isEqualTo(BookingStatus.DECLINED);
		assertThat(BookingStatus.ACTIVE).doesNotContain(BookingStatus.DECLINED);
		assertThat(booking.view().declineReason()).isEqualTo("Closed");
	}

	@Test
	void anUnansweredRequestIsDeclinedAsExpiredOnlyAfterItsDeadline() {
		Booking booking = request();

		assertThat(booking.expireIfDue(NOW.plus(Duration.ofHours(23)), false, GRACE)).isFalse();
		assertThat(booking.status()).isEqualTo(BookingStatus.REQUESTED);
		assertThat(booking.expireIfDue(NOW.plus(Duration.ofHours(24)), false, GRACE)).isTrue();
		assertThat(booking.status()).isEqualTo(BookingStatus.DECLINED);
		assertThat(booking.view().declineReason()).isEqualTo("expired");
		assertThat(booking.expireIfDue(NOW.plus(Duration.ofHours(25)), false, GRACE)).isFalse();
	}

	@Test
	void theGuestMayCancelARequestWithoutARefund() {
		Booking booking = request();

		booking.cancel(booking.guestId(), "Plans changed", null, NOW);

		assertThat(booking.status()).isEqualTo(BookingStatus.CANCELLED);
		assertThat(booking.view().refundAmount()).isNull();
		assertThat(BookingMails.Event.cancelling(BookingStatus.REQUESTED)).isEqualTo(BookingMails.Event.REQUEST_CANCELLED);
		assertThat(BookingMails.Event.cancelling(BookingStatus.CONFIRMED)).isEqualTo(BookingMails.Event.CANCELLED);
	}

	@Test
	void onlyANewBookingBecomesARequest() {
		Booking booking = request();
		booking.approve(NOW, NOW.plus(Duration.ofMinutes(15)));
		booking.confirm(NOW);

		assertThatThrownBy(() -> booking.request(NOW)).isInstanceOf(DomainException.class);
	}
}
