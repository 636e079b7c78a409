package io.staybook.shared.web;

import io.staybook.shared.validation.Characters;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * A JSON string with a NUL ({@code \u0000}) is refused where it is read, a 400 naming the field
 * ({@link JsonReadErrors}): PostgreSQL's text cannot hold it, and its refusal there named no field (messages checked
 * their body themselves; every other text reached the database).
 */
final class NulFreeStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String text = super.deserialize(parser, context);
		if (text != null && Characters.hasNul(text)) {
			return (String) context.handleWeirdStringValue(String.class, text, Characters.HAS_NUL);
		}
		return text;
	}
}
