package io.staybook.shared.idempotency;

import java.net.URI;
import org.springframework.http.ResponseEntity;

/** The REST side of {@link Idempotent}: the header a client sends, and the answer that marks a replay. */
public final class IdempotentResponses {

	/** The request header carrying the client's key (Stripe's name, and the IETF draft's). */
	public static final String KEY_HEADER = "Idempotency-Key";

	/** {@code true} on an answer replayed for a repeated key, as Stripe marks them ({@code Idempotent-Replayed}). */
	public static final String REPLAYED_HEADER = "Idempotency-Replayed";

	private IdempotentResponses() {
	}

	/** 201 with {@code Location} and {@code body}; with {@code Idempotency-Replayed: true} when it is a replay. */
	public static <B> ResponseEntity<B> created(Idempotent.Outcome<?> outcome, URI location, B body) {
		ResponseEntity.BodyBuilder response = ResponseEntity.created(location);
		if (outcome.replayed()) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(body);
	}

	/** 200 with {@code body}, for a keyed action that creates nothing (an answer to a request to book), marked as above. */
	public static <B> ResponseEntity<B> ok(Idempotent.Outcome<?> outcome, B body) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (outcome.replayed()) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(body);
	}
}
