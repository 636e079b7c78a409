package io.staybook.shared.graphql;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Automatic persisted queries (Apollo's protocol, https://www.apollographql.com/docs/apollo-server/performance/apq,
 * which Apollo Client's persisted-query link and urql's {@code persistedExchange} speak) are not supported: a request
 * with {@code extensions.persistedQuery} and no {@code query} is answered with the error those clients know,
 * {@code PersistedQueryNotSupported} (code {@code persisted_query_not_supported}, BAD_REQUEST), on which they send the
 * whole document, now and from then on. Keeping documents by a hash that clients choose would be one more cache for
 * them to fill. A request that brings its document runs it, its hash ignored. Every other request goes on to
 * {@code next}.
 */
final class PersistedQueries implements PreparsedDocumentProvider {

	/** The message Apollo Client and urql look for (exactly this text). */
	static final String NOT_SUPPORTED = "PersistedQueryNotSupported";

	private final PreparsedDocumentProvider next;

	PersistedQueries(PreparsedDocumentProvider next) {
		this.next = next;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		// Spring GraphQL's stand-in document for a request with a persisted-query hash and no query
		if (PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(input.getQuery())) {
			return CompletableFuture.completedFuture(new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
				.message(NOT_SUPPORTED)
				.errorType(ErrorClassification.BAD_REQUEST)
				.extensions(Map.of("code", "persisted_query_not_supported"))
				.build()));
		}
		return next.getDocumentAsync(input, parseAndValidate);
	}
}
