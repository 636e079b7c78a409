package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code If-Match} and {@code If-None-Match} on a resource that sends no ETag: a list of entity tags under
 * {@code If-Match} matches none of its representations (RFC 9110 §13.1.1), so the method is not performed (412);
 * {@code *} holds while the resource exists. {@code If-None-Match: *} is false while it exists (§13.1.2): 304 on a
 * GET or HEAD, 412 on a write. A missing id is the 404 it would be without either (§13.2.1).
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
	 * RFC 9110 §13.2.1: preconditions are ignored when the answer without them would be neither a 2xx nor a 412. A
	 * read of an id that does not exist is the 404 it is without them, under {@code If-None-Match: *},
	 * {@code If-Match} with tags and {@code If-Match: *} alike; it was a 412 under {@code If-Match: "x"}, answered
	 * before the handler looked the id up. A write is still refused before its handler (412 whether or not the id
	 * exists; {@link UntaggedPreconditions} says why), except under {@code If-Match: *}, which holds. The tagged
	 * listing answers its own 404, as before.
	 */
	@Test
	void aPreconditionOnAMissingIdIsTheNotFoundItWouldBeWithoutItOnAReadAndA412OnAWrite() {
		Accounts.TestUser guest = accounts.guest();
		String missing = "/api/v1/wishlists/" + UUID.randomUUID();
		for (Map.Entry<String, String> condition : List.of(Map.entry("If-None-Match", "*"),
				Map.entry("If-Match", "\"x\""), Map.entry("If-Match", "*"))) {
			List<Api.Call> reads = List.of(api.get(missing), api.get("/api/v1/bookings/" + UUID.randomUUID()),
					api.get("/api/v1/properties/" + UUID.randomUUID()),
					api.patch("/api/v1/properties/" + UUID.randomUUID(), Map.of("title", "Changed")));
			for (Api.Call call : reads) {
				Api.Response answer = call.as(guest).header(condition.getKey(), condition.getValue()).send();
				assertThat(answer.status()).as(condition + ": " + answer).isEqualTo(404);
			}
			List<Api.Call> writes = List.of(api.patch(missing, Map.of("name", "Renamed")), api.delete(missing),
					api.put(missing + "/properties/" + UUID.randomUUID(), null),
					api.post("/api/v1/bookings/" + UUID.randomUUID() + "/cancel", Map.of()),
					api.delete("/api/v1/reviews/" + UUID.randomUUID()));
			for (Api.Call call : writes) {
				Api.Response answer = call.as(guest).header(condition.getKey(), condition.getValue()).send();
				assertThat(answer.status()).as(condition + ": " + answer)
					.isEqualTo(condition.getValue().equals("*") && condition.getKey().equals("If-Match") ? 404 : 412);
			}
		}
	}

	/**
	 * A write to a resource named by id under a failed precondition is the 412 that changes nothing, its owner's and a
	 * stranger's alike (refused before the handler looks it up); {@code If-Match: *} and tags under
	 * {@code If-None-Match} hold.
	 */
	@Test
	void aWriteToAResourceNamedByIdUnderAFailedPreconditionIsA412ThatChangesNothing() {
		Accounts.TestUser guest = accounts.guest();
		Api.Response created = api.post("/api/v1/wishlists", Map.of("name", "Summer")).as(guest).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String list = "/api/v1/wishlists/" + created.body().path("id").asString();
		for (Map.Entry<String, String> condition : List.of(Map.entry("If-None-Match", "*"),
				Map.entry("If-Match", "\"x\""), Map.entry("If-Match", "W/\"x\""))) {
			Api.Response renamed = api.patch(list, Map.of("name", "Winter")).as(guest)
				.header(condition.getKey(), condition.getValue()).send();
			assertThat(assertProblem(renamed, 412).path("code").asString()).as(condition.toString())
				.isEqualTo("precondition_failed");
			assertProblem(api.delete(list).as(guest).header(condition.getKey(), condition.getValue()).send(), 412);
			assertProblem(api.patch(list, Map.of("name", "Winter")).as(accounts.guest())
				.header(condition.getKey(), condition.getValue()).send(), 412);
		}
		assertThat(api.get(list).as(guest).send().body().path("name").asString()).isEqualTo("Summer");
		assertThat(api.patch(list, Map.of("name", "Winter")).as(guest).header("If-Match", "*").send().status())
			.isEqualTo(200);
		assertThat(api.patch(list, Map.of("name", "Autumn")).as(guest).header("If-None-Match", "\"x\"").send()
			.status()).isEqualTo(200);
		assertThat(api.get(list).as(guest).send().body().path("name").asString()).isEqualTo("Autumn");
	}

	/**
	 * RFC 9110 §13.1.2: {@code If-None-Match: *} is false on a resource that has a current representation, and a GET
	 * or HEAD then answers 304 (bodiless); it was a 200 with the body on every resource without an ETag. A GET under
	 * {@code If-Match} with tags is still the 412, found first. {@code /graphql} by GET is such a read; by POST
	 * (a query or a mutation alike) it is a write to the endpoint, which always exists, and a failed
	 * {@code If-None-Match} there is a 412 (§13.1.2: 304 is for GET and HEAD only), as {@code If-Match} already was.
	 */
	@Test
	void anIfNoneMatchStarOnAReadOfAnExistingResourceIs304() {
		Accounts.TestUser guest = accounts.guest();
		Api.Response created = api.post("/api/v1/wishlists", Map.of("name", "Summer")).as(guest).send();
		String list = "/api/v1/wishlists/" + created.body().path("id").asString();
		String graphQlGet = "/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D";
		for (String path : List.of("/api/v1/users/me", list, "/api/v1/users/" + guest.id(), graphQlGet)) {
			for (String method : path.equals(graphQlGet) ? List.of("GET") : List.of("GET", "HEAD")) {
				Api.Response answer = api.request(method, path).as(guest).header("If-None-Match", "*").send();
				assertThat(answer.status()).as(method + " " + path + ": " + answer).isEqualTo(304);
				assertThat(answer.text()).as(method + " " + path).isEmpty();
			}
			assertThat(api.get(path).as(guest).header("If-None-Match", "\"x\"").send().status()).as(path)
				.isEqualTo(200);
			assertProblem(api.get(path).as(guest).header("If-Match", "\"x\"").send(), 412);
		}
		assertProblem(api.post("/graphql", Map.of("query", "{ me { id } }")).as(guest).header("If-None-Match", "*")
			.send(), 412);
		// a mutation about a missing id is still a write to /graphql, which exists: 412, not the NOT_FOUND error
		assertProblem(api.post("/graphql", Map.of("query",
				"mutation { deleteWishlist(id: \"" + UUID.randomUUID() + "\") }")).as(guest)
			.header("If-None-Match", "*").send(), 412);
		assertThat(api.get("/swagger-ui/index.html").header("If-None-Match", "*").send().status()).isEqualTo(304);
		assertThat(api.get("/swagger-ui/missing.html").header("If-None-Match", "*").send().status()).isEqualTo(404);
		// the tagged resources answered so already: the listing's own 304 with its ETag
		Api.Response listing = api.get("/api/v1/properties/" + Listings.id(listings.create(accounts.host())))
			.header("If-None-Match", "*").send();
		assertThat(listing.status()).as(listing.toString()).isEqualTo(304);
		assertThat(listing.header("ETag")).isNotBlank();
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
