package io.staybook.property;

import java.time.Instant;
import java.util.UUID;

/**
 * A listing's photo as the APIs show it: its place in the gallery ({@code position}, 0 is the cover; dense and unique
 * within the listing), its optional caption, its upright size in pixels, the media type of its stored original, and
 * its variants' URLs.
 */
public record Photo(UUID id, UUID propertyId, int position, String caption, int width, int height, String contentType,
		PhotoUrls urls, Instant createdAt) {
}
