package io.staybook.payment.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that a webhook request comes from Stripe, recently, and reads the event out of it. The header is Stripe's
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, with one {@code v1} entry per
 * active signing secret while a secret is being rolled.
 * <p>
 * The body is read as a JSON tree rather than through stripe-java's models, so that an event rendered in a newer API
 * version than the library's still yields the few fields needed here.
 */
public class StripeWebhookVerifier {

	/** The name of the header Stripe signs its webhook requests with. */
	public static final String SIGNATURE_HEADER = "Stripe-Signature";

	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final String secret;

	private final Clock clock;

	/**
	 * A verifier with the settings' webhook signing secret ({@code whsec_...}).
	 * @throws IllegalStateException when no signing secret is set
	 */
	public StripeWebhookVerifier(StripeSettings settings, Clock clock) {
		if (settings.webhookSecret() == null || settings.webhookSecret().isBlank()) {
			throw new IllegalStateException("staybook.payments.provider=stripe needs the webhook signing secret: "
					+ "set STAYBOOK_PAYMENTS_STRIPE_WEBHOOK_SECRET");
		}
		this.secret = settings.webhookSecret();
		this.clock = clock;
	}

	/**
	 * @param payload the raw request body, exactly as received, decoded as UTF-8
	 * @param signatureHeader the value of the {@value #SIGNATURE_HEADER} header
	 * @throws InvalidSignatureException when no signature matches, the timestamp is more than five minutes away from
	 * now in either direction, or the signed body is not an event
	 */
	public StripeEvent verify(String payload, String signatureHeader) {
		if (payload == null || signatureHeader == null || signatureHeader.isBlank()) {
			throw new InvalidSignatureException("missing body or " + SIGNATURE_HEADER + " header");
		}
		try {
			Webhook.Signature.verifyHeader(payload, signatureHeader, this.secret, TOLERANCE.toSeconds(), this.clock);
		}
		catch (SignatureVerificationException ex) {
			throw new InvalidSignatureException(ex.getMessage());
		}
		catch (RuntimeException ex) {
			// stripe-java parses the header naively: "t=abc" or an entry without '=' fails with a runtime exception
			throw new InvalidSignatureException("malformed " + SIGNATURE_HEADER + " header");
		}
		rejectFutureTimestamp(signatureHeader);
		return read(payload);
	}

	/** stripe-java only rejects old timestamps; a signed time far ahead is as suspect, and the contract says "off". */
	private void rejectFutureTimestamp(String header) {
		for (String entry : header.split(",")) {
			String[] pair = entry.split("=", 2);
			if (pair.length == 2 && pair[0].equals("t")) {
				long signedAt = Long.parseLong(pair[1]);
				if (signedAt > this.clock.instant().getEpochSecond() + TOLERANCE.toSeconds()) {
					throw new InvalidSignatureException("Timestamp outside the tolerance zone");
				}
				return;
			}
		}
	}

	private static StripeEvent read(String payload) {
		JsonNode event;
		try {
			event = JsonMapper.shared().readTree(payload);
		}
		catch (JacksonException ex) {
			throw new InvalidSignatureException("signed body is not JSON");
		}
		String id = event.path("id").stringValue(null);
		String type = event.path("type").stringValue(null);
		if (id == null || type == null) {
			throw new InvalidSignatureException("signed body is not a Stripe event");
		}
		JsonNode object = event.path("data").path("object");
		return switch (type) {
			case StripeEvent.PAYMENT_SUCCEEDED -> new StripeEvent(id, type, text(object, "id"), null, null,
					text(object.path("metadata"), StripeEvent.CHARGE_KEY));
			case StripeEvent.PAYMENT_FAILED -> {
				JsonNode error = object.path("last_payment_error");
				String reason = StripeFailures.declineReason(text(error, "decline_code"), text(error, "code"));
				yield new StripeEvent(id, type, text(object, "id"), null, reason,
						text(object.path("metadata"), StripeEvent.CHARGE_KEY));
			}
			case StripeEvent.CHARGE_REFUNDED -> new StripeEvent(id, type, text(object, "payment_intent"),
					number(object, "amount_refunded"), null);
			default -> new StripeEvent(id, type, null, null, null);
		};
	}

	private static String text(JsonNode node, String field) {
		return node.path(field).stringValue(null);
	}

	private static Long number(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isIntegralNumber() ? value.longValue() : null;
	}

	/** The request is not a genuine, fresh Stripe event: answer 400 and change nothing. */
	public static class InvalidSignatureException extends RuntimeException {

		/** The signature did not verify, for the reason {@code message} (for logs, not for the caller). */
		public InvalidSignatureException(String message) {
			super(message);
		}
	}
}
