package io.staybook.user;

import java.util.UUID;

/** How other modules show a person next to their records: a host on a listing, an author on a review. */
public record UserSummary(UUID id, String firstName) {
}
