package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertNoLeak;
import static io.staybook.test.ProblemAssertions.assertProblemContentType;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A JSON string escape of half a UTF-16 surrogate pair ({@code "\\ud800"} alone) is not Unicode text: it was read into
 * a Java string, stored by PostgreSQL's driver as {@code ?}, and echoed as sent, so a name or a message changed without
 * a word. It is a 400 now, in REST bodies and GraphQL variables alike, and nothing changes; real pairs and an escaped
 * backslash before {@code ud800} stay what they were.
 */
@IntegrationTest
class UnicodeTextIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void aLoneSurrogateInARestBodyIsA400AndChangesNothing() {
		String email = Accounts.uniqueEmail("surrogate");
		String registration = """
				{"first_name": "Zo\\ud800e", "last_name": "B", "email": "%s", "password": "%s"}
				""".formatted(email, Accounts.PASSWORD);
		assertRefused(api.post("/api/v1/users", "").raw(registration).send());
		// no account was made: the address is still free
		assertThat(api.post("/api/v1/users", "").raw(registration.replace("\\ud800", "")).send().status())
			.isEqualTo(201);

		Accounts.TestUser guest = accounts.guest();
		for (String name : new String[] { "\\udc00", "A\\ud83c", "\\ud83cB", "\\ud83c\\ud83c", "\\udfe0\\ud83c",
				"\\ud83c\\n" }) {
			assertRefused(api.patch("/api/v1/users/me", "").raw("{\"first_name\": \"" + name + "\"}").as(guest).send());
		}
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString()).isEqualTo("Test");

		// a pair is a character, and an escaped backslash before "ud800" is text: both are stored as written
		Api.Response pair = api.patch("/api/v1/users/me", "")
			.raw("{\"first_name\": \"Casa \\ud83c\\udfe0\", \"last_name\": \"\\\\ud800\"}")
			.as(guest)
			.send();
		assertThat(pair.status()).as(pair.toString()).isEqualTo(200);
		var me = api.get("/api/v1/users/me").as(guest).send().body();
		assertThat(me.path("first_name").asString()).isEqualTo("Casa 🏠");
		assertThat(me.path("last_name").asString()).isEqualTo("\\" + "ud800");
	}

	@Test
	void aLoneSurrogateInGraphQlVariablesIsA400AndChangesNothing() {
		Accounts.TestUser guest = accounts.guest();
		String mutation = """
				{"query": "mutation($n: String) { updateMe(input: {firstName: $n}) { firstName } }",
				 "variables": {"n": "%s"}}""";
		assertRefused(api.post("/graphql", "").raw(mutation.formatted("A\\ud800")).as(guest).send());
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString()).isEqualTo("Test");

		Api.Response pair = api.post("/graphql", "").raw(mutation.formatted("\\ud83c\\udfe0")).as(guest).send();
		assertThat(pair.status()).as(pair.toString()).isEqualTo(200);
		assertThat(pair.body().at("/data/updateMe/firstName").asString()).isEqualTo("🏠");
	}

	private static void assertRefused(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertProblemContentType(response);
		assertNoLeak(response);
		assertThat(response.body().path("code").asString()).isEqualTo("malformed_json");
	}
}
