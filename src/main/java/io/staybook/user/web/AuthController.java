package io.staybook.user.web;

import io.staybook.shared.web.ApiDocs;
import io.staybook.user.AuthService;
import io.staybook.user.web.UserResponses.Tokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

	private final AuthService auth;

	AuthController(AuthService auth) {
		this.auth = auth;
	}

	@PostMapping("/token")
	@Operation(operationId = "logIn", summary = "Log in with email and password",
			description = "Anyone, without a token. The access token lasts 15 minutes by default (`expires_in`"
					+ " seconds), the refresh token 30 days. A wrong email and a wrong password get the same 401"
					+ " `invalid_credentials`; after 5 failures for one email within 15 minutes, further attempts"
					+ " get 429 `too_many_login_attempts` with `Retry-After`, even with the right password; so do more than"
					+ " 20 attempts a minute from one client address by default, whatever the emails. When too"
					+ " many passwords are being checked at once the answer is a 503 `service_unavailable` with"
					+ " `Retry-After`.")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "A new session: an access token and a refresh token")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	Tokens token(@Valid @RequestBody UserRequests.Login request, HttpServletRequest http) {
		return Tokens.of(auth.login(request.email(), request.password(), http.getRemoteAddr()));
	}

	@PostMapping("/refresh")
	@Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for a new pair; a reused token revokes its session",
			description = "Anyone holding a refresh token; no access token needed. A refresh token works once: keep"
					+ " the new one from the answer, and do not refresh with the same token twice in parallel,"
					+ " since presenting a used token revokes its whole session. An unknown, expired, revoked or"
					+ " reused token, or one of a deleted account, is a 401 `invalid_refresh_token`.")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "The new pair; the refresh token presented is used up")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	Tokens refresh(@Valid @RequestBody UserRequests.Refresh request) {
		return Tokens.of(auth.refresh(request.refreshToken()));
	}

	@PostMapping("/logout")
	@Operation(operationId = "logOut", summary = "End the session of a refresh token",
			description = "Anyone holding the refresh token; no access token needed. Revokes every refresh token of"
					+ " that session; an unknown or already revoked token gets 204 too, so a retry is safe. Every"
					+ " access token of the account issued before stops working at once (401), on every device: the"
					+ " account's other sessions keep their refresh tokens and get new access tokens with them.")
	@SecurityRequirements
	@ApiResponse(responseCode = "204", description = "Logged out")
	ResponseEntity<Void> logout(@Valid @RequestBody UserRequests.Refresh request) {
		auth.logout(request.refreshToken());
		return ResponseEntity.noContent().build();
	}
}
