package io.staybook.shared.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings, under {@code staybook.jwt}. The HMAC secret comes only from the environment; without one a random key
 * is generated at start (see {@link JwtConfig}).
 *
 * @param secret HMAC-SHA256 key for access tokens, at least 32 bytes; base64 is decoded when it looks like base64
 * @param issuer the {@code iss} claim written into and required of access tokens
 * @param audience the {@code aud} claim written into access tokens, and which an access token's {@code aud} must
 * contain (RFC 9068 §4): the API they are for, so that a JWT this key signs for any other use is none
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param accountCacheTtl how long a node may trust what it read of an access token's account (role, deletion, token
 * version) before reading it again; 0: read it on every authenticated request
 */
@ConfigurationProperties("staybook.jwt")
public record JwtProperties(String secret, @DefaultValue("staybook") String issuer,
		@DefaultValue("staybook-api") String audience,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
		@DefaultValue("1s") Duration accountCacheTtl) {

	/**
	 * The {@code typ} header of an access token (RFC 9068 §2.1; {@code application/at+jwt} is taken too). Whatever
	 * else this key may one day sign must be typed otherwise.
	 */
	public static final String ACCESS_TOKEN_TYPE = "at+jwt";
}
