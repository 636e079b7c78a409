package io.staybook.shared.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Queries too deep or too costly are refused before anything runs. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfig {

	@Bean
	Instrumentation maxQueryDepth(GraphQlSettings settings) {
		return new MaxQueryDepthInstrumentation(settings.maxDepth());
	}

	@Bean
	Instrumentation maxQueryComplexity(GraphQlSettings settings) {
		FieldComplexityCalculator perPage = (environment, childComplexity) -> {
			Object first = environment.getArguments().get("first");
			int times = first instanceof Integer n ? Math.max(1, Math.min(n, Connections.MAX_FIRST)) : 1;
			return 1 + childComplexity * times;
		};
		return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), perPage);
	}
}
