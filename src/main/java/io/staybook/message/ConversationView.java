package io.staybook.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as one participant sees it.
 *
 * @param bookingId the most relevant booking of this guest at this listing (an ongoing or upcoming stay first, then a
 * pending request or hold, then the latest past stay, then any other); null if none
 * @param unreadCount the other side's messages created after the viewer's last {@code read}
 */
public record ConversationView(UUID id, UUID propertyId, UUID bookingId, Person guest, Person host,
		Instant lastMessageAt, long unreadCount) {

	/** A participant: {@code {"id", "first_name"}}. */
	public record Person(UUID id, String firstName) {
	}
}
