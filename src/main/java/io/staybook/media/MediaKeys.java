package io.staybook.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed object names: {@code <sha-256 of the bytes, 64 lower-case hex digits>.<jpg|png>}. A key names
 * exactly one content for ever, which is what lets {@code /media/<key>} be cached as {@code immutable} (RFC 8246).
 */
public final class MediaKeys {

	/** The path of the media endpoint; a key is appended to make an object's URL. */
	public static final String PATH = "/media/";

	private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}\\.(jpg|png)");

	private MediaKeys() {
	}

	/** The key of {@code bytes} with the extension {@code jpg} or {@code png}. */
	public static String of(byte[] bytes, String extension) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "." + extension;
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256 (java.security.MessageDigest's documentation)
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code key} is a key this service makes (and so safe as a file name or an S3 object key). */
	public static boolean isValid(String key) {
		return key != null && KEY.matcher(key).matches();
	}

	/** The URL path an object is served at: {@code /media/<key>}. */
	public static String url(String key) {
		return PATH + key;
	}

	/** The media type of a key's content, from its extension. */
	public static String contentType(String key) {
		return key.endsWith(".png") ? "image/png" : "image/jpeg";
	}
}
