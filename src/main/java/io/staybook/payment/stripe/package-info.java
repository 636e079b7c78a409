/**
 * The {@code stripe} payment provider: charges and refunds through Stripe's PaymentIntents API with stripe-java, and
 * Stripe-signed webhook events; active only when {@code staybook.payments.provider=stripe}.
 */
package io.staybook.payment.stripe;
