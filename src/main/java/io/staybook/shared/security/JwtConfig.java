package io.staybook.shared.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs and verifies access tokens with one HMAC-SHA256 key shared by every node. An access token is typed
 * ({@value JwtProperties#ACCESS_TOKEN_TYPE} in its header, RFC 9068 §2.1) and addressed to the API
 * ({@code staybook.jwt.audience} in its {@code aud}): a JWT this key signs for any other purpose must carry another
 * {@code typ} and another {@code aud}, and is then never taken for an access token (RFC 8725 §3.11, explicit typing).
 */
@Configuration(proxyBeanMethods = false)
class JwtConfig {

	private static final Logger log = LoggerFactory.getLogger(JwtConfig.class);

	@Bean
	SecretKey jwtSigningKey(JwtProperties properties) {
		String secret = properties.secret();
		if (secret == null || secret.isBlank()) {
			log.warn("staybook.jwt.secret is not set: using a random signing key. Access tokens will survive neither a"
					+ " restart nor a second node; set STAYBOOK_JWT_SECRET (32+ random bytes, base64) in production.");
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return new SecretKeySpec(random, "HmacSHA256");
		}
		byte[] bytes = decode(secret);
		if (bytes.length < 32) {
			throw new IllegalStateException("staybook.jwt.secret must be at least 32 bytes (256 bits)");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
	}

	/**
	 * The one decoder of access tokens, for REST, GraphQL over HTTP (server-sent events included) and GraphQL's
	 * WebSocket alike. Tokens must carry an expiry, judged by the service's own clock (the one that stamped them) with
	 * no skew: every node reads the same database time source, and tests can move that clock. They must be typed
	 * {@value JwtProperties#ACCESS_TOKEN_TYPE} (in any letter case, RFC 7515 §4.1.9) and name
	 * {@code staybook.jwt.audience} among their audiences, besides the issuer; a token failing any check is a 401
	 * {@code invalid_token}. The type is checked by {@link JwtTypeValidator}, not by Nimbus
	 * ({@code validateType(false)}), whose own check would accept only {@code JWT} or none. A token verified once is
	 * remembered and its claims checked again on each use ({@link VerifiedTokens}).
	 */
	@Bean
	JwtDecoder jwtDecoder(SecretKey jwtSigningKey, JwtProperties properties, Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
			.macAlgorithm(MacAlgorithm.HS256)
			.validateType(false)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		JwtTypeValidator type = new JwtTypeValidator(JwtProperties.ACCESS_TOKEN_TYPE,
				"application/" + JwtProperties.ACCESS_TOKEN_TYPE);
		type.setAllowEmpty(false);
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(type, timestamps,
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()));
		decoder.setJwtValidator(validator);
		return new VerifiedTokens(decoder, validator, properties.accessTokenTtl());
	}

	private static byte[] decode(String secret) {
		try {
			byte[] decoded = Base64.getDecoder().decode(secret);
			if (decoded.length >= 32) {
				return decoded;
			}
		}
		catch (IllegalArgumentException notBase64) {
			// a plain passphrase: use its bytes
		}
		return secret.getBytes(StandardCharsets.UTF_8);
	}
}
