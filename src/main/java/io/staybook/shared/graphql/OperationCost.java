package io.staybook.shared.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.staybook.shared.ratelimit.GraphQlCostLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * An operation's cost, computed once when it is about to run (after validation): each field counts 1, and what is
 * under a field with {@code first} counts that many times (a page's size, at most {@link Connections#MAX_FIRST});
 * introspection counts 0 ({@link IntrospectionFields}). An operation costlier than
 * {@code staybook.graphql.max-complexity} is refused as BAD_REQUEST {@code query_too_complex}; any other is charged to
 * the caller's GraphQL rate limit ({@link GraphQlCostLimit}), and refused as TOO_MANY_REQUESTS
 * {@code too_many_requests} when over the remaining budget. Either way nothing of it runs.
 */
class OperationCost extends SimplePerformantInstrumentation {

	static final FieldComplexityCalculator PER_PAGE = (environment, childComplexity) -> {
		// introspection reads the in-memory schema; what is under __schema or __type is not counted either
		if (IntrospectionFields.isIntrospection(environment.getField().getName())) {
			return 0;
		}
		Object first = environment.getArguments().get("first");
		int times = first instanceof Integer n ? Math.max(1, Math.min(n, Connections.MAX_FIRST)) : 1;
		return 1 + childComplexity * times;
	};

	private final int maxComplexity;

	private final Budget limit;

	/** Where an operation's cost is charged: {@link GraphQlCostLimit#charge}. */
	interface Budget {

		/** Empty when {@code cost} was taken, else how long until it can be. */
		Optional<Duration> charge(GraphQLContext context, int cost);
	}

	OperationCost(int maxComplexity, Budget limit) {
		this.maxComplexity = maxComplexity;
		this.limit = limit;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		int cost = of(execution);
		if (cost > maxComplexity) {
			throw new GraphQlConfig.Refused(ErrorClassification.BAD_REQUEST, "query_too_complex",
					"The query's complexity is " + cost + "; at most " + maxComplexity
							+ " is allowed. Ask for smaller pages (first) or fewer fields.");
		}
		limit.charge(execution.getGraphQLContext(), cost).ifPresent(wait -> {
			throw new GraphQlConfig.Refused(ErrorClassification.TOO_MANY_REQUESTS, "too_many_requests",
					"Too many requests; try again later.");
		});
		return super.beginExecuteOperation(parameters, state);
	}

	/** The cost of the operation about to run, in complexity units. */
	static int of(ExecutionContext execution) {
		return QueryComplexityCalculator.newCalculator()
			.fieldComplexityCalculator(PER_PAGE)
			.schema(execution.getGraphQLSchema())
			.document(execution.getDocument())
			.operationName(execution.getExecutionInput().getOperationName())
			.variables(execution.getCoercedVariables())
			.build()
			.calculate();
	}
}
