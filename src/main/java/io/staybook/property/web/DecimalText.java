package io.staybook.property.web;

import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads an amount kept as text, so that {@code null} can clear it ({@link io.staybook.shared.web.NullClears} reads a
 * sent null as {@code ""}): a decimal string ({@code "150.00"}) or a plain JSON number, as every amount of the API
 * (shared.web's reader of {@code BigDecimal}); anything else is a wrong type (400).
 */
final class DecimalText extends StdScalarDeserializer<String> {

	/** What is read as is; the number of digits is left to the field's {@code @Pattern}. */
	private static final Pattern DECIMAL_STRING = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	DecimalText() {
		super(String.class);
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDecimalValue().toPlainString();
		}
		if (token == JsonToken.VALUE_STRING && DECIMAL_STRING.matcher(parser.getString()).matches()) {
			return parser.getString();
		}
		return (String) context.reportInputMismatch(this, "must be a decimal string such as \"150.00\", or null");
	}
}
