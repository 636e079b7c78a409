package io.staybook.user;

import io.staybook.shared.security.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * What the user module tells the rest of the application about an account. A public profile ({@code full == false})
 * carries only the id, first name, role and creation time; the other fields are null. {@code emailVerified}: whether
 * the address was shown to be the person's (null in the public view).
 */
public record UserProfile(UUID id, String firstName, String lastName, String email, String phoneNumber, Role role,
		Instant createdAt, Boolean emailVerified, boolean full) {
}
