package io.staybook.shared.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.List;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An operation over the GraphQL WebSocket refused before it runs (a document that does not parse or is not valid
 * against the schema, such as an unknown field or a missing required argument; variables that do not fit their
 * types; an operation over the depth, fragment or cost limits) is answered with one {@code error} message whose
 * payload is the array of its GraphQL errors, and nothing after it, as graphql-transport-ws says ("Operation execution
 * error(s) ... happening before the actual execution, usually due to validation errors"; "If the server dispatched
 * the Error message relative to the original Subscribe message, no Complete message will be emitted"). Spring for
 * GraphQL sent such a result as any other, a {@code next} with the errors and then a {@code complete}, and has no
 * setting for it. Such a result is the one with no {@code data} entry at all (the GraphQL specification's request
 * error); errors of a running operation come with {@code data} (null, or partial) and stay a {@code next}, as do the
 * errors of a subscription's event. The {@code error} message is Spring's own, the one it sends for a subscription
 * whose stream fails: the refused result is handed to it as a stream failing at once with those errors.
 */
final class SocketRequestErrors implements WebGraphQlHandler {

	private final WebGraphQlHandler handler;

	SocketRequestErrors(WebGraphQlHandler handler) {
		this.handler = handler;
	}

	@Override
	public Mono<WebGraphQlResponse> handleRequest(WebGraphQlRequest request) {
		return handler.handleRequest(request).map(SocketRequestErrors::refusedAsAWhole);
	}

	@Override
	public WebSocketGraphQlInterceptor getWebSocketInterceptor() {
		return handler.getWebSocketInterceptor();
	}

	@Override
	public ContextSnapshotFactory contextSnapshotFactory() {
		return handler.contextSnapshotFactory();
	}

	/** {@code response} as a stream failing with its errors if it was refused before it ran, else as it is. */
	static WebGraphQlResponse refusedAsAWhole(WebGraphQlResponse response) {
		ExecutionResult result = response.getExecutionResult();
		if (result.isDataPresent() || result.getErrors().isEmpty()) {
			return response;
		}
		List<GraphQLError> errors = result.getErrors();
		return response.transform(builder -> builder.errors(List.of())
			.data(Flux.error(new SubscriptionPublisherException(errors, null))));
	}
}
