package io.staybook.shared.web;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads money as the contract writes it: a decimal string of digits with an optional fraction ({@code "120.00"}), or a
 * plain JSON number. Jackson's own reader trims spaces and takes exponents ({@code " 120.00"}, {@code "1e3"}), each of
 * which is a wrong type here (400); the number of fraction digits is left to the field's {@code @Digits}.
 */
final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

	private static final Pattern DECIMAL_STRING = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	DecimalDeserializer() {
		super(BigDecimal.class);
	}

	@Override
	public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDecimalValue();
		}
		if (token == JsonToken.VALUE_STRING && DECIMAL_STRING.matcher(parser.getString()).matches()) {
			return new BigDecimal(parser.getString());
		}
		return context.reportInputMismatch(this, "must be a decimal string such as \"120.00\"");
	}
}
