package io.staybook.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the access tokens it has verified, by their exact text, so that a client sending
 * the same token again (every request of a session, for its 15 minutes) is not parsed and its HMAC not computed again:
 * 6.5 % of a booking's CPU in a JFR profile. A remembered token is still checked on every use by the same validators
 * (its expiry against the service's clock above all), so it stops working the moment it would have; revocation is
 * not the decoder's business either way (the account's token version, {@code io.staybook.user.AccountStates}). Only
 * tokens that passed are kept; a token that fails is decoded, and refused, every time. At most {@link #MAX_TOKENS}
 * tokens (about 2 KiB each), each for at most the access tokens' lifetime.
 */
final class VerifiedTokens implements JwtDecoder {

	/** How many verified tokens a node remembers: the most recently used ones of its active sessions. */
	static final int MAX_TOKENS = 2_048;

	private final JwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param decoder the decoder that verifies a token's signature and claims
	 * @param validator the claims checks {@code decoder} runs, run again on each use of a remembered token
	 * @param lifetime how long an access token lives (staybook.jwt.access-token-ttl)
	 */
	VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, Duration lifetime) {
		this.decoder = decoder;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(lifetime).build();
	}

	/** @throws JwtException as the wrapped decoder, for a token it refuses or one that has since expired */
	@Override
	public Jwt decode(String token) {
		Jwt known = verified.getIfPresent(token);
		if (known == null) {
			Jwt jwt = decoder.decode(token);
			verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = validator.validate(known);
		if (result.hasErrors()) {
			verified.invalidate(token);
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return known;
	}
}
