package io.staybook.user.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.graphql.SentNulls;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.security.Actor;
import io.staybook.user.AuthService;
import io.staybook.user.RegistrationThrottle;
import io.staybook.user.TokenPair;
import io.staybook.user.UserProfile;
import io.staybook.user.UserService;
import io.staybook.user.web.UserRequests;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The user operations of the GraphQL API: adapters over the services the REST controllers call. */
@Controller
class UserGraphQl {

	private final UserService users;

	private final AuthService auth;

	private final Idempotent idempotent;

	private final RegistrationThrottle throttle;

	UserGraphQl(UserService users, AuthService auth, Idempotent idempotent, RegistrationThrottle throttle) {
		this.idempotent = idempotent;
		this.throttle = throttle;
		this.users = users;
		this.auth = auth;
	}

	record AuthPayload(String accessToken, String refreshToken, String tokenType, long expiresIn) {

		static AuthPayload of(TokenPair pair) {
			return new AuthPayload(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
		}
	}

	@QueryMapping
	UserProfile me(@AuthenticationPrincipal Actor actor) {
		return users.me(Actor.required(actor));
	}

	@QueryMapping
	UserProfile user(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return users.profile(actor, id);
	}

	@MutationMapping
	DataFetcherResult<UserProfile> register(@Argument @Valid UserRequests.Register input, @Argument String idempotencyKey,
			@ContextValue(name = ClientAddress.KEY, required = false) String clientAddress) {
		Idempotent.check(idempotencyKey);
		throttle.acquire(clientAddress);
		// hashed before the key's transaction begins: the slow hash holds no connection
		UserService.NewAccount account = users.prepareRegistration(input.toRegistration());
		return IdempotentResults.of(idempotent.run(IdempotencyScope.registration(input.email()), idempotencyKey,
				input.withoutPassword(), UserProfile.class, () -> users.create(account),
				users.registrationSecret(account, input.password())));
	}

	@MutationMapping
	AuthPayload login(@Argument @Valid UserRequests.Login input,
			@ContextValue(name = ClientAddress.KEY, required = false) String clientAddress) {
		return AuthPayload.of(auth.login(input.email(), input.password(), clientAddress));
	}

	@MutationMapping
	AuthPayload refreshToken(@Argument String refreshToken) {
		return AuthPayload.of(auth.refresh(refreshToken));
	}

	@MutationMapping
	UserProfile updateMe(@AuthenticationPrincipal Actor actor, @Argument @Valid UserRequests.UpdateMe input,
			DataFetchingEnvironment env) {
		return users.updateMe(Actor.required(actor), SentNulls.apply(env, "input", input).toChange());
	}
}
