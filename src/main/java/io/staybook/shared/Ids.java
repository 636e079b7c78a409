package io.staybook.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits. New rows land at the end of
 * their primary-key index, and ordering by id is ordering by creation time, which keyset pagination relies on.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int CANONICAL_LENGTH = 36;

	/** What a field error says of an id that is not a UUID in its canonical form ({@link #parse}). */
	public static final String NOT_CANONICAL = "must be a UUID (8-4-4-4-12 hexadecimal digits)";

	private Ids() {
	}

	/** A new UUID version 7 (RFC 9562 §5.7): time-ordered, so that new rows go to the end of their index. */
	public static UUID newId() {
		return newId(Clock.systemUTC().millis());
	}

	/**
	 * The UUID {@code text} spells in the canonical form of RFC 9562 §4: 36 characters, 8-4-4-4-12 hexadecimal digits
	 * (either case) separated by hyphens. {@link UUID#fromString} also takes {@code 1-1-1-1-1} (zero-padding each
	 * group), so such an id was looked up and answered 404 instead of 400. Every id a client sends is read with this:
	 * path and query parameters ({@code shared.web.StrictParameters}), JSON bodies
	 * ({@code shared.web.CanonicalUuidDeserializer}), GraphQL's {@code ID} scalar and cursors.
	 *
	 * @throws IllegalArgumentException when {@code text} is not in that form
	 */
	public static UUID parse(String text) {
		if (!canonical(text)) {
			throw new IllegalArgumentException(NOT_CANONICAL);
		}
		return UUID.fromString(text);
	}

	/** Whether {@code text} is a UUID in the canonical form ({@link #parse}). */
	public static boolean canonical(String text) {
		if (text == null || text.length() != CANONICAL_LENGTH) {
			return false;
		}
		for (int i = 0; i < CANONICAL_LENGTH; i++) {
			char c = text.charAt(i);
			boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
			if (hyphen ? c != '-' : !hex(c)) {
				return false;
			}
		}
		return true;
	}

	/** An ASCII hexadecimal digit ({@link Character#digit} takes other scripts' digits too). */
	private static boolean hex(char c) {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
	}

	static UUID newId(long epochMillis) {
		long randA = RANDOM.nextInt(1 << 12);
		long msb = (epochMillis << 16) | (0x7L << 12) | randA;
		long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}
}
