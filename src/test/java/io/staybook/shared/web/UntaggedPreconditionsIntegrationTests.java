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

	/** Failures come before preconditions (RFC 9110 §13.2.1): no token is a 401, If-Match or not. */
	@Test
	void aRequestThatWouldFailAnywayIsNotA412() {
		assertProblem(api.get("/api/v1/users/me").header("If-Match", "\"x\"").send(), 401);
		assertProblem(api.request("PUT", "/api/v1/users/me").as(accounts.guest()).header("If-Match", "\"x\"").send(),
				405);
	}
}
