package io.staybook.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a bucket is stored under: keys come from clients (an email typed at login), so however long one is, what is
 * kept (a Caffeine entry for up to an hour, or a Redis key) stays small.
 */
class RateLimitKeysUnitTests {

	@Test
	void aKeyOfAnyLengthIsStoredUnderAShortId() {
		String huge = "a".repeat(1_000_000) + "@example.com";

		assertThat(RateLimits.id(RateLimits.LOGIN_EMAIL, huge)).hasSizeLessThan(400);
		assertThat(RateLimits.id(RateLimits.LOGIN_EMAIL, huge))
			.isEqualTo(RateLimits.id(RateLimits.LOGIN_EMAIL, " " + huge.toUpperCase() + " "))
			.isNotEqualTo(RateLimits.id(RateLimits.LOGIN_EMAIL, "b" + huge))
			.isNotEqualTo(RateLimits.id(RateLimits.LOGIN_IP, huge));
	}

	/**
	 * PostgreSQL's lower() (the citext email column) makes 'İ' (U+0130) an 'i', so "mİke@gmail.com" finds the account of
	 * mike@gmail.com; Java's lower case made it "i" and a combining dot, another bucket: each 'i' of an address doubled
	 * the reset mails its owner could be sent. (It is the one letter where the two differ, checked over the whole BMP
	 * against PostgreSQL 15's C.UTF-8 locale; where they differ otherwise, Java's is the coarser.)
	 */
	@Test
	void everySpellingPostgresMatchesToAnAddressSharesItsBucket() {
		assertThat(RateLimits.id(RateLimits.PASSWORD_RESET_EMAIL, "M\u0130KE@gmail.com"))
			.isEqualTo(RateLimits.id(RateLimits.PASSWORD_RESET_EMAIL, "mike@gmail.com"))
			.isEqualTo(RateLimits.id(RateLimits.PASSWORD_RESET_EMAIL, "m\u0130ke@gmaIl.com"));
	}

	@Test
	void anOrdinaryKeyIsStoredAsItReads() {
		assertThat(RateLimits.id(RateLimits.LOGIN_EMAIL, " Ada@Example.com "))
			.isEqualTo("staybook:rate-limit:login-email:ada@example.com");
	}
}
