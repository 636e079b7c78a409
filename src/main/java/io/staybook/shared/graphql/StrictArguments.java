package io.staybook.shared.graphql;

import graphql.Scalars;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition.Operation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.validation.Characters;
import java.util.List;
import java.util.Map;

/**
 * Refuses a field whose arguments, at any depth of an input object or list, hold an {@code ID} that is not a UUID in
 * its canonical form ({@link Ids#parse}) or a text that breaks the API's rule for text ({@link Characters#fault}),
 * before its fetcher runs: BAD_REQUEST {@code validation_failed} naming the argument or input field by its own name,
 * as binding failures are named, and as REST names the parameter or JSON field. A text is a single line unless the
 * schema marks its argument or input field {@code @multiLine} (tab, line feed and carriage return allowed) or
 * {@code @secret} (a password: only NUL refused), as REST's {@code MultiLine} and {@code Secret} mark JSON fields.
 * Spring's conversion, after refusing such an ID, fell back to {@code UUID.fromString}, which took {@code 1-1-1-1-1}
 * for an id (NOT_FOUND); PostgreSQL's text cannot hold a NUL, and its refusal named no field; other control
 * characters were stored. A blank ID is refused earlier, by the scalar ({@link NonBlankIds}). Fields without
 * arguments are left as they are, so that a page's nested fields cost nothing more.
 */
final class StrictArguments extends SimplePerformantInstrumentation {

	/** The schema's directive of an argument or input field whose text may span lines (shared.graphqls). */
	static final String MULTI_LINE = "multiLine";

	/** The schema's directive of an argument or input field that is a password (shared.graphqls). */
	static final String SECRET = "secret";

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (parameters.getField().getArguments().isEmpty()
				|| parameters.getExecutionContext().getOperationDefinition().getOperation() == Operation.SUBSCRIPTION
						&& parameters.getExecutionStepInfo().getPath().getLevel() == 1) {
			// a subscription's own field checks in its stream, as its other argument errors (SubscriptionArguments)
			return fetcher;
		}
		return environment -> {
			check(environment);
			return fetcher.get(environment);
		};
	}

	/**
	 * Refuses the field's arguments as described above.
	 *
	 * @throws DomainException {@code validation_failed} naming the first argument or input field at fault
	 */
	static void check(DataFetchingEnvironment environment) {
		for (GraphQLArgument argument : environment.getFieldDefinition().getArguments()) {
			check(argument.getName(), environment.getArguments().get(argument.getName()), argument.getType(),
					argument);
		}
	}

	/** {@code marks}: the argument or input field whose directives say what kind of text it holds. */
	private static void check(String name, Object value, GraphQLType type, GraphQLDirectiveContainer marks) {
		GraphQLType bare = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
		switch (value) {
			case String text when fault(text, marks) != null -> throw DomainException.invalidField(name,
					fault(text, marks));
			case String text when isId(bare) && !Ids.canonical(text) -> throw DomainException.invalidField(name,
					Ids.NOT_CANONICAL);
			case List<?> list when bare instanceof GraphQLList of -> list.forEach(
					member -> check(name, member, of.getWrappedType(), marks));
			case Map<?, ?> input when bare instanceof GraphQLInputObjectType object -> input.forEach((key, member) -> {
				GraphQLInputObjectField field = object.getField(String.valueOf(key));
				if (field != null) {
					check(field.getName(), member, field.getType(), field);
				}
			});
			case null, default -> {
			}
		}
	}

	private static String fault(String text, GraphQLDirectiveContainer marks) {
		if (marks.hasAppliedDirective(SECRET)) {
			return Characters.hasNul(text) ? Characters.HAS_NUL : null;
		}
		return Characters.fault(text, marks.hasAppliedDirective(MULTI_LINE));
	}

	private static boolean isId(GraphQLType type) {
		return type instanceof GraphQLNamedType named && type instanceof GraphQLInputType
				&& Scalars.GraphQLID.getName().equals(named.getName());
	}
}
