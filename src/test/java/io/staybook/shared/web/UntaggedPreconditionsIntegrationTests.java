package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code If-Match} on a resource that sends no ETag (RFC 9110 §13.1.1): a list of entity tags matches none of its
 * representations, so the method is not performed (412); {@code *} holds while the resource exists. It was ignored,
 * so a client guarding a write with a tag it believed current changed the resource all the same.
 */
@IntegrationTest
class UntaggedPreconditionsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void anIfMatchWithTagsIsA412ThatChangesNothingAndAStarProceeds() {
		Accounts.TestUser guest = accounts.guest();
		for (String tags : List.of("\"x\"", "W/\"x\"", "\"a\", \"b\"", "not a tag")) {
			Api.Response refused = api.patch("/api/v1/users/me", Map.of("first_name", "Changed"))
				.as(guest)
				.header("If-Match", tags)
				.send();
			assertThat(assertProblem(refused, 412).path("code").asString()).as(tags).isEqualTo("precondition_failed");
			assertProblem(api.get("/api/v1/users/me").as(guest).header("If-Match", tags).send(), 412);
		}
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString())
			.isNotEqualTo("Changed");

		Api.Response star = api.patch("/api/v1/users/me", Map.of("first_name", "Changed"))
			.as(guest)
			.header("If-Match", "*")
			.send();
		assertThat(star.status()).as(star.toString()).isEqualTo(200);
		assertThat(api.get("/api/v1/users/me").as(guest).header("If-Match", "*").send().status()).isEqualTo(200);
	}

	@Test
	void aCreationUnderAFailedIfMatchCreatesNothing() {
		Accounts.TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		Api.Response refused = api.post("/api/v1/properties", Listings.body(Map.of("city", city)))
			.as(host)
			.header("If-Match", "\"x\"")
			.send();

		assertProblem(refused, 412);
		assertThat(api.get("/api/v1/properties?city=" + city).send().body().path("results")).isEmpty();
		assertThat(api.post("/api/v1/properties", Listings.body(Map.of("city", city)))
			.as(host)
			.header("If-Match", "*")
			.send()
			.status()).isEqualTo(201);
	}

	/**
	 * {@code /graphql} sends no ETag either: a mutation under an {@code If-Match} with tags is a 412 that changes
	 * nothing, and so is a query (POST or GET); {@code *} proceeds. It was ignored there, and the mutation happened.
	 * {@code If-None-Match} with tags holds on a resource without one, there as on REST, and requests without either
	 * (as Apollo and urql send them) are untouched.
	 */
	@Test
	void graphQlUnderAnIfMatchWithTagsIsA412ThatChangesNothingAndAStarProceeds() {
		Accounts.TestUser guest = accounts.guest();
		Map<String, Object> mutation = Map.of("query",
				"mutation { updateMe(input: {firstName: \"Changed\"}) { firstName } }");
		for (String tags : List.of("\"x\"", "W/\"x\"", "\"a\", \"b\"", "not a tag")) {
			Api.Response refused = api.post("/graphql", mutation).as(guest).header("If-Match", tags).send();
			assertThat(assertProblem(refused, 412).path("code").asString()).as(tags).isEqualTo("precondition_failed");
			assertProblem(api.post("/graphql", Map.of("query", "{ me { id } }")).as(guest).header("If-Match", tags)
				.send(), 412);
			assertProblem(api.get("/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D").as(guest).header("If-Match", tags)
				.send(), 412);
		}
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString())
			.isNotEqualTo("Changed");

		for (Map.Entry<String, String> holds : List.of(Map.entry("If-Match", "*"), Map.entry("If-None-Match", "\"x\""),
				Map.entry("X-None", "none"))) {
			Api.Response done = api.post("/graphql", mutation).as(guest).header(holds.getKey(), holds.getValue()).send();
			assertThat(done.status()).as(holds + ": " + done).isEqualTo(200);
			assertThat(done.body().at("/data/updateMe/firstName").asString()).as(holds.toString()).isEqualTo("Changed");
			assertThat(api.get("/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D").as(guest)
				.header(holds.getKey(), holds.getValue())
				.send()
				.status()).as(holds.toString()).isEqualTo(200);
		}
	}

	/**
	 * {@code If-None-Match: *} on a write to a resource that exists (RFC 9110 §13.1.2: false when the target has a
	 * current representation) is a 412 that changes nothing, on REST and on {@code /graphql}; it was ignored and the
	 * write was made. A POST that creates a new resource is left to proceed, and tags still hold.
	 */
	@Test
	void anIfNoneMatchStarOnAWriteToAnExistingResourceIsA412ThatChangesNothing() {
		Accounts.TestUser host = accounts.host();
		Api.Response patch = api.patch("/api/v1/users/me", Map.of("first_name", "Changed")).as(host)
			.header("If-None-Match", "*").send();
		assertThat(assertProblem(patch, 412).path("code").asString()).isEqualTo("precondition_failed");
		assertProblem(api.post("/graphql", Map.of("query",
				"mutation { updateMe(input: {firstName: \"Changed\"}) { firstName } }")).as(host)
			.header("If-None-Match", "*").send(), 412);
		assertProblem(api.delete("/api/v1/users/" + host.id()).as(host).header("If-None-Match", "*").send(), 412);
		Api.Response me = api.get("/api/v1/users/me").as(host).send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body().path("first_name").asString()).isNotEqualTo("Changed");

		String city = Listings.uniqueCity();
		Api.Response created = api.post("/api/v1/properties", Listings.body(Map.of("city", city))).as(host)
			.header("If-None-Match", "*").send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String listing = created.header("Location");
		assertProblem(api.patch(listing, Map.of("title", "Changed")).as(host).header("If-None-Match", "*").send(), 412);
		assertThat(api.patch("/api/v1/users/me", Map.of("first_name", "Changed")).as(host)
			.header("If-None-Match", "\"x\"").send().status()).isEqualTo(200);
	}

	/**
	 * Swagger UI's static files have no ETag either: an {@code If-Match} with tags is a 412 there as on every other
	 * resource (Spring's resource handler ignored it on a GET), {@code *} holds.
	 */
	@Test
	void swaggerUisFilesAnswerIfMatchAsEveryOtherResource() {
		String page = "/swagger-ui/index.html";
		assertThat(api.get(page).send().status()).isEqualTo(200);
		assertProblem(api.get(page).header("If-Match", "\"x\"").send(), 412);
		assertThat(api.get(page).header("If-Match", "*").send().status()).isEqualTo(200);
	}

	/** Failures come before preconditions (RFC 9110 §13.2.1): no token is a 401, If-Match or not. */
	@Test
	void aRequestThatWouldFailAnywayIsNotA412() {
		assertProblem(api.get("/api/v1/users/me").header("If-Match", "\"x\"").send(), 401);
		assertProblem(api.request("PUT", "/api/v1/users/me").as(accounts.guest()).header("If-Match", "\"x\"").send(),
				405);
	}
}
