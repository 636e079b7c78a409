package io.staybook.shared.graphql;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.shared.ratelimit.GraphQlCostLimit;
import java.util.Map;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Queries too deep or too costly are refused before anything runs, as BAD_REQUEST with a stable code, like every other
 * refusal of the API; an operation's cost is also charged to the caller's GraphQL rate limit ({@link OperationCost}).
 * Introspection is outside both budgets (see {@link IntrospectionFields}). A document sent again is neither parsed nor
 * validated again ({@link DocumentCache}); both budgets are still checked on every request.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

	@Bean
	GraphQlSourceBuilderCustomizer documentCache(GraphQlSettings settings, MeterRegistry meters) {
		DocumentCache documents = new DocumentCache(settings.documentCacheSize(), meters);
		return builder -> builder
			.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new PersistedQueries(documents)));
	}

	@Bean
	Instrumentation maxQueryDepth(GraphQlSettings settings) {
		return new MaxQueryDepth(settings.maxDepth());
	}

	@Bean
	Instrumentation operationCost(GraphQlSettings settings, GraphQlCostLimit limit) {
		return new OperationCost(settings.maxComplexity(), limit::charge);
	}

	/**
	 * Spring's GraphQL-over-HTTP handler, except that an operation refused as a whole by the rate limit (no data, a
	 * TOO_MANY_REQUESTS error) is a 429, as every other rate-limited call of the API (with {@code Retry-After},
	 * {@link GraphQlCostLimit}); a field's own TOO_MANY_REQUESTS error (a throttled login) leaves the status alone.
	 */
	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler) {
		return new GraphQlHttpHandler(handler) {
			@Override
			protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
				boolean refused = response.getData() == null && response.getErrors()
					.stream()
					.anyMatch(error -> ErrorClassification.TOO_MANY_REQUESTS.name()
						.equals(error.getExtensions().get("classification")));
				return refused ? HttpStatus.TOO_MANY_REQUESTS : super.selectResponseStatus(response, responseMediaType);
			}
		};
	}

	/**
	 * A query refused as a whole. graphql-java would classify it {@code ExecutionAborted}, with no code; a client
	 * handles it like any other bad request. (Its Java error type must stay an {@code ErrorType}; the classification a
	 * client sees is the one in the extensions, which graphql-java keeps when it is given.)
	 */
	static final class Refused extends AbortExecutionException {

		private final ErrorClassification classification;

		private final String code;

		Refused(ErrorClassification classification, String code, String message) {
			super(message);
			this.classification = classification;
			this.code = code;
		}

		@Override
		public Map<String, Object> getExtensions() {
			return Map.of("code", code, "classification", classification.name());
		}
	}
}
