package io.staybook.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A payout as the APIs show it (the contract's fields, and {@code deducted}). {@code amount} has scale 2, in
 * {@code currency}: what goes to the host, above zero (a booking that owes its host nothing has no payout) unless its
 * host's debts took all of it ({@code 0.00}, settled at once: paid, without the provider); {@code deducted}, scale 2,
 * is what was taken off it to recover refunds made after the host's earlier payouts (README, "Payouts"), so
 * {@code amount + deducted} is what the stay earned the host; {@code providerReference} is null until paid (and for a
 * payout of zero); {@code paidAt} is set iff paid.
 */
public record PayoutView(UUID id, UUID bookingId, UUID hostId, BigDecimal amount, BigDecimal deducted, String currency,
		PayoutStatus status, String providerReference, Instant createdAt, Instant paidAt) {
}
