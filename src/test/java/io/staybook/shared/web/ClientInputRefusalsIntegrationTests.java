package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Input the service cannot accept is refused the same way on every endpoint, REST and GraphQL alike: an
 * {@code Authorization} header of another scheme is an invalid credential (401), an out-of-range page size below 1 a
 * 400 naming it (above 100 clamped, as the contract says), an id that is not a canonical UUID a 400 naming it (not a
 * 404), and a NUL in any text a 400 naming the field.
 */
@IntegrationTest
class ClientInputRefusalsIntegrationTests {

	private static final String PROPERTIES = "{ properties(first: 1) { edges { node { id } } } }";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	/**
	 * RFC 9110 §11.6.2 and RFC 6750 §3: a credential the service cannot accept is refused, not ignored; a scheme it does
	 * not support carries the challenge without an error code. They were answered as anonymous on public reads.
	 */
	@Test
	void anAuthorizationOfAnotherSchemeIsA401WithTheBearerChallengeEverywhere() {
		for (String credential : List.of("Basic dXNlcjpwYXNzd29yZA==", "Token abc", "garbage", "Digest x=1")) {
			for (Api.Response refused : List.of(api.get("/api/v1/properties").header("Authorization", credential).send(),
					api.get("/api/v1/reviews").header("Authorization", credential).send(),
					api.post("/graphql", Map.of("query", PROPERTIES)).header("Authorization", credential).send())) {
				assertThat(refused.status()).as(credential + ": " + refused).isEqualTo(401);
				assertThat(refused.contentType()).as(credential).startsWith("application/problem+json");
				assertThat(refused.header("WWW-Authenticate")).as(credential).isEqualTo("Bearer realm=\"staybook\"");
			}
		}
		String email = Accounts.uniqueEmail("basic");
		assertProblem(api.post("/api/v1/users", Map.of("first_name", "A", "last_name", "B", "email", email, "password",
				Accounts.PASSWORD)).header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").send(), 401);
		assertThat(api.get("/api/v1/properties").send().status()).isEqualTo(200);
	}

	@Test
	void aPageSizeBelowOneIsA400NamingItAndALargerOneIsClamped() {
		Accounts.TestUser guest = accounts.guest();
		for (String limit : List.of("0", "-1")) {
			for (String path : List.of("/api/v1/bookings", "/api/v1/properties", "/api/v1/reviews",
					"/api/v1/conversations", "/api/v1/wishlists", "/api/v1/payments")) {
				assertFieldErrors(api.get(path + "?limit=" + limit).as(guest).send(), "limit");
			}
			JsonNode refused = graphQl(guest, "{ properties(first: " + limit + ") { edges { node { id } } } }");
			assertThat(fields(refused)).as(refused.toString()).contains("first");
		}
		assertThat(api.get("/api/v1/properties?limit=10000").send().status()).isEqualTo(200);
		JsonNode clamped = graphQl(guest, "{ properties(first: 10000) { edges { node { id } } } }");
		assertThat(clamped.path("errors").isMissingNode()).as(clamped.toString()).isTrue();
	}

	/** {@code UUID.fromString} took {@code 1-1-1-1-1} for an id (a 404), and Jackson a 24-character base64 text. */
	@Test
	void anIdThatIsNotACanonicalUuidIsA400NamingIt() {
		Accounts.TestUser guest = accounts.guest();
		for (String id : List.of("1-1-1-1-1", "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f5", "+195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50",
				"AZXzonwefU6aO18cLT5PUA==")) {
			assertFieldErrors(api.get("/api/v1/properties/" + id).send(), "id");
			assertFieldErrors(api.get("/api/v1/bookings/" + id).as(guest).send(), "id");
			assertFieldErrors(api.get("/api/v1/reviews?property_id=" + id).send(), "property_id");
			assertFieldErrors(api.post("/api/v1/conversations", Map.of("property_id", id, "body", "Hello")).as(guest)
				.send(), "property_id");
			JsonNode refused = graphQl(guest, "{ property(id: \"" + id + "\") { id } }");
			assertThat(fields(refused)).as(refused.toString()).contains("id");
			JsonNode variable = api.post("/graphql", Map.of("query", "query($id: ID!) { property(id: $id) { id } }",
					"variables", Map.of("id", id))).as(guest).send().body();
			assertThat(fields(variable)).as(variable.toString()).contains("id");
			JsonNode nested = graphQl(guest, "mutation { createBooking(input: {propertyId: \"" + id
					+ "\", checkIn: \"2027-03-01\", checkOut: \"2027-03-03\", guests: 1}) { id } }");
			assertThat(fields(nested)).as(nested.toString()).contains("propertyId");
		}
		// RFC 9562 §4: the hex digits are case-insensitive on input
		assertProblem(api.get("/api/v1/properties/0195F3A2-7C1E-7D4E-9A3B-5F1C2D3E4F50").send(), 404);
	}

	/** A NUL reached PostgreSQL, whose refusal named no field; messages already named theirs. */
	@Test
	void aNulInAnyTextIsA400NamingTheField() {
		Accounts.TestUser host = accounts.host();
		assertFieldErrors(listings.post(host, Map.of("title", "Sea\u0000view")), "title");
		assertFieldErrors(api.patch("/api/v1/users/me", Map.of("last_name", "x\u0000y")).as(host).send(), "last_name");
		assertFieldErrors(api.post("/api/v1/users", Map.of("first_name", "A\u0000B", "last_name", "B", "email",
				Accounts.uniqueEmail("nul"), "password", Accounts.PASSWORD)).send(), "first_name");
		assertFieldErrors(api.get("/api/v1/properties?city=a%00b").send(), "city");
		assertFieldErrors(api.get("/api/v1/properties?q=a%00b").send(), "q");
		JsonNode refused = graphQl(host, "mutation { updateMe(input: {firstName: \"A\\u0000B\"}) { firstName } }");
		assertThat(String.join(",", fields(refused))).as(refused.toString()).contains("firstName");
		assertThat(api.get("/api/v1/users/me").as(host).send().body().path("last_name").asString()).doesNotContain("y");
	}

	private JsonNode graphQl(Accounts.TestUser as, String query) {
		return api.post("/graphql", Map.of("query", query)).as(as).send().body();
	}

	/** The fields a GraphQL response's errors name: their {@code extensions.errors}, or their message when none. */
	private static List<String> fields(JsonNode response) {
		List<String> fields = new ArrayList<>();
		response.path("errors").forEach(error -> {
			assertThat(error.at("/extensions/classification").asString()).as(response.toString())
				.isEqualTo("BAD_REQUEST");
			error.at("/extensions/errors").forEach(field -> fields.add(field.path("field").asString()));
			if (error.at("/extensions/errors").isMissingNode()) {
				fields.add(error.path("message").asString());
			}
		});
		return fields;
	}
}
