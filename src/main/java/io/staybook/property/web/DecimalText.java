package io.staybook.property.web;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads an amount kept as text, so that {@code null} can clear it ({@link io.staybook.shared.web.NullClears} reads a
 * sent null as {@code ""}): whatever the API reads as an amount ({@code "150.00"} or a plain JSON number, by the
 * application's reader of {@code BigDecimal}; anything else is a wrong type, 400), as its plain decimal text.
 */
final class DecimalText extends StdScalarDeserializer<String> {

	DecimalText() {
		super(String.class);
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		BigDecimal amount = context.readValue(parser, BigDecimal.class);
		return amount == null ? null : amount.toPlainString();
	}
}
