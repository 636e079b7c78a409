package io.staybook.payment;

import io.staybook.shared.DomainException;
import io.staybook.shared.idempotency.IdempotencyKeys;
import io.staybook.shared.security.Actor;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /payments} and the GraphQL {@code createPayment} behind one client {@code Idempotency-Key}: the same key
 * with the same request, by the same user, within 24 hours, returns the first answer (the payment as it was then) and
 * charges nothing more; the same key with another request is a 400; a repeat while the first runs is a 409.
 */
@Service
public class IdempotentPayments {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PaymentService payments;

	private final IdempotencyKeys keys;

	IdempotentPayments(PaymentService payments, IdempotencyKeys keys) {
		this.payments = payments;
		this.keys = keys;
	}

	public PaymentView create(Actor actor, PaymentService.Request request, String key) {
		if (key == null || key.isBlank() || key.length() > 255) {
			throw DomainException.badRequest("idempotency_key_required",
					"An idempotency key is required (1 to 255 characters).");
		}
		String requestHash = IdempotencyKeys.hash(JSON.writeValueAsString(request));
		if (keys.claim(actor.id(), key, requestHash) instanceof IdempotencyKeys.Replay replay) {
			return JSON.readValue(replay.body(), PaymentView.class);
		}
		try {
			// the key is completed in the payment's own transaction: both are stored, or neither
			return payments.create(actor, request,
					view -> keys.complete(actor.id(), key, 201, JSON.writeValueAsString(view)));
		}
		catch (RuntimeException ex) {
			keys.release(actor.id(), key);
			throw ex;
		}
	}
}
