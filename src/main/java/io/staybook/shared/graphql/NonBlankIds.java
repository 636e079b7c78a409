package io.staybook.shared.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalar.GraphqlIDCoercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import io.staybook.shared.Ids;
import java.util.Locale;

/**
 * The coercing of the {@code ID} scalar, but an ID given as an input (a literal or a variable) must be a UUID in its
 * canonical form ({@link Ids#parse}): every ID of Staybook's schema is one. A blank one is refused with its own
 * message (see {@link GraphQlConfig#nonBlankIds()}); any other text that is no canonical UUID too, where Spring's
 * conversion ({@code UUID.fromString}) took {@code 1-1-1-1-1} for an id and answered NOT_FOUND. The message names
 * the argument or variable. Output is untouched.
 */
final class NonBlankIds extends GraphqlIDCoercing {

	private static final String BLANK = "an ID must not be blank";

	private static final String NOT_A_UUID = "an ID must be a UUID (8-4-4-4-12 hexadecimal digits)";

	@Override
	public Object parseValue(Object input, GraphQLContext context, Locale locale) {
		Object id = super.parseValue(input, context, locale);
		String problem = problem(id);
		if (problem != null) {
			throw new CoercingParseValueException(problem);
		}
		return id;
	}

	@Override
	public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
		Object id = super.parseLiteral(input, variables, context, locale);
		String problem = problem(id);
		if (problem != null) {
			throw new CoercingParseLiteralException(problem);
		}
		return id;
	}

	/** What is wrong with an input ID, or null when it is a canonical UUID. */
	private static String problem(Object id) {
		String text = String.valueOf(id);
		if (text.isBlank()) {
			return BLANK;
		}
		return Ids.canonical(text) ? null : NOT_A_UUID;
	}
}
