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

	private Ids() {
	}

	/** A new UUID version 7 (RFC 9562 §5.7): time-ordered, so that new rows go to the end of their index. */
	public static UUID newId() {
		return newId(Clock.systemUTC().millis());
	}

	static UUID newId(long epochMillis) {
		long randA = RANDOM.nextInt(1 << 12);
		long msb = (epochMillis << 16) | (0x7L << 12) | randA;
		long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}
}
