package io.staybook.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** {@link VerifiedTokens}: a token is verified once, its claims checked on every use, a refused one never kept. */
class VerifiedTokensUnitTests {

	private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	private final MovableClock clock = new MovableClock();

	/** A decoder as {@code JwtConfig} builds it: the signature checked (here: the text), then the claims. */
	private VerifiedTokens tokens() {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		JwtDecoder verifying = token -> {
			verifications.incrementAndGet();
			if (!token.startsWith("good")) {
				throw new BadJwtException("bad signature");
			}
			Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256").subject("someone").issuedAt(NOW)
				.expiresAt(NOW.plus(Duration.ofMinutes(15))).build();
			OAuth2TokenValidatorResult result = timestamps.validate(jwt);
			if (result.hasErrors()) {
				throw new JwtValidationException("expired", result.getErrors());
			}
			return jwt;
		};
		return new VerifiedTokens(verifying, timestamps, Duration.ofMinutes(15));
	}

	@Test
	void aTokenIsVerifiedOnceAndItsExpiryCheckedOnEveryUse() {
		VerifiedTokens tokens = tokens();

		Jwt first = tokens.decode("good.token");
		Jwt again = tokens.decode("good.token");
		clock.now = NOW.plus(Duration.ofMinutes(14));
		tokens.decode("good.token");

		assertThat(again).isSameAs(first);
		assertThat(verifications).hasValue(1);
		clock.now = NOW.plus(Duration.ofMinutes(16));
		assertThatThrownBy(() -> tokens.decode("good.token")).isInstanceOf(JwtValidationException.class);
		assertThatThrownBy(() -> tokens.decode("good.token")).as("forgotten once refused, verified again and refused")
			.isInstanceOf(JwtValidationException.class);
		assertThat(verifications).hasValue(2);
	}

	@Test
	void aRefusedTokenIsNeverKept() {
		VerifiedTokens tokens = tokens();

		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> tokens.decode("forged.token")).isInstanceOf(BadJwtException.class);
		}

		assertThat(verifications).hasValue(3);
	}

	/** A clock the test sets. */
	private static final class MovableClock extends Clock {

		Instant now = NOW;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
