package io.staybook.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment as the APIs show it. The payment token is never shown. */
public record PaymentView(UUID id, UUID bookingId, BigDecimal amount, String currency, PaymentMethod paymentMethod,
		PaymentStatus status, BigDecimal refundedAmount, String failureReason, String provider,
		String providerReference, Instant createdAt, Instant updatedAt) {
}
