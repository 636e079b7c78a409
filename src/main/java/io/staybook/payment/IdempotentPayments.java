package io.staybook.payment;

import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.security.Actor;
import org.springframework.stereotype.Service;

/**
 * {@code POST /payments} and the GraphQL {@code createPayment} behind one client {@code Idempotency-Key}, which, unlike
 * the other creating requests, they require: the same key with the same request, by the same user, within 24 hours,
 * returns the first answer (the payment as it was then) and charges nothing more; the same key with another request is
 * a 400; a repeat while the first runs is a 409. See {@link Idempotent}.
 */
@Service
public class IdempotentPayments {

	private final PaymentService payments;

	private final Idempotent idempotent;

	IdempotentPayments(PaymentService payments, Idempotent idempotent) {
		this.payments = payments;
		this.idempotent = idempotent;
	}

	/**
	 * {@link PaymentService#create} under the Idempotency-Key {@code key} (required): a repeat with the same body
	 * replays the first answer; with another body it is a 400 {@code idempotency_key_reused} (Stripe's idempotent
	 * requests).
	 */
	public Idempotent.Outcome<PaymentView> create(Actor actor, PaymentService.Request request, String key) {
		return idempotent.runRequired(IdempotencyScope.user(actor.id()), key, request, PaymentView.class,
				() -> payments.create(actor, request));
	}
}
