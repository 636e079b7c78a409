package io.staybook.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets handed to a person (refresh tokens, the tokens of mailed links): 256 bits from {@link SecureRandom},
 * URL-safe Base64 without padding (43 characters), stored only as their SHA-256 hash. With 256 random bits a fast
 * unsalted hash is enough to make a stolen table useless (OWASP Forgot Password Cheat Sheet, "Token storage").
 */
final class SecretTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretTokens() {
	}

	/** A new random token, to give out once and never store. */
	static String newSecret() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The SHA-256 of the token's UTF-8 bytes, as 64 lowercase hex digits: what is stored and looked up. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
