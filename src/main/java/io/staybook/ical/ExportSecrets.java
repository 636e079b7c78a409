package io.staybook.ical;

import io.staybook.shared.security.JwtProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The secret in a listing's export URL: {@code base64url(HMAC-SHA256(key, "ical-export:" + property id + ":" + nonce))},
 * 43 characters (256 bits). The database keeps the nonce and the token's SHA-256, never the token: a presented token is
 * hashed and compared with the stored hash in constant time ({@link MessageDigest#isEqual}), so neither a copy of the
 * database nor a timing difference gives the URL away, and the owner can still be shown the URL again (it is derived
 * anew). Rotation draws a new nonce. The key is {@code staybook.ical.url-secret}, else one derived from
 * {@code staybook.jwt.secret}, else random at start.
 */
@Component
class ExportSecrets {

	private static final Logger log = LoggerFactory.getLogger(ExportSecrets.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	ExportSecrets(IcalSettings settings, JwtProperties jwt) {
		if (settings.urlSecret() != null && !settings.urlSecret().isBlank()) {
			key = settings.urlSecret().getBytes(StandardCharsets.UTF_8);
			if (key.length < 32) {
				throw new IllegalStateException("staybook.ical.url-secret must be at least 32 bytes");
			}
		}
		else if (jwt.secret() != null && !jwt.secret().isBlank()) {
			// a key of its own: an iCal token is then no HMAC that could pass as anything signed with the JWT secret
			key = hmac(jwt.secret().getBytes(StandardCharsets.UTF_8), "staybook ical export key");
		}
		else {
			log.warn("Neither staybook.ical.url-secret nor staybook.jwt.secret is set: iCal export URLs will change at"
					+ " every restart. Set STAYBOOK_ICAL_URL_SECRET.");
			key = new byte[32];
			RANDOM.nextBytes(key);
		}
	}

	static byte[] newNonce() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

	/** The URL token of a listing's export with this nonce. */
	String token(UUID propertyId, byte[] nonce) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(
				hmac(key, "ical-export:" + propertyId + ":" + Base64.getEncoder().encodeToString(nonce)));
	}

	/** SHA-256 of a token, as stored. */
	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code presented} is the token whose hash is {@code stored}, in time independent of where they differ. */
	static boolean matches(String presented, byte[] stored) {
		return presented != null && stored != null && MessageDigest.isEqual(hash(presented), stored);
	}

	private static byte[] hmac(byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
