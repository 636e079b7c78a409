package io.staybook.shared.graphql;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.staybook.shared.graphql.GraphQlConfig.Refused;

/**
 * Refuses, before anything runs, an operation whose fields nest more than {@code maxDepth} levels ({@code { a { b } }}
 * is 2), with the code {@code query_too_deep}. Introspection fields and what is under them do not count (see
 * {@link IntrospectionFields}). Counts as graphql-java's {@code MaxQueryDepthInstrumentation} does otherwise; that class
 * offers no way to leave fields out.
 */
final class MaxQueryDepth extends SimplePerformantInstrumentation {

	private final int maxDepth;

	MaxQueryDepth(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		int depth = QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getExecutionInput().getOperationName())
			.coercedVariables(context.getCoercedVariables())
			.build()
			.reducePreOrder((field, deepest) -> Math.max(deepest, depth(field)), 0);
		if (depth > maxDepth) {
			throw new Refused(ErrorClassification.BAD_REQUEST, "query_too_deep",
					"The query is nested " + depth + " levels deep; at most " + maxDepth + " are allowed.");
		}
		return SimpleInstrumentationContext.noOp();
	}

	private static int depth(QueryVisitorFieldEnvironment field) {
		if (IntrospectionFields.isWithinIntrospection(field)) {
			return 0;
		}
		int depth = 0;
		for (QueryVisitorFieldEnvironment at = field; at != null; at = at.getParentEnvironment()) {
			depth++;
		}
		return depth;
	}
}
