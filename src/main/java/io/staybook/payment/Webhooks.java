package io.staybook.payment;

import io.staybook.payment.stripe.StripeEvent;
import io.staybook.payment.stripe.StripeWebhookVerifier;
import io.staybook.shared.DomainException;
import java.util.function.Function;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider callbacks. A delivery is verified before anything is read from it, recorded by event id in the same
 * transaction as its effect, and a repeat of an event id changes nothing.
 */
@Service
public class Webhooks {

	public static final String SANDBOX_SIGNATURE = "Staybook-Signature";

	private final PaymentService payments;

	private final PaymentSettings settings;

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final PaymentProviders.StripeWebhooks stripe;

	private final Clock clock;

	Webhooks(PaymentService payments, PaymentSettings settings, JdbcClient jdbc,
			PaymentProviders.StripeWebhooks stripe, Clock clock) {
		this.payments = payments;
		this.settings = settings;
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.clock = clock;
	}

	/**
	 * Whether the event was new (and applied). {@code headers} gives a request header by name. An event of a type we
	 * do not act on is recorded and otherwise ignored. Only the selected provider's endpoint exists: the other one is
	 * a 404 whatever its secret, so that a sandbox secret left set after Stripe is chosen opens nothing.
	 * @throws DomainException 404 for an unknown or unselected provider, 400 for a bad signature or event
	 */
	@Transactional
	public boolean receive(String provider, Function<String, String> headers, String body) {
		ProviderEvent event = switch (provider) {
			case PaymentProviders.SANDBOX -> sandboxEvent(headers.apply(SANDBOX_SIGNATURE), body);
			case PaymentProviders.STRIPE -> stripeEvent(headers.apply(StripeWebhookVerifier.SIGNATURE_HEADER), body);
			default -> throw DomainException.notFound("Webhook endpoint");
		};
		boolean first = jdbc.sql("""
				insert into webhook_events (provider, event_id, event_type, received_at) values (?, ?, ?, ?)
				on conflict do nothing""")
			.params(provider, event.id(), event.type() == null ? "ignored" : event.type().name(),
					Timestamp.from(clock.instant()))
			.update() == 1;
		if (first && event.type() != null) {
			payments.apply(provider, event);
		}
		return first;
	}

	/**
	 * Stripe's events name the PaymentIntent, which is our payment's provider reference, and carry our charge key in
	 * its metadata.
	 */
	private ProviderEvent stripeEvent(String signature, String body) {
		StripeWebhookVerifier verifier = stripe.verifier()
			.orElseThrow(() -> DomainException.notFound("Webhook endpoint"));
		StripeEvent event;
		try {
			event = verifier.verify(body, signature);
		}
		catch (StripeWebhookVerifier.InvalidSignatureException ex) {
			throw DomainException.badRequest("invalid_signature", "The webhook signature is missing or wrong.");
		}
		String reference = event.paymentIntentId();
		// our payment, by the charge key we put in the intent's metadata: the intent's id is unknown to us when every
		// attempt timed out
		UUID payment = PaymentService.paymentOfChargeKey(event.chargeKey()).orElse(null);
		return switch (event.type()) {
			case StripeEvent.PAYMENT_SUCCEEDED -> new ProviderEvent(event.id(), ProviderEvent.Type.SUCCEEDED, payment,
					reference, null, null);
			case StripeEvent.PAYMENT_FAILED -> new ProviderEvent(event.id(), ProviderEvent.Type.FAILED, payment,
					reference, null, event.failureCode());
			case StripeEvent.CHARGE_REFUNDED -> new ProviderEvent(event.id(), ProviderEvent.Type.REFUNDED, null,
					reference, payments.currencyOf(reference).map(event::amountRefunded).orElse(null), null);
			default -> new ProviderEvent(event.id(), null, null, reference, null, null);
		};
	}

	/**
	 * {@code {"id": "evt_…", "type": "payment.succeeded" | "payment.failed" | "payment.refunded",
	 * "data": {"payment_id": "…", "failure_reason": "…", "amount": "12.00", "refund_reference": "re_…",
	 * "idempotency_key": "refund-…"}}}; for a refund, {@code amount} is the total refunded so far (absent: all of it),
	 * and the refund's reference and key are optional.
	 */
	private ProviderEvent sandboxEvent(String signature, String body) {
		if (!PaymentProviders.SANDBOX.equals(settings.provider())) {
			throw DomainException.notFound("Webhook endpoint");
		}
		WebhookSignature.verify(signature, body, settings.webhookSecret(), clock.instant());
		try {
			JsonNode root = json.readTree(body);
			JsonNode data = root.path("data");
			ProviderEvent.Type type = switch (root.path("type").asString("")) {
				case "payment.succeeded" -> ProviderEvent.Type.SUCCEEDED;
				case "payment.failed" -> ProviderEvent.Type.FAILED;
				case "payment.refunded" -> ProviderEvent.Type.REFUNDED;
				default -> throw DomainException.invalidField("type",
						"must be payment.succeeded, payment.failed or payment.refunded");
			};
			String id = root.path("id").asString("");
			if (id.isBlank()) {
				throw DomainException.invalidField("id", "is required");
			}
			UUID paymentId = UUID.fromString(data.path("payment_id").asString(""));
			BigDecimal amount = data.hasNonNull("amount") ? new BigDecimal(data.path("amount").asString()) : null;
			String reason = data.hasNonNull("failure_reason") ? data.path("failure_reason").asString() : null;
			String refundReference = data.hasNonNull("refund_reference") ? data.path("refund_reference").asString()
					: null;
			String refundKey = data.hasNonNull("idempotency_key") ? data.path("idempotency_key").asString() : null;
			return new ProviderEvent(id, type, paymentId, null, amount, reason, refundReference, refundKey);
		}
		catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
			throw DomainException.badRequest("malformed_event", "The event is not valid.");
		}
	}
}
