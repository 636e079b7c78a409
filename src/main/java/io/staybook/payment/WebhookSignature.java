package io.staybook.payment;

import io.staybook.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Staybook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}: checked in constant time,
 * and refused when the timestamp is more than {@link #TOLERANCE} away from now (a replayed old delivery).
 */
public final class WebhookSignature {

	public static final Duration TOLERANCE = Duration.ofMinutes(5);

	private WebhookSignature() {
	}

	/**
	 * The {@code Staybook-Signature} value of {@code body} at {@code timestamp} (Unix seconds):
	 * {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}.
	 */
	public static String sign(String secret, long timestamp, String body) {
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
	}

	/**
	 * Checks {@code header} against {@code body}, comparing in constant time, and refuses a timestamp more than five
	 * minutes from {@code now} (a replay; Stripe's scheme).
	 * @throws DomainException 400 {@code invalid_signature} when the header is missing, malformed or wrong, or no
	 * secret is configured; 400 {@code stale_signature} when its timestamp is too far from now
	 */
	public static void verify(String header, String body, String secret, Instant now) {
		if (secret == null || secret.isBlank() || header == null) {
			throw invalid();
		}
		Long timestamp = null;
		byte[] expected = null;
		boolean matched = false;
		for (String part : header.split(",")) {
			String[] pair = part.strip().split("=", 2);
			if (pair.length != 2) {
				continue;
			}
			if (pair[0].equals("t")) {
				try {
					timestamp = Long.parseLong(pair[1]);
				}
				catch (NumberFormatException ex) {
					throw invalid();
				}
				expected = hmac(secret, timestamp + "." + body);
			}
			else if (pair[0].equals("v1") && expected != null) {
				try {
					matched |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(pair[1]));
				}
				catch (IllegalArgumentException notHex) {
					// a malformed signature simply does not match
				}
			}
		}
		if (timestamp == null || !matched) {
			throw invalid();
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(TOLERANCE) > 0) {
			throw DomainException.badRequest("stale_signature", "The webhook timestamp is too far from now.");
		}
	}

	private static byte[] hmac(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DomainException invalid() {
		return DomainException.badRequest("invalid_signature", "The webhook signature is missing or wrong.");
	}
}
