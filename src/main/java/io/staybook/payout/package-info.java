/**
 * Payouts: what a host is paid for a stay (total − service fee − host fee − refunds), made 24 hours after check-in by
 * a recurring sweep through the payment provider, and shown to the host and to admins (REST, GraphQL, CSV). It reads
 * bookings, payments and refunds by SQL, as the reconciliation does, and pays through the payment module's
 * {@link io.staybook.payment.PaymentProvider} port.
 */
package io.staybook.payout;
