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

	@Test
	void anOrdinaryKeyIsStoredAsItReads() {
		assertThat(RateLimits.id(RateLimits.LOGIN_EMAIL, " Ada@Example.com "))
			.isEqualTo("staybook:rate-limit:login-email:ada@example.com");
	}
}
