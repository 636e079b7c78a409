package io.staybook.payment;

import io.staybook.booking.PaymentsInFlight;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Tells the booking module whether a booking has a charge under way: a payment in status {@code pending}. */
@Component
class PendingPayments implements PaymentsInFlight {

	private final Payments payments;

	PendingPayments(Payments payments) {
		this.payments = payments;
	}

	@Override
	public boolean inFlight(UUID bookingId) {
		return payments.existsByBookingIdAndStatus(bookingId, PaymentStatus.PENDING);
	}
}
