package io.staybook.user.web;

import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.shared.web.ApiDocs;
import io.staybook.user.RegistrationThrottle;
import io.staybook.user.UserProfile;
import io.staybook.user.UserService;
import io.staybook.user.web.UserResponses.FullUser;
import io.staybook.user.web.UserResponses.PublicUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UserController {

	private final UserService users;

	private final Idempotent idempotent;

	private final RegistrationThrottle throttle;

	UserController(UserService users, Idempotent idempotent, RegistrationThrottle throttle) {
		this.users = users;
		this.idempotent = idempotent;
		this.throttle = throttle;
	}

	@PostMapping
	@Operation(operationId = "register", summary = "Register a guest or host account",
			description = "Anyone, without a token. `role` is `guest` (the default) or `host` (`admin` is a 400"
					+ " `validation_failed`), the password has 8–128 characters, and an email already registered,"
					+ " in any letter case, is a 409 `email_taken`. The new account is not logged in: call `POST"
					+ " /api/v1/auth/token` next. `Idempotency-Key` is optional and scoped to the email: the same"
					+ " key and body (password included, checked against the slow hash kept with the key, so also after a"
					+ " password change) within 24 hours replays the first 201 with"
					+ " `Idempotency-Replayed: true`; another body under the key is a 400 `idempotency_key_reused`,"
					+ " a repeat while the first is in flight a 409 `request_in_progress`, and a repeat after the account"
					+ " it created was deleted a 409 `account_deleted` (a new key registers again). Each client address may"
					+ " register 20 times an hour by default (replays included); more get 429 `too_many_registrations`"
					+ " with `Retry-After`. When too many passwords are being hashed at once the answer is a 503"
					+ " `service_unavailable` with `Retry-After`.")
	@SecurityRequirements
	@ApiResponse(responseCode = "201", description = "Registered")
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<FullUser> register(
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody UserRequests.Register request, HttpServletRequest http) {
		Idempotent.check(key);
		throttle.acquire(http.getRemoteAddr());
		// hashed before the key's transaction begins: the slow hash holds no connection
		UserService.NewAccount account = users.prepareRegistration(request.toRegistration());
		var outcome = idempotent.run(IdempotencyScope.registration(request.email()), key, request.withoutPassword(),
				UserProfile.class, () -> users.create(account), users.registrationSecret(account, request.password()));
		FullUser user = FullUser.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/users/" + user.id()), user);
	}

	@GetMapping("/me")
	@Operation(operationId = "getMe", summary = "Your own profile",
			description = "Any signed-in user (401 `unauthorized` without a valid token). The full profile, with"
					+ " `last_name`, `email` and `phone_number`, which `GET /api/v1/users/{id}` shows only to the"
					+ " user and admins.")
	@ApiResponse(responseCode = "200", description = "Your profile")
	FullUser me(@AuthenticationPrincipal Actor actor) {
		return FullUser.of(users.me(actor));
	}

	@PatchMapping("/me")
	@Operation(operationId = "updateMe", summary = "Change your profile, password or email (with current_password) or role (guest to host only)",
			description = "Any signed-in user, on their own account. A field left out stays as it is; `null` is a"
					+ " 400 `validation_failed` naming the field, except `phone_number`, where `null` or `\"\"`"
					+ " removes it. A new `password` needs the right `current_password` (400 `validation_failed`"
					+ " otherwise) and revokes every refresh token and every access token of the account, this one"
					+ " included, at once (log in again with the new password); 409 `concurrent_update` if another"
					+ " request changed the password meanwhile. `role` may only go from `guest`"
					+ " to `host` (403 `role_change_refused`), which lets the same access token list properties at"
					+ " once. At most 5 password changes an hour per account by default (429 `too_many_requests`). A new"
					+ " `email` needs the right `current_password` too (the same 400 otherwise); it is not changed at"
					+ " once: a token is mailed to the new address, and the change takes effect when it is sent to"
					+ " `POST /api/v1/auth/verify-email` (within 24 hours by default); until then login and mail use the"
					+ " old address, which is told of the request. An address another account has is a 409"
					+ " `email_taken` (asked again when the token comes back). At most 5 e-mail changes an hour.")
	@ApiResponse(responseCode = "200", description = "The changed profile")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	FullUser updateMe(@AuthenticationPrincipal Actor actor, @Valid @RequestBody UserRequests.UpdateMe request) {
		return FullUser.of(users.updateMe(Actor.required(actor), request.toChange()));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getUser", summary = "A user's profile: public, or full for yourself and admins",
			description = "Anyone may call it; with a token of the user or of an admin the private fields"
					+ " (last_name, email, phone_number) are there too.")
	@SecurityRequirements
	// anyOf, not oneOf: a full profile has every public field too, so it matches both views, which oneOf forbids;
	// the two differ by shape (FullUser requires the private fields), so a client tells them apart by those
	@ApiResponse(responseCode = "200", description = "The profile",
			content = @Content(schema = @Schema(anyOf = { FullUser.class, PublicUser.class })))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Object profile(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return UserResponses.view(users.profile(actor, id));
	}

	@GetMapping
	@Operation(operationId = "listUsers", summary = "All users, newest first (admins only)",
			description = "Admins only; anyone else gets 403 `admin_only`. `role` and `email` (the whole address,"
					+ " any letter case) narrow the list, and every row is the full profile."
					+ ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of users")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	Page<FullUser> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "only users of this role") @RequestParam(required = false) Role role,
			@Parameter(description = "only the user with this email (case-insensitive)") @RequestParam(required = false) String email,
			@Parameter(description = "page size, 1 to 100") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return users.list(actor, role, email, PageRequest.of(limit, cursor)).map(FullUser::of);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteUser", summary = "Delete an account (yourself, or anyone as admin)",
			description = "The user themself or an admin (403 `not_your_account` for others; 404 `not_found` for an"
					+ " unknown or deleted account). Refused with 409 `has_upcoming_stays` while the user has, as"
					+ " guest or host, a confirmed or checked-in stay that has not ended. Every session is revoked"
					+ " and the account's access tokens stop working at once.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		users.delete(actor, id);
		return ResponseEntity.noContent().build();
	}
}
