package io.staybook.shared.validation;

import java.text.Normalizer;

/**
 * How every text limit of the API counts: in Unicode code points, as PostgreSQL's {@code char_length} (the columns'
 * checks), JSON Schema's {@code maxLength} (the OpenAPI document) and Hibernate Validator's {@code @CodePointLength}
 * (the request bodies) count them. {@code String.length()} and Jakarta's {@code @Size} count UTF-16 units instead, two
 * for an emoji, which refused texts at half their documented limit.
 */
public final class Characters {

	/**
	 * What a field error says of a text holding a NUL ({@link #hasNul}), in JSON bodies, query parameters and GraphQL
	 * arguments alike.
	 */
	public static final String HAS_NUL = "must not contain NUL characters";

	private Characters() {
	}

	/**
	 * Whether {@code text} (not null) holds a NUL (U+0000): PostgreSQL's text cannot store one, and its refusal names
	 * no field, so every text a client sends is refused with {@link #HAS_NUL} where it is read.
	 */
	public static boolean hasNul(String text) {
		return text.indexOf('\0') >= 0;
	}

	/** The number of characters (code points) in {@code text}, which must not be null; a lone surrogate counts one. */
	public static int count(CharSequence text) {
		return Character.codePointCount(text, 0, text.length());
	}

	/**
	 * Whether {@code text} shows nothing: it has only white space, Unicode's (the no-break spaces U+00A0, U+2007 and
	 * U+202F included, which {@link String#isBlank()} does not count), and invisible format characters (zero-width
	 * space, byte order mark). A text that must not be blank must not be that either.
	 */
	public static boolean isBlank(CharSequence text) {
		return text.codePoints()
			.allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT);
	}

	/**
	 * {@code text} cut to at most {@code max} characters (code points), never between the two halves of a surrogate
	 * pair: a half alone is no Unicode text, and PostgreSQL's driver would store it as {@code ?}. Made for texts the
	 * service writes itself into a limited column (a failure's reason, an import's last error); {@code text} must not
	 * be null, {@code max} not negative.
	 */
	public static String truncate(String text, int max) {
		return count(text) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
	}

	/**
	 * {@code text} in Unicode Normalization Form C (Unicode Standard Annex #15), or null for null: "é" as the one code
	 * point U+00E9, never "e" followed by the combining U+0301, which some systems send (text copied from macOS file
	 * names, some input methods) and which compares unequal in PostgreSQL and Java alike. Text the service compares
	 * for equality (a city searched for, an email address) is kept in this form; the columns' checks
	 * ({@code is nfc normalized}) refuse any other. RFC 6532 §3.1 asks the same of internationalized email addresses.
	 */
	public static String nfc(String text) {
		return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
				: Normalizer.normalize(text, Normalizer.Form.NFC);
	}
}
