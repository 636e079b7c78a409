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

	/**
	 * What a field error says of a text holding a control character that its field does not take: any of Unicode's
	 * category Cc (U+0001 to U+001F, DEL, the C1 controls U+0080 to U+009F) but, in a {@link MultiLine} field, tab,
	 * line feed and carriage return.
	 */
	public static final String HAS_CONTROL = "must not contain control characters";

	/** What a field error says of a single-line text holding a tab, line feed or carriage return. */
	public static final String HAS_LINE_BREAK = "must be a single line: no line breaks or tabs";

	/** What a field error says of a text holding an unpaired surrogate, U+FFFE or U+FFFF. */
	public static final String NOT_TEXT = "must be Unicode text: no unpaired surrogates, U+FFFE or U+FFFF";

	private Characters() {
	}

	/**
	 * Why {@code text} (not null) is not a text a client may send where {@code multiLine} says, or null when it is.
	 * Every text the API reads is one of three kinds: a single line (names, titles, addresses, cities, wishlist names,
	 * captions, tokens: the default), several lines ({@link MultiLine}: descriptions, message bodies, review texts,
	 * reasons), or a secret ({@link Secret}: a password, only hashed, for which only {@link #hasNul NUL} is refused).
	 * A single line holds no character of Unicode's category Cc; several lines may hold tab, line feed and carriage
	 * return among them. Neither holds an unpaired surrogate (no Unicode text; PostgreSQL's driver stores it as
	 * {@code ?}), U+FFFE or U+FFFF (noncharacters: a byte-swapped byte-order mark and a sentinel); with those, what is
	 * left is XML 1.0's {@code Char} (§2.2) without its C1 controls and DEL. Control characters corrupt what the texts
	 * end up in: mails, logs, CSV exports and terminals (an ESC starts an escape sequence; OWASP's Input Validation Cheat
	 * Sheet asks for exactly this allow-list). The columns' checks hold the same rule (V57).
	 *
	 * @return {@link #HAS_NUL}, {@link #HAS_CONTROL}, {@link #HAS_LINE_BREAK}, {@link #NOT_TEXT} or null
	 */
	public static String fault(String text, boolean multiLine) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= ' ' && c < 0x7f || c > 0x9f && c < Character.MIN_SURROGATE) {
				continue; // the common case: printable ASCII, and the Basic Multilingual Plane below the surrogates
			}
			if (c == '\0') {
				return HAS_NUL;
			}
			if (c == '\t' || c == '\n' || c == '\r') {
				if (!multiLine) {
					return HAS_LINE_BREAK;
				}
			}
			else if (c < ' ' || c >= 0x7f && c <= 0x9f) {
				return HAS_CONTROL;
			}
			else if (c == '\ufffe' || c == '\uffff') {
				return NOT_TEXT;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return NOT_TEXT;
			}
		}
		return null;
	}

	/** Whether {@code message} is one of those {@link #fault} answers. */
	public static boolean isFault(String message) {
		return HAS_NUL.equals(message) || HAS_CONTROL.equals(message) || HAS_LINE_BREAK.equals(message)
				|| NOT_TEXT.equals(message);
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
