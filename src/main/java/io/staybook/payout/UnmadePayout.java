package io.staybook.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stay whose payout fell due and was never made ({@link PayoutService#unmade}).
 *
 * @param bookingStatus the booking's status ({@code confirmed} for a stay that is over but not yet marked completed)
 * @param provider the provider that took the booking's payment: only a sweep of that provider pays it out (V50)
 * @param dueAt when the payout fell due (its delay after the stay's check-in)
 * @param amount what the sweep would pay the host, in {@code currency}'s major unit
 * @param pastLookback whether the stay checked out before the sweep's lookback: no sweep will make it any more
 */
public record UnmadePayout(UUID bookingId, UUID paymentId, String bookingStatus, String provider, Instant dueAt,
		BigDecimal amount, String currency, boolean pastLookback) {
}
