package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A registration's {@code Idempotency-Key} once the account it created has changed. The contract: a repeat with the
 * same key and body within 24 hours returns the first response; the first response of a registration holds no token,
 * so a password changed since does not stop it being replayed (the repeat's password is checked against the one the
 * first request set, not against the account's current one). A deletion (GDPR erasure) removes what the account's keys
 * kept of it, leaving a registration's key only the account's id, enough to answer a repeat 409
 * {@code account_deleted}.
 */
@IntegrationTest
class RegistrationReplayIntegrationTests {

	private static final String FIRST_PASSWORD = "first password 1";

	private static final String NEW_PASSWORD = "another password 2";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRegistrationRepeatedAfterThePasswordChangedIsReplayed() {
		String email = Accounts.uniqueEmail("replay");
		String key = UUID.randomUUID().toString();
		Api.Response first = register(email, FIRST_PASSWORD, key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		changePassword(accounts.login(email, FIRST_PASSWORD));

		Api.Response repeat = register(email, FIRST_PASSWORD, key);

		assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
		assertThat(repeat.text()).as("the first body, byte for byte").isEqualTo(first.text());
		assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
		assertThat(repeat.header(IdempotentResponses.REPLAYED_HEADER)).isEqualTo("true");
		// the new password is not what the first request sent: another request under the key
		JsonNode other = assertProblem(register(email, NEW_PASSWORD, key), 400);
		assertThat(other.path("code").asString()).isEqualTo("idempotency_key_reused");
		assertThat(assertProblem(register(email, "a guess at it 3", key), 400).path("code").asString())
			.isEqualTo("idempotency_key_reused");
		// and the replays changed nothing
		assertThat(loginStatus(email, NEW_PASSWORD)).isEqualTo(200);
		assertThat(loginStatus(email, FIRST_PASSWORD)).isEqualTo(401);
	}

	@Test
	void aGraphQlRegistrationRepeatedAfterThePasswordChangedIsReplayed() {
		String email = Accounts.uniqueEmail("replay");
		String key = UUID.randomUUID().toString();
		JsonNode first = registerOverGraphQl(email, FIRST_PASSWORD, key);
		assertThat(first.path("errors").isMissingNode()).as(first.toString()).isTrue();
		changePassword(accounts.login(email, FIRST_PASSWORD));

		JsonNode repeat = registerOverGraphQl(email, FIRST_PASSWORD, key);

		assertThat(repeat.path("errors").isMissingNode()).as(repeat.toString()).isTrue();
		assertThat(repeat.path("data")).isEqualTo(first.path("data"));
		JsonNode other = registerOverGraphQl(email, NEW_PASSWORD, key);
		assertThat(other.path("errors").path(0).path("extensions").path("classification").asString())
			.isEqualTo("BAD_REQUEST");
	}

	@Test
	void aDeletionErasesWhatTheAccountsKeysKeptButARepeatedRegistrationIsStillToldItWasDeleted() {
		String email = Accounts.uniqueEmail("erased");
		String key = UUID.randomUUID().toString();
		Api.Response registered = register(email, FIRST_PASSWORD, key);
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		TestUser user = accounts.login(email, FIRST_PASSWORD);
		Api.Response wishlist = api.post("/api/v1/wishlists", Map.of("name", "Ada's secret trips"))
			.as(user)
			.header(IdempotentResponses.KEY_HEADER, UUID.randomUUID().toString())
			.send();
		assertThat(wishlist.status()).as(wishlist.toString()).isEqualTo(201);
		String scope = IdempotencyScope.registration(email).name();
		assertThat(storedBodies(scope)).singleElement().asString().contains(email, "Lovelace", "+44 20 7946 0958");
		assertThat(keysOf(user.id())).isEqualTo(1);

		assertThat(api.delete("/api/v1/users/" + user.id()).as(user).send().status()).isEqualTo(204);

		assertThat(keysOf(user.id())).as("the account's own keys and their answers are gone").isZero();
		String kept = storedBodies(scope).getFirst();
		assertThat(kept).contains(user.id().toString())
			.doesNotContain(email, "Ada", "Lovelace", "7946")
			.doesNotContainIgnoringCase("argon2");
		assertThat(secretsKept(scope)).as("no password hash is kept for a deleted account").isZero();
		JsonNode repeat = assertProblem(register(email, FIRST_PASSWORD, key), 409);
		assertThat(repeat.path("code").asString()).isEqualTo("account_deleted");
		assertThat(assertProblem(register(email, NEW_PASSWORD, key), 409).path("code").asString())
			.isEqualTo("account_deleted");
	}

	@Test
	void anAdminsDeletionErasesTheAccountsKeysToo() {
		String email = Accounts.uniqueEmail("erased");
		String key = UUID.randomUUID().toString();
		assertThat(register(email, FIRST_PASSWORD, key).status()).isEqualTo(201);
		TestUser user = accounts.login(email, FIRST_PASSWORD);
		String scope = IdempotencyScope.registration(email).name();

		assertThat(api.delete("/api/v1/users/" + user.id()).as(accounts.admin()).send().status()).isEqualTo(204);

		assertThat(storedBodies(scope).getFirst()).doesNotContain(email);
		assertThat(assertProblem(register(email, FIRST_PASSWORD, key), 409).path("code").asString())
			.isEqualTo("account_deleted");
	}

	private void changePassword(TestUser user) {
		Api.Response change = api.patch("/api/v1/users/me",
				Map.of("password", NEW_PASSWORD, "current_password", user.password()))
			.as(user)
			.send();
		assertThat(change.status()).as(change.toString()).isEqualTo(200);
	}

	private Api.Response register(String email, String password, String key) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", "Ada");
		body.put("last_name", "Lovelace");
		body.put("email", email);
		body.put("password", password);
		body.put("phone_number", "+44 20 7946 0958");
		return api.post("/api/v1/users", body).header(IdempotentResponses.KEY_HEADER, key).send();
	}

	private JsonNode registerOverGraphQl(String email, String password, String key) {
		return api.post("/graphql", Map.of("query", """
				mutation($input: RegisterInput!, $key: String) {
				  register(input: $input, idempotencyKey: $key) { id email firstName }
				}""", "variables", Map.of("key", key, "input", Map.of("firstName", "Ada", "lastName", "Lovelace",
				"email", email, "password", password)))).send().body();
	}

	private int loginStatus(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send().status();
	}

	private List<String> storedBodies(String scope) {
		return jdbc.sql("select response_body from idempotency_keys where scope = ?").param(scope)
			.query(String.class)
			.list();
	}

	private int secretsKept(String scope) {
		return jdbc.sql("select count(*) from idempotency_keys k where scope = ? and k::text like '%argon2%'")
			.param(scope)
			.query(Integer.class)
			.single();
	}

	/** The keys of the account's own requests (not the registration's). */
	private int keysOf(UUID userId) {
		return jdbc.sql("select count(*) from idempotency_keys where scope = ?").param("user:" + userId)
			.query(Integer.class)
			.single();
	}
}
