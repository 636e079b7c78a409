package io.staybook.payment.stripe;

/** Response bodies shaped like Stripe's own (API version 2025+), trimmed to the fields a reader would look for. */
final class StripeJson {

	private StripeJson() {
	}

	static String paymentIntent(String id, long amount, String currency, String status) {
		return """
				{
				  "id": "%1$s",
				  "object": "payment_intent",
				  "amount": %2$d,
				  "amount_capturable": 0,
				  "amount_received": %3$d,
				  "capture_method": "automatic_async",
				  "client_secret": "%1$s_secret_staybook",
				  "confirmation_method": "automatic",
				  "created": 1763750000,
				  "currency": "%4$s",
				  "last_payment_error": null,
				  "latest_charge": "ch_%1$s",
				  "livemode": false,
				  "metadata": {},
				  "payment_method": "pm_1Sok0000000000000000",
				  "payment_method_types": ["card"],
				  "status": "%5$s"
				}
				""".formatted(id, amount, "succeeded".equals(status) ? amount : 0, currency, status);
	}

	static String cardError(String paymentIntentId, String code, String declineCode, String message) {
		return """
				{
				  "error": {
				    "type": "card_error",
				    "code": "%2$s",
				    "decline_code": "%3$s",
				    "message": "%4$s",
				    "charge": "ch_%1$s",
				    "doc_url": "https://stripe.com/docs/error-codes/%2$s",
				    "payment_intent": {
				      "id": "%1$s",
				      "object": "payment_intent",
				      "amount": 12000,
				      "currency": "usd",
				      "status": "requires_payment_method",
				      "last_payment_error": {"type": "card_error", "code": "%2$s", "decline_code": "%3$s"}
				    },
				    "request_log_url": "https://dashboard.stripe.com/test/logs/req_staybook"
				  }
				}
				""".formatted(paymentIntentId, code, declineCode, message);
	}

	static String invalidRequest(String code, String param, String message) {
		return """
				{
				  "error": {
				    "type": "invalid_request_error",
				    "code": "%s",
				    "param": %s,
				    "message": "%s",
				    "request_log_url": "https://dashboard.stripe.com/test/logs/req_staybook"
				  }
				}
				""".formatted(code, (param != null) ? "\"" + param + "\"" : "null", message);
	}

	static String apiError() {
		return """
				{"error": {"type": "api_error", "message": "An unknown error occurred while processing your request."}}
				""";
	}

	static String rateLimited() {
		return """
				{"error": {"type": "invalid_request_error", "code": "rate_limit",
				  "message": "Too many requests hit the API too quickly."}}
				""";
	}

	static String refund(String id, String paymentIntentId, long amount, String status) {
		return """
				{
				  "id": "%s",
				  "object": "refund",
				  "amount": %d,
				  "charge": "ch_%s",
				  "created": 1763750100,
				  "currency": "usd",
				  "metadata": {},
				  "payment_intent": "%s",
				  "reason": null,
				  "status": "%s"
				}
				""".formatted(id, amount, paymentIntentId, paymentIntentId, status);
	}
	/** An event as a webhook delivers it, in an API version newer than stripe-java knows. */
	static String event(String id, String type, String object) {
		return """
				{
				  "id": "%s",
				  "object": "event",
				  "api_version": "2099-01-01.future",
				  "created": 1763750000,
				  "data": {"object": %s},
				  "livemode": false,
				  "pending_webhooks": 1,
				  "request": {"id": "req_staybook", "idempotency_key": "payment-0193-charge"},
				  "type": "%s"
				}
				""".formatted(id, object, type);
	}

	static String failedPaymentIntent(String id, String code, String declineCode) {
		return """
				{"id": "%s", "object": "payment_intent", "amount": 12000, "currency": "usd",
				 "status": "requires_payment_method",
				 "last_payment_error": {"type": "card_error", "code": "%s", "decline_code": "%s",
				   "message": "Your card was declined."}}
				""".formatted(id, code, declineCode);
	}

	static String refundedCharge(String id, String paymentIntentId, long amount, long amountRefunded) {
		return """
				{"id": "%s", "object": "charge", "amount": %d, "amount_refunded": %d, "currency": "usd",
				 "payment_intent": "%s", "refunded": %b, "status": "succeeded"}
				""".formatted(id, amount, amountRefunded, paymentIntentId, amount == amountRefunded);
	}
}
