package io.staybook.message;

import java.util.UUID;

/**
 * A message was written (published after its transaction committed, to every node).
 *
 * @param revealed whether the two sides had a confirmed booking together when it was written: if not, contact details
 *        are masked for the reader who did not write it
 */
record MessageAdded(UUID guestId, UUID hostId, boolean revealed, MessageView message) {

	/** The message as {@code reader} sees it. */
	MessageView viewFor(UUID reader) {
		if (revealed || message.senderId().equals(reader)) {
			return message;
		}
		return new MessageView(message.id(), message.conversationId(), message.senderId(),
				ContactMasker.mask(message.body()), message.createdAt());
	}
}
