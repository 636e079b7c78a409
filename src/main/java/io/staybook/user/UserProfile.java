package io.staybook.user;

import io.staybook.shared.security.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * What the user module tells the rest of the application about an account. A public profile ({@code full == false})
 * carries only the id, first name, role and creation time; the other fields are null.
 */
public record UserProfile(UUID id, String firstName, String lastName, String email, String phoneNumber, Role role,
		Instant createdAt, boolean full) {
}
