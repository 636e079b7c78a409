package io.staybook.property;

import io.staybook.media.MediaKeys;

/**
 * The URLs of a photo's four stored variants, each {@code /media/<sha-256>.<jpg|png>} on this service: immutable, so
 * cached for a year (README, "Listing photos"). A listing's {@code cover_photo} is its first photo's.
 */
public record PhotoUrls(String thumbnail, String medium, String large, String original) {

	/** The URLs of the objects with these keys; null when there is no photo (the keys are null). */
	static PhotoUrls of(String thumbnailKey, String mediumKey, String largeKey, String originalKey) {
		if (originalKey == null) {
			return null;
		}
		return new PhotoUrls(MediaKeys.url(thumbnailKey), MediaKeys.url(mediumKey), MediaKeys.url(largeKey),
				MediaKeys.url(originalKey));
	}
}
