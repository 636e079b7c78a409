package io.staybook.shared.web;

import io.staybook.shared.CalendarDates;
import java.time.LocalDate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a calendar date only as the contract writes it, a JSON string {@code YYYY-MM-DD} (ISO 8601's extended calendar
 * date). Jackson's own reader trims spaces, drops a time of day ({@code 2027-01-05T00:00:00}) and takes arrays and
 * epoch numbers; each of those is a wrong type here.
 */
final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {

	IsoDateDeserializer() {
		super(LocalDate.class);
	}

	@Override
	public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
		LocalDate date = parser.currentToken() == JsonToken.VALUE_STRING ? CalendarDates.parse(parser.getString()) : null;
		return date != null ? date : context.reportInputMismatch(this, "must be a date YYYY-MM-DD");
	}
}
