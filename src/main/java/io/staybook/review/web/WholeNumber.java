package io.staybook.review.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON integer and nothing else. Jackson would otherwise turn {@code 4.5} into {@code 4} and {@code "5"} into
 * {@code 5}; a rating is an integer, and a client that sends anything else learns so (400) instead of being rounded.
 */
class WholeNumber extends ValueDeserializer<Integer> {

	@Override
	public Integer deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
				&& parser.getNumberType() == JsonParser.NumberType.INT) {
			return parser.getIntValue();
		}
		return context.reportInputMismatch(Integer.class, "must be an integer");
	}
}
