package io.staybook.shared.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalar.GraphqlIDCoercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import java.util.Locale;

/**
 * The coercing of the {@code ID} scalar, but a blank ID given as an input (a literal or a variable) is refused: every
 * ID of Staybook's schema is a UUID, and a blank one is no UUID (see {@link GraphQlConfig#nonBlankIds()}). Output is
 * untouched.
 */
final class NonBlankIds extends GraphqlIDCoercing {

	private static final String BLANK = "an ID must not be blank";

	@Override
	public Object parseValue(Object input, GraphQLContext context, Locale locale) {
		Object id = super.parseValue(input, context, locale);
		if (id instanceof String text && text.isBlank()) {
			throw new CoercingParseValueException(BLANK);
		}
		return id;
	}

	@Override
	public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
		Object id = super.parseLiteral(input, variables, context, locale);
		if (id instanceof String text && text.isBlank()) {
			throw new CoercingParseLiteralException(BLANK);
		}
		return id;
	}
}
