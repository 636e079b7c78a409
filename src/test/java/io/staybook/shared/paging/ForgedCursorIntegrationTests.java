package io.staybook.shared.paging;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cursors are opaque, but a client can decode one and write its own: whatever it writes, the answer is a 400 problem,
 * never a 500. Keys that parse but cannot be sent to PostgreSQL (a time in the year +1000000000, a price in exponent
 * notation) were 500s.
 */
@IntegrationTest
class ForgedCursorIntegrationTests {

	private static final List<String> FORGED_TIMES = List.of("+1000000000-01-01T00:00:00Z",
			"-1000000000-01-01T00:00:00Z", "+294247-01-10T04:00:54.775807Z");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void aForgedTimeInAConversationsMessagesOrWishlistCursorIsA400() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		String conversation = api.post("/api/v1/conversations", Map.of("property_id", propertyId, "body", "Hello"))
			.as(guest).send().body().path("id").asString();
		String wishlist = api.post("/api/v1/wishlists", Map.of("name", "Later")).as(guest).send().body().path("id")
			.asString();
		for (String time : FORGED_TIMES) {
			String cursor = Cursors.encode(time, UUID.randomUUID());
			for (String path : List.of("/api/v1/conversations", "/api/v1/conversations/" + conversation + "/messages",
					"/api/v1/wishlists/" + wishlist + "/properties")) {
				assertProblem(api.get(path + "?cursor=" + cursor).as(guest).send(), 400);
			}
			Api.Response graphQl = api.post("/graphql", Map.of("query",
					"query($id: ID!, $after: String) { messages(conversationId: $id, after: $after) { edges { cursor } } }",
					"variables", Map.of("id", conversation, "after", cursor))).as(guest).send();
			assertThat(graphQl.body().path("errors").get(0).path("extensions").path("classification").asString())
				.as(graphQl.toString()).isEqualTo("BAD_REQUEST");
		}
		// a real cursor still pages
		assertThat(api.get("/api/v1/conversations?cursor=" + Cursors.encode("2026-01-01T00:00:00Z", UUID.randomUUID()))
			.as(guest).send().status()).isEqualTo(200);
	}

	@Test
	void aForgedPriceOrRatingInASearchCursorIsA400() {
		for (String sort : List.of("price", "-price", "-rating")) {
			String keyset = switch (sort) {
				case "price" -> "PRICE";
				case "-price" -> "PRICE_DESC";
				default -> "RATING_DESC";
			};
			for (String key : List.of("-1E-2147483647", "1E+2147483647", "1e5")) {
				String cursor = Cursors.encode(keyset, key, UUID.randomUUID());
				assertProblem(api.get("/api/v1/properties?sort=" + sort + "&cursor=" + cursor).send(), 400);
			}
			assertThat(api.get("/api/v1/properties?sort=" + sort + "&cursor=" + Cursors.encode(keyset, "120.00",
					UUID.randomUUID())).send().status()).isEqualTo(200);
		}
	}
}
