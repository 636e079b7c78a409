/**
 * Payments of bookings: charged by a background job through a {@link io.staybook.payment.PaymentProvider}, made
 * idempotent by client keys and provider idempotency keys, moved by signed webhooks, and refunded on cancellation.
 */
package io.staybook.payment;
