package io.staybook.booking;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Published inside the transaction that cancels a booking, so that a listener (the payments module paying the refund
 * back) schedules its work in that same transaction. {@code refundAmount} is null when nothing was paid.
 */
public record BookingCancelled(UUID bookingId, BigDecimal refundAmount, String currency) {
}
