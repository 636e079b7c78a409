/**
 * The reconciliation: a recurring check of the money invariants (README, "Money invariants") across bookings,
 * payments and refunds, and against the payment provider where it can be asked; its last report is kept for the admin
 * view ({@code GET /api/v1/admin/reconciliation}) and counted in the metric {@code staybook.reconciliation.discrepancies}.
 * It reads the other modules' tables by SQL and changes nothing itself; a charge the provider holds for a payment
 * recorded as failed is handed to {@link io.staybook.payment.PaymentService#recordLateCharge}, which owns the money.
 */
package io.staybook.reconciliation;
