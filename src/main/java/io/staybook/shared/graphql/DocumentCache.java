package io.staybook.shared.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.ParserOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated GraphQL documents, kept so that a client sending the same document again (as Apollo, urql and
 * Relay do, with only the variables changing) is neither parsed nor validated again. graphql-java calls this before
 * anything else of an operation; what it answers stands for parsing and validation.
 * <p>
 * What is cached is a function of the key alone: the query text and the locale (graphql-java words its parse and
 * validation errors in the request's language, English, German or Dutch). Validation does not look at the variables'
 * values, the operation name or the caller, and the schema is fixed while the service runs (introspection switched off
 * is part of the schema's field visibility, the same for every caller). A document with errors is cached as well and
 * answers the same errors each time. What depends on the caller or the variables runs per request, after this: the
 * depth budget ({@link MaxQueryDepth}, which honours {@code @skip}/{@code @include} variables), the cost and its
 * charge to the caller's rate limit ({@link OperationCost}), graphql-java's good-faith introspection check and the data
 * fetchers' own authorization. A request that brings its own parser options or validation rules in its context is not
 * cached.
 * <p>
 * Bounded in weight, not only in entries: a document weighs one per started KiB of its text, so a flood of distinct or
 * large documents (a query may have up to 1 MiB) evicts older ones instead of exhausting memory. The cache meters are
 * Micrometer's Caffeine meters, {@code cache.gets{cache="graphql.documents",result=hit|miss}}, {@code cache.size}, ...
 */
final class DocumentCache implements PreparsedDocumentProvider {

	/** The name of the cache in the cache meters. */
	static final String NAME = "graphql.documents";

	private final Cache<Key, PreparsedDocumentEntry> documents;

	/** @param capacity how many KiB of document text are kept (a document weighs at least 1); 0 keeps none */
	DocumentCache(int capacity, MeterRegistry meters) {
		this.documents = Caffeine.newBuilder()
			.maximumWeight(capacity)
			.weigher((Key key, PreparsedDocumentEntry entry) -> 1 + (key.query.length() - 1) / 1024)
			.recordStats()
			// evict in the caller's thread: cheap, and the bound holds the moment a document is added
			.executor(Runnable::run)
			.build();
		CaffeineCacheMetrics.monitor(meters, documents, NAME);
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		if (input.getQuery() == null || !cacheable(input.getGraphQLContext())) {
			return CompletableFuture.completedFuture(parseAndValidate.apply(input));
		}
		Locale locale = input.getLocale() != null ? input.getLocale() : Locale.getDefault();
		return CompletableFuture.completedFuture(
				documents.get(new Key(input.getQuery(), locale), key -> parseAndValidate.apply(input)));
	}

	/** Whether parsing and validation depend on nothing but the text and the locale: no per-request options. */
	private static boolean cacheable(GraphQLContext context) {
		return !context.hasKey(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT)
				&& !context.hasKey(ParserOptions.class);
	}

	private record Key(String query, Locale locale) {
	}
}
