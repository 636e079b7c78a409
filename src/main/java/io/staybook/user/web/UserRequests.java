package io.staybook.user.web;

import io.staybook.shared.security.Role;
import io.staybook.shared.validation.NotBlankWhenSent;
import io.staybook.shared.validation.Secret;
import io.staybook.shared.web.NotNullWhenSent;
import io.staybook.shared.web.NullClears;
import io.staybook.user.UserService;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.CodePointLength;

/** Request bodies of the user endpoints, and inputs of the same GraphQL operations. */
public final class UserRequests {

	static final String PHONE = "^\\+?[0-9][0-9 ()\\-]{4,30}$";

	private UserRequests() {
	}

	/** {@code POST /users}: a new account; its role is guest unless host is asked for. */
	public record Register(
			@Schema(example = "Ada") @NotBlank @CodePointLength(max = 100) String firstName,
			@Schema(example = "Lovelace") @NotBlank @CodePointLength(max = 100) String lastName,
			@Schema(example = "ada@example.com") @NotBlank @Email @CodePointLength(max = 254) String email,
			@Schema(example = "correct horse battery") @NotNull @CodePointLength(min = 8, max = 128) @Secret String password,
			@Schema(example = "+44 20 7946 0958", nullable = true, description = "optional; null or left out: none") @Pattern(regexp = PHONE, message = "must be a phone number") String phoneNumber,
			@Schema(description = "guest (default, also for null) or host", nullable = true, type = "string", allowableValues = { "guest", "host" }, implementation = String.class) Role role) {

		/** The service's form of this request. */
		public UserService.Registration toRegistration() {
			return new UserService.Registration(firstName, lastName, email, password, phoneNumber, role);
		}

		/**
		 * What identifies a registration for its Idempotency-Key: everything but the password, which is kept only as
		 * its slow hash (a fast hash of a body holding it, kept 24 hours, could be brute-forced); a repeat's password is
		 * checked against that slow hash before a replay instead (see {@code Idempotent}).
		 */
		public UserService.Registration withoutPassword() {
			return new UserService.Registration(firstName, lastName, email, null, phoneNumber, role);
		}
	}

	/** {@code PATCH /users/me}: a change of one's own account. */
	@Schema(description = "Only the fields present are changed. A null or empty phone_number removes it; no other field may be null.")
	@NotNullWhenSent
	public record UpdateMe(
			@CodePointLength(min = 1, max = 100) @NotBlankWhenSent String firstName,
			@CodePointLength(min = 1, max = 100) @NotBlankWhenSent String lastName,
			@NullClears @Schema(nullable = true, description = "null or an empty string removes it") @Pattern(regexp = "^$|" + PHONE, message = "must be a phone number") String phoneNumber,
			@CodePointLength(min = 8, max = 128) @Secret String password,
			@Schema(description = "required with password and with email") @Secret String currentPassword,
			@Schema(description = "guest → host is the only change allowed (403 otherwise); the current role is a no-op") Role role,
			@Schema(description = "a new address: mailed a token, it takes effect when that token is sent to POST /api/v1/auth/verify-email; until then the old address stays", example = "ada@example.org") @Email @CodePointLength(min = 3, max = 254) @NotBlankWhenSent String email) {

		/** The service's form of this change; absent fields are null. */
		public UserService.ProfileChange toChange() {
			return new UserService.ProfileChange(firstName, lastName, phoneNumber, password, currentPassword, role,
					email);
		}
	}

	/**
	 * {@code POST /auth/token}: email and password for a token pair. The email is as long as a registration's may be,
	 * so that no longer one reaches the login throttle's keys.
	 */
	public record Login(@Schema(example = "ada@example.com") @NotBlank @CodePointLength(max = 254) String email,
			@NotBlank @Secret String password) {
	}

	/** {@code POST /auth/refresh}: a refresh token for a new pair (the old one is then spent). */
	public record Refresh(@NotBlank String refreshToken) {
	}

	/** A token from a mail (43 characters as issued; anything up to 200 is looked up, and fails alike). */
	public record VerifyEmail(@NotBlank @CodePointLength(max = 200) String token) {
	}

	/** {@code POST /auth/password-reset}: the address to mail a reset token to, if an account has it. */
	public record PasswordReset(@Schema(example = "ada@example.com") @NotBlank @Email @CodePointLength(max = 254) String email) {
	}

	/** {@code POST /auth/password-reset/confirm}: a reset token from the mail and the new password. */
	public record PasswordResetConfirm(@NotBlank @CodePointLength(max = 200) String token,
			@Schema(example = "correct horse battery staple", description = "the new password, 8–128 characters") @NotNull @CodePointLength(min = 8, max = 128) @Secret String password) {
	}
}
