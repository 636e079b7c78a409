package io.staybook.user.web;

import io.staybook.shared.security.Role;
import io.staybook.user.TokenPair;
import io.staybook.user.UserProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** Response bodies of the user endpoints. */
final class UserResponses {

	private UserResponses() {
	}

	/** The view of an account by itself or an admin. */
	@Schema(description = "An account as it or an admin sees it")
	record FullUser(UUID id, String firstName, String lastName, String email,
			@Schema(nullable = true, example = "+44 20 7946 0958") String phoneNumber, Role role, Instant createdAt,
			@Schema(description = "whether the token mailed to `email` came back (POST /api/v1/auth/verify-email)") boolean emailVerified) {

		static FullUser of(UserProfile profile) {
			return new FullUser(profile.id(), profile.firstName(), profile.lastName(), profile.email(),
					profile.phoneNumber(), profile.role(), profile.createdAt(),
					Boolean.TRUE.equals(profile.emailVerified()));
		}
	}

	/** The answer to a password reset request, the same whether or not an account has the address. */
	record ResetRequested(@Schema(example = "If an account has this email, a link to reset its password is on its way.") String message) {

		static final ResetRequested INSTANCE = new ResetRequested(
				"If an account has this email, a link to reset its password is on its way.");
	}

	/** The view of an account by anyone else. */
	@Schema(description = "An account as anyone else sees it")
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
