package io.staybook.wishlist;

import java.time.Instant;
import java.util.UUID;

/**
 * A wishlist as both APIs show it to its owner. {@code propertyCount} counts the listings in it that are still listed;
 * {@code updatedAt} is the owner's last rename, add or remove.
 */
public record Wishlist(UUID id, String name, int propertyCount, Instant createdAt, Instant updatedAt) {
}
