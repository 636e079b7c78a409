package io.staybook.booking;

import io.staybook.property.CancellationPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A booking as the APIs and other modules see it; serializable, as the data of the job that mails it. Its price in
 * parts: {@code totalPrice = nightlySubtotal − discount + extraGuestFees + cleaningFee + serviceFee}; {@code
 * firstNightPrice} is the first night's own price (for refunds; not shown by the APIs).
 */
public record BookingView(UUID id, UUID propertyId, UUID guestId, UUID hostId, LocalDate checkIn, LocalDate checkOut,
		int guests, int nights, BigDecimal pricePerNight, BigDecimal cleaningFee, BigDecimal serviceFee,
		BigDecimal totalPrice, String currency, CancellationPolicy cancellationPolicy, BookingStatus status,
		Instant expiresAt, Instant cancelledAt, BigDecimal refundAmount, Instant createdAt, Instant updatedAt,
		String timezone, String declineReason, BigDecimal nightlySubtotal, BigDecimal discount,
		BigDecimal extraGuestFees, BigDecimal firstNightPrice) implements java.io.Serializable {

	/** The date it is now where the property is: the day that booking rules are judged by. */
	public java.time.LocalDate today(java.time.Clock clock) {
		return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of(timezone));
	}
}
