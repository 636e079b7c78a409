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
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param accountCacheTtl how long a node may trust what it read of an access token's account (role, deletion, token
 * version) before reading it again; 0: read it on every authenticated request
 */
@ConfigurationProperties("staybook.jwt")
public record JwtProperties(String secret, @DefaultValue("staybook") String issuer,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
		@DefaultValue("1s") Duration accountCacheTtl) {
}
