package io.staybook.shared.paging;

import io.staybook.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Encodes the sort key of the last row of a page as an opaque cursor. A cursor is a position in the sort order, not an
 * offset, so rows inserted meanwhile neither repeat nor vanish from the following pages.
 */
public final class Cursors {

	private static final char SEPARATOR = '\u001f';

	private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant PAST_LAST = Instant.parse("+10000-01-01T00:00:00Z");

	private Cursors() {
	}

	/**
	 * An opaque cursor of {@code keys}, each by its text, in URL-safe Base64 without padding; {@link #decode}
	 * gives the texts back.
	 */
	public static String encode(Object... keys) {
		StringBuilder text = new StringBuilder();
		for (Object key : keys) {
			if (!text.isEmpty()) {
				text.append(SEPARATOR);
			}
			text.append(key == null ? "" : key.toString());
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** The keys of a cursor; a cursor that does not decode to {@code expected} keys is a 400. */
	public static List<String> decode(String cursor, int expected) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> keys = List.of(text.split(String.valueOf(SEPARATOR), -1));
			if (keys.size() != expected) {
				throw invalid();
			}
			return keys;
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	/**
	 * A cursor's time key, as {@link Instant#toString()} wrote it: an ISO-8601 instant within the years 1 to 9999, which
	 * every stored time is. A forged one outside them (year +1000000000, say) would overflow on its way to PostgreSQL
	 * ({@code java.sql.Timestamp}'s milliseconds are a {@code long}), a 500; it is a 400 here instead.
	 */
	public static Instant instant(String key) {
		try {
			Instant at = Instant.parse(key);
			if (at.isBefore(FIRST) || !at.isBefore(PAST_LAST)) {
				throw invalid();
			}
			return at;
		}
		catch (DateTimeParseException ex) {
			throw invalid();
		}
	}

	/** The 400 of a cursor that does not decode: a failure of the field {@code cursor}. */
	public static DomainException invalid() {
		return DomainException.invalidField("cursor", "is not a valid cursor");
	}
}
