package io.staybook.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as one reader sees it: {@code body} as written for its sender, and for the other side once the two have a
 * confirmed booking together; before that, with contact details replaced by {@code [hidden]}.
 */
public record MessageView(UUID id, UUID conversationId, UUID senderId, String body, Instant createdAt) {
}
