package io.staybook.booking;

import java.util.UUID;

/**
 * What the booking module asks of payments without depending on them: whether a charge for a booking is under way.
 * Implemented by the payments module. A booking with a payment in flight is frozen (its dates, guests and price
 * cannot change: 409 {@code payment_in_progress}) and its hold does not expire until the payment's outcome is known,
 * or until {@link BookingSettings#paymentGrace()} past the hold's expiry.
 */
public interface PaymentsInFlight {

	/** Whether the booking has a payment in status {@code pending}. Called with the booking's row locked. */
	boolean inFlight(UUID bookingId);

}
