package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The password-change and e-mail-change limits hold for GraphQL's {@code updateMe} as for {@code PATCH /users/me}: they
 * were taken by the REST adapter alone, so that with a stolen access token GraphQL guessed the current password without
 * end (and then changed it: the account was taken), and mailed change tokens to any number of addresses.
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.password-change.capacity=2",
		"staybook.rate-limits.limits.email-change.capacity=2" })
class AccountChangeLimitsIntegrationTests {

	private static final String UPDATE_ME = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { id } }";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void graphQlGuessesOfTheCurrentPasswordAreLimitedAsRestOnes() {
		TestUser guest = accounts.guest();
		Map<String, Object> guess = Map.of("password", "a new password 1", "currentPassword", "not the current one");
		for (int i = 0; i < 2; i++) {
			assertThat(code(updateMe(guest, guess))).isEqualTo("validation_failed");
		}
		// the third is refused before the password is looked at, the right one too
		Api.Response limited = updateMe(guest, Map.of("password", "a new password 1", "currentPassword",
				Accounts.PASSWORD));
		assertThat(code(limited)).isEqualTo("too_many_requests");
		assertThat(accounts.login(guest.email(), Accounts.PASSWORD)).isNotNull();
		// one bucket for both APIs
		assertThat(api.patch("/api/v1/users/me", Map.of("password", "a new password 1", "current_password",
				Accounts.PASSWORD)).as(guest).send().status()).isEqualTo(429);
		// a change of name alone is no password change
		assertThat(updateMe(guest, Map.of("firstName", "Ada")).body().at("/data/updateMe/id").asString())
			.isEqualTo(guest.id().toString());
	}

	@Test
	void graphQlEmailChangesAreLimitedAsRestOnes() {
		TestUser guest = accounts.guest();
		for (int i = 0; i < 2; i++) {
			Api.Response asked = updateMe(guest, Map.of("email", Accounts.uniqueEmail("moved"), "currentPassword",
					Accounts.PASSWORD));
			assertThat(asked.body().at("/data/updateMe/id").asString()).as(asked.toString())
				.isEqualTo(guest.id().toString());
		}
		assertThat(code(updateMe(guest, Map.of("email", Accounts.uniqueEmail("moved"), "currentPassword",
				Accounts.PASSWORD)))).isEqualTo("too_many_requests");
	}

	private Api.Response updateMe(TestUser as, Map<String, Object> input) {
		return api.post("/graphql", Map.of("query", UPDATE_ME, "variables", Map.of("input", input))).as(as).send();
	}

	private static String code(Api.Response response) {
		return response.body().at("/errors/0/extensions/code").asString();
	}
}
