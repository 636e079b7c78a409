package io.staybook.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * A JSON string with a NUL ({@code \u0000}) is refused where it is read, a 400 naming the field
 * ({@link JsonReadErrors}): PostgreSQL's text cannot hold it, and its refusal there named no field (messages checked
 * their body themselves; every other text reached the database).
 */
final class NulFreeStringDeserializer extends StringDeserializer {

	/** What a field error says of such a text, in JSON bodies, query parameters and GraphQL arguments alike. */
	static final String MESSAGE = "must not contain NUL characters";

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String text = super.deserialize(parser, context);
		if (text != null && text.indexOf('\0') >= 0) {
			return (String) context.handleWeirdStringValue(String.class, text, MESSAGE);
		}
		return text;
	}
}
