package io.staybook.shared.graphql;

import graphql.execution.DataFetcherResult;
import io.staybook.shared.idempotency.Idempotent;
import java.util.Map;
import java.util.function.Function;

/**
 * GraphQL's {@code Idempotency-Replayed: true}: a creating mutation answered from an earlier request with the same
 * {@code idempotencyKey} says so in the response's top-level {@code extensions} as {@code "idempotencyReplayed": true},
 * so a GraphQL client tells a replay from a new creation as a REST client does by the header (Stripe's convention).
 * A new creation carries no such entry.
 */
public final class IdempotentResults {

	/** The key in the response's {@code extensions}. */
	public static final String REPLAYED = "idempotencyReplayed";

	private IdempotentResults() {
	}

	/** The outcome's value as the field's data, marked when it was replayed. */
	public static <T> DataFetcherResult<T> of(Idempotent.Outcome<T> outcome) {
		return of(outcome, Function.identity());
	}

	/** {@code view} of the outcome's value as the field's data, marked when it was replayed. */
	public static <T, R> DataFetcherResult<R> of(Idempotent.Outcome<T> outcome, Function<T, R> view) {
		DataFetcherResult.Builder<R> result = DataFetcherResult.<R>newResult().data(view.apply(outcome.value()));
		if (outcome.replayed()) {
			result.extensions(Map.of(REPLAYED, true));
		}
		return result.build();
	}
}
