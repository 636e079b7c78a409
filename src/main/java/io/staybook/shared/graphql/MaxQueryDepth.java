package io.staybook.shared.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.staybook.shared.graphql.GraphQlConfig.Refused;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refuses, before anything runs, an operation whose fields nest more than {@code maxDepth} levels ({@code { a { b } }}
 * is 2), with the code {@code query_too_deep}. Introspection fields and what is under them do not count (see
 * {@link IntrospectionFields}). Counts as graphql-java's {@code MaxQueryDepthInstrumentation} does otherwise; that class
 * offers no way to leave fields out.
 * <p>
 * Before traversing the operation with its variables, the depth of the document's text is taken (every selection
 * followed, {@code @skip} and {@code @include} ignored): no operation of it can be deeper, so when that is within the
 * budget the traversal is skipped. This bound is kept with the document ({@link DocumentCache} hands the same one to
 * every request that sends its text), so a repeated document costs no depth work at all.
 */
final class MaxQueryDepth extends SimplePerformantInstrumentation {

	private final int maxDepth;

	/** The depth bound of each document that has run lately, by identity; dropped with the document. */
	private final Cache<Document, Integer> bounds = Caffeine.newBuilder().weakKeys().build();

	MaxQueryDepth(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		if (bounds.get(context.getDocument(), MaxQueryDepth::bound) <= maxDepth) {
			return SimpleInstrumentationContext.noOp();
		}
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

	/**
	 * The deepest nesting of fields in any operation of a valid document (its fragments do not cycle), introspection
	 * fields and what is under them left out.
	 */
	static int bound(Document document) {
		Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class)
			.stream()
			.collect(Collectors.toMap(FragmentDefinition::getName, fragment -> fragment, (a, b) -> a));
		return document.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.mapToInt(operation -> bound(operation.getSelectionSet(), fragments))
			.max()
			.orElse(0);
	}

	private static int bound(SelectionSet selections, Map<String, FragmentDefinition> fragments) {
		if (selections == null) {
			return 0;
		}
		int deepest = 0;
		for (Selection<?> selection : selections.getSelections()) {
			int depth = switch (selection) {
				case Field field when IntrospectionFields.isIntrospection(field.getName()) -> 0;
				case Field field -> 1 + bound(field.getSelectionSet(), fragments);
				case InlineFragment inline -> bound(inline.getSelectionSet(), fragments);
				case FragmentSpread spread when fragments.containsKey(spread.getName()) ->
					bound(fragments.get(spread.getName()).getSelectionSet(), fragments);
				default -> 0;
			};
			deepest = Math.max(deepest, depth);
		}
		return deepest;
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
