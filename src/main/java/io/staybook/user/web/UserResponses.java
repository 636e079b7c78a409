package io.staybook.user.web;

import io.staybook.shared.security.Role;
import io.staybook.user.TokenPair;
import io.staybook.user.UserProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.UUID;

/** Response bodies of the user endpoints. */
final class UserResponses {

	private UserResponses() {
	}

	/** The view of an account by itself or an admin. */
	@Schema(name = "User", description = "An account as it or an admin sees it")
	record FullUser(UUID id, String firstName, String lastName, String email,
			@Schema(nullable = true, example = "+44 20 7946 0958") String phoneNumber, Role role, Instant createdAt) {

		static FullUser of(UserProfile profile) {
			return new FullUser(profile.id(), profile.firstName(), profile.lastName(), profile.email(),
					profile.phoneNumber(), profile.role(), profile.createdAt());
		}
	}

	/**
	 * What {@code GET /users/{id}} documents: the public view, with the private fields present only for the account
	 * itself and admins. Only for the document; the body is a {@link FullUser} or a {@link PublicUser}.
	 */
	@Schema(name = "UserProfile", description = "A profile: the public fields always; last_name, email and"
			+ " phone_number only for the account itself and admins")
	record Profile(@Schema(requiredMode = RequiredMode.REQUIRED) UUID id,
			@Schema(requiredMode = RequiredMode.REQUIRED) String firstName,
			@Schema(requiredMode = RequiredMode.NOT_REQUIRED) String lastName,
			@Schema(requiredMode = RequiredMode.NOT_REQUIRED) String email,
			@Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String phoneNumber,
			@Schema(requiredMode = RequiredMode.REQUIRED) Role role,
			@Schema(requiredMode = RequiredMode.REQUIRED) Instant createdAt) {
	}

	/** The view of an account by anyone else. */
	record PublicUser(UUID id, String firstName, Role role, Instant createdAt) {

		static PublicUser of(UserProfile profile) {
			return new PublicUser(profile.id(), profile.firstName(), profile.role(), profile.createdAt());
		}
	}

	static Object view(UserProfile profile) {
		return profile.full() ? FullUser.of(profile) : PublicUser.of(profile);
	}

	record Tokens(String accessToken, String refreshToken,
			@Schema(allowableValues = "Bearer") String tokenType,
			@Schema(description = "seconds until the access token expires", example = "900") long expiresIn) {

		static Tokens of(TokenPair pair) {
			return new Tokens(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
		}
	}
}
