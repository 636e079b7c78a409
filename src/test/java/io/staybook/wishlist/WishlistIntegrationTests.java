package io.staybook.wishlist;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * api-contract.md, "Wishlists", over real HTTP: every operation, its errors, the owner rule (others, admins included,
 * get 404), idempotent adds and removes, and listings leaving a list when they are removed.
 */
@IntegrationTest
class WishlistIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcClient jdbc;

	TestUser guest;

	TestUser host;

	@BeforeEach
	void accounts() {
		guest = accounts.guest();
		host = accounts.host();
	}

	JsonNode create(TestUser as, String name) {
		Api.Response created = api.post("/api/v1/wishlists", Map.of("name", name)).as(as).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.body();
	}

	String listing() {
		return Listings.id(listings.create(host));
	}

	Api.Response add(TestUser as, String list, String property) {
		return api.put("/api/v1/wishlists/" + list + "/properties/" + property, null).as(as).send();
	}

	JsonNode get(TestUser as, String list) {
		Api.Response got = api.get("/api/v1/wishlists/" + list).as(as).send();
		assertThat(got.status()).as(got.toString()).isEqualTo(200);
		return got.body();
	}

	List<String> ids(String list) {
		Api.Response page = api.get("/api/v1/wishlists/" + list + "/properties?limit=100").as(guest).send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return idsOf(page.body().path("results"));
	}

	/** The ids of a page's results (not their hosts'). */
	static List<String> idsOf(JsonNode results) {
		List<String> ids = new ArrayList<>();
		results.forEach(result -> ids.add(result.path("id").asString()));
		return ids;
	}

	@Test
	void createsGetsRenamesAndDeletes() {
		Api.Response created = api.post("/api/v1/wishlists", Map.of("name", "  Summer in Lisbon ")).as(guest).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode list = created.body();
		String id = list.path("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/v1/wishlists/" + id);
		assertThat(list.path("name").asString()).isEqualTo("Summer in Lisbon");
		assertThat(list.path("property_count").asInt()).isZero();
		assertThat(list.path("created_at").asString()).isEqualTo(list.path("updated_at").asString());

		assertThat(get(guest, id)).isEqualTo(list);

		Api.Response renamed = api.patch("/api/v1/wishlists/" + id, Map.of("name", "Winter")).as(guest).send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(renamed.body().path("name").asString()).isEqualTo("Winter");
		assertThat(renamed.body().path("created_at")).isEqualTo(list.path("created_at"));
		assertThat(renamed.body().path("updated_at").asString()).isGreaterThan(list.path("updated_at").asString());
		assertThat(get(guest, id).path("name").asString()).isEqualTo("Winter");

		assertThat(api.delete("/api/v1/wishlists/" + id).as(guest).send().status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/wishlists/" + id).as(guest).send(), 404);
		assertProblem(api.delete("/api/v1/wishlists/" + id).as(guest).send(), 404);
	}

	@Test
	void refusesBadNamesAndBodiesChangingNothing() {
		assertFieldErrors(api.post("/api/v1/wishlists", Map.of("name", "")).as(guest).send(), "name");
		assertFieldErrors(api.post("/api/v1/wishlists", Map.of("name", "   ")).as(guest).send(), "name");
		assertFieldErrors(api.post("/api/v1/wishlists", Map.of("name", "\u00a0\u200b")).as(guest).send(), "name");
		assertFieldErrors(api.post("/api/v1/wishlists", Map.of("name", "x".repeat(101))).as(guest).send(), "name");
		assertProblem(api.post("/api/v1/wishlists", Map.of()).as(guest).send(), 400);
		assertProblem(api.post("/api/v1/wishlists", Map.of("name", "A", "color", "red")).as(guest).send(), 400);
		assertProblem(api.post("/api/v1/wishlists", Map.of("name", 5)).as(guest).send(), 400);
		assertProblem(api.post("/api/v1/wishlists", Map.of("name", "A")).send(), 401);
		// 100 characters, counted as characters: emoji are one each
		assertThat(create(guest, "🏖".repeat(100)).path("name").asString()).isEqualTo("🏖".repeat(100));

		String id = create(guest, "Kept").path("id").asString();
		assertFieldErrors(api.patch("/api/v1/wishlists/" + id, Map.of("name", "x".repeat(101))).as(guest).send(),
				"name");
		assertProblem(api.patch("/api/v1/wishlists/" + id, Map.of("title", "x")).as(guest).send(), 400);
		assertProblem(api.get("/api/v1/wishlists/not-a-uuid").as(guest).send(), 400);
		assertThat(get(guest, id).path("name").asString()).isEqualTo("Kept");
		assertThat(api.get("/api/v1/wishlists?limit=100").as(guest).send().body().path("results").size()).isEqualTo(2);
	}

	@Test
	void aCreationRepeatedWithItsIdempotencyKeyCreatesOne() {
		String key = UUID.randomUUID().toString();
		Api.Response first = api.post("/api/v1/wishlists", Map.of("name", "Once")).as(guest)
			.header("Idempotency-Key", key).send();
		Api.Response again = api.post("/api/v1/wishlists", Map.of("name", "Once")).as(guest)
			.header("Idempotency-Key", key).send();
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.header("Location")).isEqualTo(first.header("Location"));
		assertProblem(api.post("/api/v1/wishlists", Map.of("name", "Other")).as(guest).header("Idempotency-Key", key)
			.send(), 400);
		assertThat(api.get("/api/v1/wishlists").as(guest).send().body().path("results").size()).isEqualTo(1);
	}

	@Test
	void listsOnlyTheCallersOwnNewestFirstInPages() {
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			made.add(create(guest, "List " + i).path("id").asString());
		}
		create(host, "The host's own");
		Api.Response first = api.get("/api/v1/wishlists?limit=2").as(guest).send();
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body().path("results").findValuesAsString("id")).containsExactly(made.get(2), made.get(1));
		String cursor = first.body().path("next_cursor").asString();
		Api.Response second = api.get("/api/v1/wishlists?limit=2&cursor=" + cursor).as(guest).send();
		assertThat(second.body().path("results").findValuesAsString("id")).containsExactly(made.get(0));
		assertThat(second.body().path("next_cursor").isNull()).isTrue();
		assertProblem(api.get("/api/v1/wishlists?cursor=nonsense").as(guest).send(), 400);
		assertProblem(api.get("/api/v1/wishlists?limit=ten").as(guest).send(), 400);
		assertProblem(api.get("/api/v1/wishlists").send(), 401);
	}

	@Test
	void someoneElsesListIsNotFoundForEveryOperationAdminsIncluded() {
		String id = create(guest, "Private").path("id").asString();
		String property = listing();
		assertThat(add(guest, id, property).status()).isEqualTo(204);
		for (TestUser other : List.of(accounts.guest(), accounts.admin())) {
			assertProblem(api.get("/api/v1/wishlists/" + id).as(other).send(), 404);
			assertProblem(api.patch("/api/v1/wishlists/" + id, Map.of("name", "Mine")).as(other).send(), 404);
			assertProblem(api.delete("/api/v1/wishlists/" + id).as(other).send(), 404);
			assertProblem(add(other, id, listing()), 404);
			assertProblem(api.delete("/api/v1/wishlists/" + id + "/properties/" + property).as(other).send(), 404);
			assertProblem(api.get("/api/v1/wishlists/" + id + "/properties").as(other).send(), 404);
			assertThat(api.get("/api/v1/wishlists").as(other).send().body().path("results").findValuesAsString("id"))
				.doesNotContain(id);
		}
		assertProblem(api.get("/api/v1/wishlists/" + id).send(), 401);
		assertProblem(api.put("/api/v1/wishlists/" + id + "/properties/" + property, null).send(), 401);
		JsonNode kept = get(guest, id);
		assertThat(kept.path("name").asString()).isEqualTo("Private");
		assertThat(kept.path("property_count").asInt()).isEqualTo(1);
		assertThat(ids(id)).containsExactly(property);
	}

	@Test
	void addingIsIdempotentAndTheNewestAddComesFirst() {
		String id = create(guest, "Trips").path("id").asString();
		String a = listing();
		String b = listing();
		String c = listing();
		for (String property : List.of(a, b, c)) {
			assertThat(add(guest, id, property).status()).isEqualTo(204);
		}
		JsonNode before = get(guest, id);
		assertThat(before.path("property_count").asInt()).isEqualTo(3);
		assertThat(before.path("updated_at").asString()).isGreaterThan(before.path("created_at").asString());
		assertThat(ids(id)).containsExactly(c, b, a);

		Api.Response again = add(guest, id, a);
		assertThat(again.status()).isEqualTo(204);
		assertThat(again.text()).isEmpty();
		assertThat(get(guest, id)).isEqualTo(before);
		assertThat(ids(id)).containsExactly(c, b, a);
	}

	@Test
	void addingAnUnknownOrRemovedListingIsNotFound() {
		String id = create(guest, "Trips").path("id").asString();
		JsonNode before = get(guest, id);
		assertProblem(add(guest, id, UUID.randomUUID().toString()), 404);
		String removed = listing();
		assertThat(api.delete("/api/v1/properties/" + removed).as(host).send().status()).isEqualTo(204);
		assertProblem(add(guest, id, removed), 404);
		assertProblem(add(guest, id, "not-a-uuid"), 400);
		assertProblem(add(guest, UUID.randomUUID().toString(), listing()), 404);
		assertThat(get(guest, id)).isEqualTo(before);
	}

	@Test
	void removingTakesItOutOnceAndAgainChangesNothing() {
		String id = create(guest, "Trips").path("id").asString();
		String a = listing();
		String b = listing();
		add(guest, id, a);
		add(guest, id, b);
		JsonNode before = get(guest, id);
		Api.Response removed = api.delete("/api/v1/wishlists/" + id + "/properties/" + a).as(guest).send();
		assertThat(removed.status()).isEqualTo(204);
		JsonNode after = get(guest, id);
		assertThat(after.path("property_count").asInt()).isEqualTo(1);
		assertThat(after.path("updated_at").asString()).isGreaterThan(before.path("updated_at").asString());
		assertThat(ids(id)).containsExactly(b);

		assertThat(api.delete("/api/v1/wishlists/" + id + "/properties/" + a).as(guest).send().status())
			.isEqualTo(204);
		assertThat(api.delete("/api/v1/wishlists/" + id + "/properties/" + UUID.randomUUID()).as(guest).send()
			.status()).isEqualTo(204);
		assertThat(get(guest, id)).isEqualTo(after);
		assertProblem(api.delete("/api/v1/wishlists/" + UUID.randomUUID() + "/properties/" + a).as(guest).send(),
				404);
	}

	@Test
	void theListingsAreThoseOfSearchCoverPhotoIncludedInPages() {
		String id = create(guest, "Trips").path("id").asString();
		List<String> added = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String property = listing();
			add(guest, id, property);
			added.addFirst(property);
		}
		Api.Response photo = Uploads.upload(api, host, added.get(1), TestImages.jpeg(400, 300, 7), "image/jpeg", null);
		assertThat(photo.status()).as(photo.toString()).isEqualTo(201);

		Api.Response first = api.get("/api/v1/wishlists/" + id + "/properties?limit=2").as(guest).send();
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode results = first.body().path("results");
		assertThat(idsOf(results)).containsExactly(added.get(0), added.get(1));
		for (JsonNode listing : results) {
			JsonNode detail = api.get("/api/v1/properties/" + listing.path("id").asString()).send().body();
			assertThat(listing).isEqualTo(detail);
		}
		assertThat(results.get(1).path("cover_photo").path("thumbnail").asString()).startsWith("/media/");
		assertThat(results.get(0).path("cover_photo").isNull()).isTrue();
		assertThat(results.get(0).path("host").path("first_name").asString()).isNotBlank();

		Api.Response second = api.get("/api/v1/wishlists/" + id + "/properties?limit=2&cursor="
				+ first.body().path("next_cursor").asString()).as(guest).send();
		assertThat(idsOf(second.body().path("results"))).containsExactly(added.get(2));
		assertThat(second.body().path("next_cursor").isNull()).isTrue();
		assertProblem(api.get("/api/v1/wishlists/" + id + "/properties?cursor=bm9wZQ").as(guest).send(), 400);
	}

	@Test
	void aRemovedListingLeavesEveryListAtOnce() {
		String one = create(guest, "One").path("id").asString();
		String two = create(accounts.guest(), "Two").path("id").asString();
		String kept = listing();
		String removed = listing();
		add(guest, one, kept);
		add(guest, one, removed);
		JsonNode before = get(guest, one);
		assertThat(api.delete("/api/v1/properties/" + removed).as(host).send().status()).isEqualTo(204);

		JsonNode after = get(guest, one);
		assertThat(after.path("property_count").asInt()).isEqualTo(1);
		// the owner changed nothing
		assertThat(after.path("updated_at")).isEqualTo(before.path("updated_at"));
		assertThat(ids(one)).containsExactly(kept);
		assertThat(jdbc.sql("select count(*) from wishlist_properties where property_id = ?::uuid").param(removed)
			.query(Integer.class).single()).isZero();
		assertThat(two).isNotNull();
	}

	@Test
	void aDeletedAccountsListsGoWithIt() {
		TestUser leaving = accounts.guest();
		String id = create(leaving, "Soon gone").path("id").asString();
		add(leaving, id, listing());
		assertThat(api.delete("/api/v1/users/" + leaving.id()).as(leaving).send().status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from wishlists where user_id = ?").param(leaving.id())
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from wishlist_properties where wishlist_id = ?::uuid").param(id)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aHostLeavingTakesTheirListingsOutOfOthersLists() {
		TestUser leavingHost = accounts.host();
		String theirs = Listings.id(listings.create(leavingHost));
		String id = create(guest, "Trips").path("id").asString();
		add(guest, id, theirs);
		assertThat(api.delete("/api/v1/users/" + leavingHost.id()).as(leavingHost).send().status()).isEqualTo(204);
		assertThat(get(guest, id).path("property_count").asInt()).isZero();
		assertThat(ids(id)).isEmpty();
	}
}
