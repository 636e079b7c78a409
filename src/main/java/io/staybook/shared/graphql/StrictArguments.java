package io.staybook.shared.graphql;

import graphql.Scalars;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition.Operation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLArgument;
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
 * its canonical form ({@link Ids#parse}) or a text with a NUL ({@code \u0000}), before its fetcher runs: BAD_REQUEST
 * {@code validation_failed} naming the argument or input field by its own name, as binding failures are named, and as
 * REST names the parameter or JSON field. Spring's conversion, after refusing such an ID, fell back to
 * {@code UUID.fromString}, which took {@code 1-1-1-1-1} for an id (NOT_FOUND); PostgreSQL's text cannot hold a NUL,
 * and its refusal named no field. A blank ID is refused earlier, by the scalar ({@link NonBlankIds}). Fields without
 * arguments are left as they are, so that a page's nested fields cost nothing more.
 */
final class StrictArguments extends SimplePerformantInstrumentation {

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
			check(argument.getName(), environment.getArguments().get(argument.getName()), argument.getType());
		}
	}

	private static void check(String name, Object value, GraphQLType type) {
		GraphQLType bare = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
		switch (value) {
			case String text when Characters.hasNul(text) -> throw DomainException.invalidField(name,
					Characters.HAS_NUL);
			case String text when isId(bare) && !Ids.canonical(text) -> throw DomainException.invalidField(name,
					Ids.NOT_CANONICAL);
			case List<?> list when bare instanceof GraphQLList of -> list.forEach(
					member -> check(name, member, of.getWrappedType()));
			case Map<?, ?> input when bare instanceof GraphQLInputObjectType object -> input.forEach((key, member) -> {
				GraphQLInputObjectField field = object.getField(String.valueOf(key));
				if (field != null) {
					check(field.getName(), member, field.getType());
				}
			});
			case null, default -> {
			}
		}
	}

	private static boolean isId(GraphQLType type) {
		return type instanceof GraphQLNamedType named && type instanceof GraphQLInputType
				&& Scalars.GraphQLID.getName().equals(named.getName());
	}
}
