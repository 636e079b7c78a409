package io.staybook.shared.graphql;

import graphql.Scalars;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLScalarType;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.shared.ratelimit.GraphQlCostLimit;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
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

	/** Subscriptions' arguments are refused as queries' are ({@link SubscriptionArguments}). */
	@Bean
	GraphQlSourceBuilderCustomizer subscriptionArguments() {
		return builder -> builder.typeVisitors(List.of(new SubscriptionArguments()));
	}

	/**
	 * Every controller method and batch loader of an operation runs on the operation's own thread, one after the other,
	 * as a REST request's code does: an operation holds at most one database connection at a time, whatever its number
	 * of fields. Spring Boot hands Spring for GraphQL the application's task executor (with virtual threads, one new
	 * thread per call, without bound), and each field whose method returns a plain value then ran on a thread of its
	 * own at once: one query of 1,000 aliases ({@code { a0: booking(id: $b) { id } a1: ... }}, a complexity of 2,000,
	 * within the budget) took all of the node's connection pool for seconds, and every other request on the node, REST
	 * included, waited for a connection and was answered 503 (OWASP API Security Top 10, API4:2023 Unrestricted
	 * Resource Consumption). Batched fields ({@code @BatchMapping}, DataLoaders) are still loaded a page at a time.
	 */
	@Bean
	static BeanPostProcessor fieldsOnTheOperationsThread() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AnnotatedControllerConfigurer controllers) {
					controllers.setBlockingMethodPredicate(method -> false);
				}
				return bean;
			}
		};
	}

	/**
	 * The shape of a document's fragments, checked before validation (see {@link FragmentSpreads}): an operation may
	 * stand for as many selections as the complexity budget, and at least 10,000 (introspection is outside that
	 * budget, not outside this bound).
	 */
	@Bean
	Instrumentation fragmentSpreads(GraphQlSettings settings) {
		return new FragmentSpreads(Math.max(FragmentSpreads.MIN_SELECTIONS, settings.maxComplexity()));
	}

	/**
	 * The {@code ID} scalar refuses a blank value, as an argument or in an input, before anything runs (BAD_REQUEST
	 * {@code invalid_query}): every ID of the schema is a UUID, and Spring's conversion to {@link java.util.UUID} made
	 * {@code ""} and blanks null, which {@code booking(id: "")}, {@code review}, {@code payment} and their mutations
	 * handed to the repository's {@code findById} (an INTERNAL_ERROR, logged as unhandled), and which
	 * {@code reviews(propertyId: "")} took for no filter at all. Any other text that is not a canonical UUID is a
	 * {@code validation_failed} naming the argument ({@link StrictArguments}).
	 */
	@Bean
	RuntimeWiringConfigurer nonBlankIds() {
		// strict wiring refuses a second definition of a scalar: this one replaces the built-in ID on purpose
		return wiring -> wiring.strictMode(false)
			.scalar(GraphQLScalarType.newScalar(Scalars.GraphQLID).coercing(new NonBlankIds()).build())
			.strictMode(true);
	}

	/**
	 * An {@code ID} argument that is no canonical UUID, or a NUL in any text argument, is a {@code validation_failed}
	 * naming the argument or input field ({@link StrictArguments}).
	 */
	@Bean
	Instrumentation strictArguments() {
		return new StrictArguments();
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
