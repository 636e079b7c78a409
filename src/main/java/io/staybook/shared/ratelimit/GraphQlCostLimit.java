package io.staybook.shared.ratelimit;

import graphql.GraphQLContext;
import java.time.Duration;
import java.util.Optional;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link RateLimits#GRAPHQL} limit: a GraphQL operation over HTTP takes its cost (the complexity graphql-java
 * computes, see {@code io.staybook.shared.graphql.OperationCost}) from the caller's bucket, keyed as
 * {@link RateLimitFilter} keys every API call (the account, else the client address). The bucket is in complexity units,
 * so a page of fifty listings with their hosts costs what fifty small queries cost. An operation over the remaining
 * budget is not run: a 429 whose body is a GraphQL error {@code TOO_MANY_REQUESTS} / {@code too_many_requests}, with
 * {@code Retry-After}; the RateLimit headers go on every GraphQL response over HTTP. An operation that costs more than
 * the bucket holds takes the whole bucket (it passes only on a full one). Operations over WebSocket are not charged.
 */
@Component
public class GraphQlCostLimit implements WebGraphQlInterceptor {

	private final RateLimits limits;

	GraphQlCostLimit(RateLimits limits) {
		this.limits = limits;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request.getAttributes().get(RateLimitFilter.KEY_ATTRIBUTE) instanceof String key)) {
			return chain.next(request);
		}
		Charge charge = new Charge(key);
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(context -> context.put(Charge.class, charge)).build());
		return chain.next(request).map(response -> {
			response.getResponseHeaders().addAll(charge.headers);
			return response;
		});
	}

	/**
	 * Takes {@code cost} from the bucket of the caller of the operation whose context this is.
	 * @return empty when taken (or the operation is not charged), else how long until the bucket holds that much
	 */
	public Optional<Duration> charge(GraphQLContext context, int cost) {
		Charge charge = context.get(Charge.class);
		if (charge == null) {
			return Optional.empty();
		}
		Optional<Duration> wait = limits.tryAcquire(RateLimits.GRAPHQL, charge.key, cost, charge.headers::add);
		wait.ifPresent(seconds -> charge.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.toSeconds())));
		return wait;
	}

	/** One operation's charge: whose bucket, and the headers its answer gets. */
	private static final class Charge {

		final String key;

		final HttpHeaders headers = new HttpHeaders();

		Charge(String key) {
			this.key = key;
		}
	}
}
