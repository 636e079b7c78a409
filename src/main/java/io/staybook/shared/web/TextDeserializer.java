package io.staybook.shared.web;

import io.staybook.shared.validation.Characters;
import io.staybook.shared.validation.MultiLine;
import io.staybook.shared.validation.Secret;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads every JSON string of a REST request body by the API's one rule for text ({@link Characters#fault}), refusing
 * what breaks it where it is read, a 400 {@code validation_failed} naming the field ({@link JsonReadErrors}): a field
 * of a request body (a record of a {@code web} package, where every body of the API is declared) is a single line
 * unless it is marked {@link MultiLine} (tab, line feed and carriage return allowed) or {@link Secret} (only NUL
 * refused); a field marked so elsewhere (GraphQL's {@code query}) follows its mark. Any other string is refused only
 * for a NUL, as before: a value in a free-form object such as GraphQL's {@code variables}, whose arguments GraphQL
 * checks by its schema once bound ({@code shared.graphql.StrictArguments}), and what the service reads back with the
 * same mapper (a job's data, which may hold a message's lines). PostgreSQL's text cannot hold a NUL, and its refusal
 * there named no field; the other control characters were stored, to end up in mails, logs, CSV exports and
 * terminals.
 */
final class TextDeserializer extends StringDeserializer {

	/** What the mapper is given; each field gets the kind its class and marks say ({@link #createContextual}). */
	static final TextDeserializer ANY = new TextDeserializer(Kind.ANY);

	/** The classes whose fields are read as single lines unless marked: those of our {@code web} packages. */
	private static final Pattern REQUEST_BODIES = Pattern.compile("io\\.staybook\\.(\\w+\\.)+web\\..*");

	private final Kind kind;

	private TextDeserializer(Kind kind) {
		this.kind = kind;
	}

	private enum Kind {
		SINGLE_LINE, MULTI_LINE, ANY
	}

	@Override
	public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
		Kind wanted = kind(property);
		return wanted == kind ? this : new TextDeserializer(wanted);
	}

	private static Kind kind(BeanProperty property) {
		if (property == null || property.getAnnotation(Secret.class) != null) {
			return Kind.ANY;
		}
		if (property.getAnnotation(MultiLine.class) != null) {
			return Kind.MULTI_LINE;
		}
		return property.getMember() != null && REQUEST_BODIES.matcher(property.getMember().getDeclaringClass()
			.getName()).matches() ? Kind.SINGLE_LINE : Kind.ANY;
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String text = super.deserialize(parser, context);
		if (text == null) {
			return null;
		}
		String fault = kind == Kind.ANY ? (Characters.hasNul(text) ? Characters.HAS_NUL : null)
				: Characters.fault(text, kind == Kind.MULTI_LINE);
		if (fault != null) {
			throw InvalidFormatException.from(parser, fault, text, String.class);
		}
		return text;
	}
}
