package io.staybook.shared.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queries too deep or too costly are refused before anything runs, as BAD_REQUEST with a stable code, like every other
 * refusal of the API. Introspection is outside both budgets (see {@link IntrospectionFields}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

	@Bean
	Instrumentation maxQueryDepth(GraphQlSettings settings) {
		return new MaxQueryDepth(settings.maxDepth());
	}

	@Bean
	Instrumentation maxQueryComplexity(GraphQlSettings settings) {
		FieldComplexityCalculator perPage = (environment, childComplexity) -> {
			// introspection reads the in-memory schema; what is under __schema or __type is not counted either
			if (IntrospectionFields.isIntrospection(environment.getField().getName())) {
				return 0;
			}
			Object first = environment.getArguments().get("first");
			int times = first instanceof Integer n ? Math.max(1, Math.min(n, Connections.MAX_FIRST)) : 1;
			return 1 + childComplexity * times;
		};
		return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), perPage) {
			@Override
			protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
				return new Refused("query_too_complex", "The query's complexity is " + complexity + "; at most "
						+ maxComplexity + " is allowed. Ask for smaller pages (first) or fewer fields.");
			}
		};
	}

	/**
	 * A query refused as a whole. graphql-java would classify it {@code ExecutionAborted}, with no code; a client
	 * handles it like any other bad request. (Its Java error type must stay an {@code ErrorType}; the classification a
	 * client sees is the one in the extensions, which graphql-java keeps when it is given.)
	 */
	static final class Refused extends AbortExecutionException {

		private final String code;

		Refused(String code, String message) {
			super(message);
			this.code = code;
		}

		@Override
		public Map<String, Object> getExtensions() {
			return Map.of("code", code, "classification", ErrorClassification.BAD_REQUEST.name());
		}
	}
}
