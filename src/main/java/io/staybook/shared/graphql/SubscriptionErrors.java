package io.staybook.shared.graphql;

import graphql.GraphQLError;
import io.staybook.shared.Failures;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * {@link GraphQlErrors} for subscriptions: a subscription that fails to start or fails on the way (no such
 * conversation, no account) ends with one error of the same classification and code as a query's, sent as the
 * {@code error} message of graphql-transport-ws, instead of Spring's bare INTERNAL_ERROR.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		// a subscription only reads
		return GraphQlErrors.of(Failures.ofRead(ex, "subscription"));
	}
}
