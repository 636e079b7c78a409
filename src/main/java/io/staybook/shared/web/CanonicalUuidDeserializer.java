package io.staybook.shared.web;

import io.staybook.shared.Ids;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A JSON id only as a canonical UUID string ({@link io.staybook.shared.Ids#parse}): Jackson's own also took 24 characters of base64
 * for the 16 bytes ({@code "AZXzonwefU6aO18cLT5PUA=="}). Anything else is a 400 naming the field.
 */
final class CanonicalUuidDeserializer extends StdScalarDeserializer<UUID> {

	CanonicalUuidDeserializer() {
		super(UUID.class);
	}

	@Override
	public UUID deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return (UUID) context.handleUnexpectedToken(UUID.class, parser);
		}
		String text = parser.getString();
		if (!Ids.canonical(text)) {
			return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a canonical UUID");
		}
		return UUID.fromString(text);
	}
}
