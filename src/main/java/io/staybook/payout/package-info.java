/**
 * Payouts: what a host is paid for a stay (total − service fee − host fee − refunds), or for a paid booking the guest
 * cancelled late with part of the money kept (the same sum, the host fee on the nights kept), made 24 hours after the
 * (scheduled) check-in by a recurring sweep through the payment provider, and shown to the host and to admins (REST, GraphQL, CSV).
 * A refund made after a payout is the host's debt ({@code payout_deductions}), recovered from their next payouts in
 * the same currency ({@link io.staybook.payout.PayoutDeductions}). It reads
 * bookings, payments and refunds by SQL, as the reconciliation does, and pays through the payment module's
 * {@link io.staybook.payment.PaymentProvider} port.
 */
package io.staybook.payout;
