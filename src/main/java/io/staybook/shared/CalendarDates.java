package io.staybook.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Calendar dates as the contract writes them, {@code YYYY-MM-DD} and nothing else, for REST's query parameters and
 * JSON bodies and GraphQL's date arguments alike. {@link LocalDate#parse} alone also takes a signed year of five or
 * more digits ({@code +10000-01-01}, {@code -0001-01-01}), which REST refuses: the two APIs answered differently.
 */
public final class CalendarDates {

	private static final Pattern SYNTAX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private CalendarDates() {
	}

	/** The date in {@code text}, or {@code null} when it is not exactly a valid {@code YYYY-MM-DD}. */
	public static LocalDate parse(String text) {
		if (text == null || !SYNTAX.matcher(text).matches()) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * A GraphQL date argument: null when left out, else the date.
	 * @throws DomainException 400 {@code validation_failed} on {@code field} when it is not a date {@code YYYY-MM-DD}
	 */
	public static LocalDate argument(String field, String value) {
		if (value == null) {
			return null;
		}
		LocalDate date = parse(value);
		if (date == null) {
			throw DomainException.invalidField(field, "must be a date like 2027-03-01");
		}
		return date;
	}
}
