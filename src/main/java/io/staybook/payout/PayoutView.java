package io.staybook.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A payout as the APIs show it (the contract's fields). {@code amount} has scale 2, in {@code currency}, and is
 * above zero (a booking that owes its host nothing has no payout); {@code providerReference} is null until paid;
 * {@code paidAt} is set iff paid.
 */
public record PayoutView(UUID id, UUID bookingId, UUID hostId, BigDecimal amount, String currency,
		PayoutStatus status, String providerReference, Instant createdAt, Instant paidAt) {
}
