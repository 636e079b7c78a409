package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/users}: who may register, with what, and what a refused registration leaves behind. */
@IntegrationTest
class RegistrationIntegrationTests {

	private static final List<String> FULL_VIEW = List.of("id", "first_name", "last_name", "email", "phone_number",
			"role", "created_at", "email_verified");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	/** A valid registration body, as a mutable map that a test may spoil. */
	private static Map<String, Object> registration(String email) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", "Grace");
		body.put("last_name", "Hopper");
		body.put("email", email);
		body.put("password", Accounts.PASSWORD);
		return body;
	}

	private Api.Response register(Map<String, Object> body) {
		return api.post("/api/v1/users", body).send();
	}

	@Test
	void registersAGuestByDefaultWith201LocationAndTheFullView() {
		String email = Accounts.uniqueEmail("reg");
		Instant before = Instant.now();
		var response = register(registration(email));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode body = response.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(FULL_VIEW);
		UUID id = UUID.fromString(body.path("id").asString());
		assertThat(id.version()).isEqualTo(7);
		assertThat(body.path("first_name").asString()).isEqualTo("Grace");
		assertThat(body.path("last_name").asString()).isEqualTo("Hopper");
		assertThat(body.path("email").asString()).isEqualTo(email);
		assertThat(body.path("phone_number").isNull()).isTrue();
		assertThat(body.path("role").asString()).isEqualTo("guest");
		String createdAt = body.path("created_at").asString();
		assertThat(createdAt).endsWith("Z");
		assertThat(Instant.parse(createdAt)).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
		assertThat(response.text()).doesNotContain("password");

		String location = response.header("Location");
		assertThat(location).isNotNull().endsWith("/api/v1/users/" + id);
		var token = accounts.login(email, Accounts.PASSWORD);
		var fetched = api.get(location.substring(location.indexOf("/api/v1/"))).as(token).send();
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(body);
	}

	@Test
	void registersAHostWithAPhoneNumber() {
		var body = registration(Accounts.uniqueEmail("reg-host"));
		body.put("role", "host");
		body.put("phone_number", "+44 20 7946 0958");
		var response = register(body);

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.body().path("role").asString()).isEqualTo("host");
		assertThat(response.body().path("phone_number").asString()).isEqualTo("+44 20 7946 0958");
	}

	@Test
	void anExplicitGuestRoleIsAccepted() {
		var body = registration(Accounts.uniqueEmail("reg-guest"));
		body.put("role", "guest");
		var response = register(body);

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.body().path("role").asString()).isEqualTo("guest");
	}

	@Test
	void nobodyCanRegisterAsAdmin() {
		String email = Accounts.uniqueEmail("reg-admin");
		var body = registration(email);
		body.put("role", "admin");

		assertFieldErrors(register(body), "role");
		assertRegistersLater(email);
	}

	@Test
	void anUnknownRoleIsRefused() {
		var body = registration(Accounts.uniqueEmail("reg-role"));
		body.put("role", "superuser");

		assertFieldErrors(register(body), "role");
	}

	@Test
	void anEmailIsUniqueWhateverItsLetterCase() {
		String email = Accounts.uniqueEmail("reg-dup");
		assertThat(register(registration(email)).status()).isEqualTo(201);

		var again = register(registration(email.toUpperCase(Locale.ROOT)));
		JsonNode problem = assertProblem(again, 409);
		assertThat(problem.path("code").asString()).isEqualTo("email_taken");

		var exact = register(registration(email));
		assertThat(assertProblem(exact, 409).path("code").asString()).isEqualTo("email_taken");
	}

	/**
	 * "josé@" with the accent as one code point and with a combining one are the same address (RFC 6532 §3.1): one
	 * account, found by a login in either form, and a second registration in the other form is 409.
	 */
	@Test
	void anEmailIsUniqueWhateverItsUnicodeForm() {
		String local = "jos\u00e9-" + UUID.randomUUID().toString().substring(0, 8);
		String composed = local + "@example.com";
		String decomposed = local.replace("\u00e9", "e\u0301") + "@example.com";
		var created = register(registration(decomposed));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.body().path("email").asString()).isEqualTo(composed);

		assertThat(assertProblem(register(registration(composed)), 409).path("code").asString()).isEqualTo("email_taken");
		var login = api.post("/api/v1/auth/token", Map.of("email", composed, "password", Accounts.PASSWORD)).send();
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> jdbc.update("update users set email = ? where email = ?", decomposed, composed))
			.hasMessageContaining("users_email_nfc");
	}

	@Test
	void concurrentRegistrationsOfOneEmailMakeOneAccount() throws Exception {
		String email = Accounts.uniqueEmail("reg-race");
		List<Api.Response> responses = AuthenticationIntegrationTests.concurrently(4, () -> {
			var body = registration(email);
			body.put("email", email.toUpperCase(Locale.ROOT).substring(0, 3) + email.substring(3));
			return register(body);
		});

		assertThat(responses).as(responses.toString()).filteredOn(r -> r.status() == 201).hasSize(1);
		responses.stream()
			.filter(r -> r.status() != 201)
			.forEach(r -> assertThat(assertProblem(r, 409).path("code").asString()).isEqualTo("email_taken"));
	}

	@Test
	void aPasswordOf7CharactersIsRefusedAnd8Accepted() {
		String email = Accounts.uniqueEmail("reg-pw8");
		var tooShort = registration(email);
		tooShort.put("password", "1234567");
		assertFieldErrors(register(tooShort), "password");

		var shortest = registration(email);
		shortest.put("password", "12345678");
		assertThat(register(shortest).status()).isEqualTo(201);
		accounts.login(email, "12345678");
	}

	@Test
	void aPasswordOf129CharactersIsRefusedAnd128Accepted() {
		String email = Accounts.uniqueEmail("reg-pw128");
		var tooLong = registration(email);
		tooLong.put("password", "p".repeat(129));
		assertFieldErrors(register(tooLong), "password");

		var longest = registration(email);
		longest.put("password", "p".repeat(128));
		assertThat(register(longest).status()).isEqualTo(201);
		accounts.login(email, "p".repeat(128));
	}

	@Test
	void missingNamesAreNamed() {
		var body = registration(Accounts.uniqueEmail("reg-names"));
		body.remove("first_name");
		body.remove("last_name");

		var response = register(body);
		assertFieldErrors(response, "first_name", "last_name");
	}

	@Test
	void blankNamesAreNamed() {
		var body = registration(Accounts.uniqueEmail("reg-blank"));
		body.put("first_name", "   ");
		body.put("last_name", "");

		assertFieldErrors(register(body), "first_name", "last_name");
	}

	@Test
	void aBadEmailIsNamed() {
		var body = registration("not-an-email");
		assertFieldErrors(register(body), "email");

		var missing = registration(null);
		missing.remove("email");
		assertFieldErrors(register(missing), "email");
	}

	@Test
	void aMissingPasswordIsNamed() {
		var body = registration(Accounts.uniqueEmail("reg-nopw"));
		body.remove("password");

		assertFieldErrors(register(body), "password");
	}

	@Test
	void everyInvalidFieldIsNamedAtOnce() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", "");
		body.put("email", "nope");
		body.put("password", "short");

		var response = register(body);
		assertFieldErrors(response, "first_name", "last_name", "email", "password");
	}

	@Test
	void aBadPhoneNumberIsNamed() {
		var body = registration(Accounts.uniqueEmail("reg-phone"));
		body.put("phone_number", "call me maybe");

		assertFieldErrors(register(body), "phone_number");
	}

	@Test
	void anUnknownFieldIsRefusedAndNamed() {
		String email = Accounts.uniqueEmail("reg-unknown");
		var body = registration(email);
		body.put("nickname", "Amazing Grace");

		var response = register(body);
		assertFieldErrors(response, "nickname");
		assertRegistersLater(email);
	}

	@Test
	void aFieldOfTheWrongTypeIsRefused() {
		var array = registration(Accounts.uniqueEmail("reg-type"));
		array.put("first_name", List.of("Grace"));
		assertFieldErrors(register(array), "first_name");

		var object = registration(Accounts.uniqueEmail("reg-type"));
		object.put("email", Map.of("address", "grace@example.com"));
		assertFieldErrors(register(object), "email");
	}

	@Test
	void aNumberOrBooleanWhereAStringBelongsIsRefused() {
		String email = Accounts.uniqueEmail("reg-scalar");
		var number = registration(email);
		number.put("first_name", 123);
		assertFieldErrors(register(number), "first_name");

		var bool = registration(email);
		bool.put("last_name", true);
		assertFieldErrors(register(bool), "last_name");

		assertRegistersLater(email);
	}

	@Test
	void malformedJsonIsRefused() {
		var response = api.post("/api/v1/users", "").raw("{\"first_name\": \"Grace\", ").send();
		assertThat(assertProblem(response, 400).path("code").asString()).isEqualTo("malformed_json");

		var notAnObject = api.post("/api/v1/users", "").raw("[1, 2, 3]").send();
		assertProblem(notAnObject, 400);

		var empty = api.post("/api/v1/users", "").raw("").send();
		assertProblem(empty, 400);

		var trailing = api.post("/api/v1/users", "")
			.raw(Api.json(registration(Accounts.uniqueEmail("reg-trailing"))) + " {}")
			.send();
		assertProblem(trailing, 400);
	}

	@Test
	void aRefusedRegistrationCreatesNothing() {
		String email = Accounts.uniqueEmail("reg-refused");
		var shortPassword = registration(email);
		shortPassword.put("password", "short");
		assertFieldErrors(register(shortPassword), "password");

		var badPhone = registration(email);
		badPhone.put("phone_number", "x");
		assertFieldErrors(register(badPhone), "phone_number");

		var truncated = api.post("/api/v1/users", "").raw(Api.json(registration(email)).replace("}", "")).send();
		assertProblem(truncated, 400);

		// none of them left an account behind: neither a login nor the email
		var login = api.post("/api/v1/auth/token", Map.of("email", email, "password", Accounts.PASSWORD)).send();
		assertProblem(login, 401);
		assertRegistersLater(email);
	}

	@Test
	void theEmailIsStoredAsGivenButMatchedInAnyCase() {
		String email = Accounts.uniqueEmail("Reg-Case");
		var response = register(registration(email));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.body().path("email").asString()).isEqualTo(email);

		accounts.login(email.toLowerCase(Locale.ROOT), Accounts.PASSWORD);
	}

	@Test
	void passwordsAreStoredOnlyAsASaltedSlowHash() {
		String first = Accounts.uniqueEmail("reg-salt");
		String second = Accounts.uniqueEmail("reg-salt");
		assertThat(register(registration(first)).status()).isEqualTo(201);
		assertThat(register(registration(second)).status()).isEqualTo(201);

		List<String> hashes = jdbc.queryForList("select password_hash from users where email in (?, ?)", String.class,
				first, second);
		assertThat(hashes).hasSize(2).allSatisfy(hash -> {
			assertThat(hash).startsWith("{argon2}").doesNotContain(Accounts.PASSWORD);
		});
		assertThat(hashes.get(0)).isNotEqualTo(hashes.get(1));
	}

	private void assertRegistersLater(String email) {
		var later = register(registration(email));
		assertThat(later.status()).as("a later registration of %s: %s", email, later).isEqualTo(201);
	}
}
