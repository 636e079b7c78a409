package io.staybook.user.web;

import io.staybook.shared.web.ApiDocs;
import io.staybook.user.AccountRecovery;
import io.staybook.user.web.UserResponses.ResetRequested;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** E-mail verification and password reset: anonymous, each answered without telling whether an account exists. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AccountController {

	private final AccountRecovery recovery;

	AccountController(AccountRecovery recovery) {
		this.recovery = recovery;
	}

	@PostMapping("/verify-email")
	@Operation(operationId = "verifyEmail", summary = "Verify an email address with the token mailed to it",
			description = "Anyone, without an access token: the token mailed at registration (valid 48 hours by"
					+ " default) marks the address verified (`email_verified`); the token mailed by an e-mail change"
					+ " (`PATCH /api/v1/users/me` with `email`, valid 24 hours) moves the account to the new address."
					+ " A token works once: an unknown, used or expired one is a 400 `invalid_token`. 409 `email_taken`"
					+ " when another account has taken the new address meanwhile. At most 20 tokens a minute per client"
					+ " address by default (429).")
	@SecurityRequirements
	@ApiResponse(responseCode = "204", description = "Verified")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<Void> verifyEmail(@Valid @RequestBody UserRequests.VerifyEmail request, HttpServletRequest http) {
		recovery.verifyEmail(request.token(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/password-reset")
	@Operation(operationId = "requestPasswordReset", summary = "Mail a password reset token, if an account has the email",
			description = "Anyone, without a token. Always 202 with the same body, in the same time, whether or not an"
					+ " account has the address: the account is looked up and the mail sent by a background job. The"
					+ " mail holds a token that works once, for 30 minutes, with `POST"
					+ " /api/v1/auth/password-reset/confirm`; a new request ends the tokens mailed before. Throttled like"
					+ " login: 5 requests per email (any letter case, account or not) within 15 minutes, and 20 a"
					+ " minute per client address, by default; more get 429 `too_many_requests` with `Retry-After`.")
	@SecurityRequirements
	@ApiResponse(responseCode = "202", description = "Accepted, whether or not an account has the address")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<ResetRequested> requestPasswordReset(@Valid @RequestBody UserRequests.PasswordReset request,
			HttpServletRequest http) {
		recovery.requestPasswordReset(request.email(), http.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ResetRequested.INSTANCE);
	}

	@PostMapping("/password-reset/confirm")
	@Operation(operationId = "confirmPasswordReset", summary = "Set a new password with a reset token",
			description = "Anyone, without an access token. The password follows the registration's rules (8–128"
					+ " characters). The token works once: an unknown, used or expired one is a 400 `invalid_token`."
					+ " Every session of the account is revoked: its refresh tokens and access tokens stop working at"
					+ " once; log in with the new password. The address counts as verified. At most 20 tokens a"
					+ " minute per client address by default (429); 503 `service_unavailable` when too many passwords"
					+ " are being hashed at once.")
	@SecurityRequirements
	@ApiResponse(responseCode = "204", description = "The password is changed and every session ended")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<Void> confirmPasswordReset(@Valid @RequestBody UserRequests.PasswordResetConfirm request,
			HttpServletRequest http) {
		recovery.confirmPasswordReset(request.token(), request.password(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}
