package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wishlists' GraphQL twins: wishlists, wishlist (with its properties), createWishlist, updateWishlist, deleteWishlist,
 * addToWishlist and removeFromWishlist, with the REST rules (owner only, idempotent adds, both limits), and a list's
 * page of listings read in statements that do not grow with the page.
 */
@IntegrationTest
class WishlistGraphQlIntegrationTests extends GraphQlOperationTests {

	static final String FIELDS = "id name propertyCount createdAt updatedAt";

	static final String CREATE = """
			mutation($input: WishlistInput!, $key: String) {
			  createWishlist(input: $input, idempotencyKey: $key) { %s }
			}""".formatted(FIELDS);

	static final String UPDATE = "mutation($id: ID!, $input: WishlistInput!) { updateWishlist(id: $id, input: $input) { "
			+ FIELDS + " } }";

	static final String DELETE = "mutation($id: ID!) { deleteWishlist(id: $id) }";

	static final String ADD = "mutation($id: ID!, $p: ID!) { addToWishlist(id: $id, propertyId: $p) { " + FIELDS
			+ " } }";

	static final String REMOVE = "mutation($id: ID!, $p: ID!) { removeFromWishlist(id: $id, propertyId: $p) { "
			+ FIELDS + " } }";

	static final String LISTS = """
			query($first: Int, $after: String) {
			  wishlists(first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
			}""";

	static final String ONE = """
			query($id: ID!, $first: Int, $after: String) {
			  wishlist(id: $id) {
			    id name propertyCount
			    properties(first: $first, after: $after) {
			      edges { node { id title host { firstName } coverPhoto { thumbnail } } }
			      pageInfo { hasNextPage endCursor }
			    }
			  }
			}""";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatementRecorder recorder;

	String create(TestUser as, String name) {
		return graphQl.as(as).document(CREATE).variable("input", Map.of("name", name)).execute()
			.path("createWishlist.id").entity(String.class).get();
	}

	@Test
	void theOwnerCreatesListsRenamesAddsRemovesAndDeletes() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();
		String id = create(guest, " Beaches ");
		String a = Listings.id(listings.create(host));
		String b = Listings.id(listings.create(host));
		graphQl.as(guest).document(ADD).variable("id", id).variable("p", a).execute()
			.path("addToWishlist.propertyCount").entity(Integer.class).isEqualTo(1);
		graphQl.as(guest).document(ADD).variable("id", id).variable("p", b).execute();
		// a second add is no change
		graphQl.as(guest).document(ADD).variable("id", id).variable("p", a).execute()
			.path("addToWishlist.propertyCount").entity(Integer.class).isEqualTo(2);

		var one = graphQl.as(guest).document(ONE).variable("id", id).execute();
		one.path("wishlist.name").entity(String.class).isEqualTo("Beaches");
		one.path("wishlist.properties.edges[*].node.id").entityList(String.class).containsExactly(b, a);
		one.path("wishlist.properties.edges[0].node.host.firstName").entity(String.class).isEqualTo("Test");

		graphQl.as(guest).document(UPDATE).variable("id", id).variable("input", Map.of("name", "Coasts")).execute()
			.path("updateWishlist.name").entity(String.class).isEqualTo("Coasts");
		graphQl.as(guest).document(REMOVE).variable("id", id).variable("p", b).execute()
			.path("removeFromWishlist.propertyCount").entity(Integer.class).isEqualTo(1);
		graphQl.as(guest).document(LISTS).execute().path("wishlists.edges[*].node.id").entityList(String.class)
			.containsExactly(id);
		graphQl.as(guest).document(DELETE).variable("id", id).execute().path("deleteWishlist").entity(Boolean.class)
			.isEqualTo(true);
		assertRefused(graphQl.as(guest).document(ONE).variable("id", id).execute(), "wishlist", "NOT_FOUND", null);
	}

	@Test
	void othersAndBadInputAreRefusedAsOverRest() {
		TestUser guest = accounts.guest();
		String id = create(guest, "Mine");
		String listing = Listings.id(listings.create(accounts.host()));
		for (TestUser other : List.of(accounts.guest(), accounts.admin())) {
			assertRefused(graphQl.as(other).document(ONE).variable("id", id).execute(), "wishlist", "NOT_FOUND", null);
			assertRefused(graphQl.as(other).document(UPDATE).variable("id", id).variable("input", Map.of("name", "X"))
				.execute(), "updateWishlist", "NOT_FOUND", null);
			assertRefused(graphQl.as(other).document(DELETE).variable("id", id).execute(), "deleteWishlist",
					"NOT_FOUND", null);
			assertRefused(graphQl.as(other).document(ADD).variable("id", id).variable("p", listing).execute(),
					"addToWishlist", "NOT_FOUND", null);
			assertRefused(graphQl.as(other).document(REMOVE).variable("id", id).variable("p", listing).execute(),
					"removeFromWishlist", "NOT_FOUND", null);
		}
		assertRefused(graphQl.anonymous().document(LISTS).execute(), "wishlists", "UNAUTHORIZED", null);
		assertRefused(graphQl.anonymous().document(CREATE).variable("input", Map.of("name", "A")).execute(),
				"createWishlist", "UNAUTHORIZED", null);
		assertInvalid(graphQl.as(guest).document(CREATE).variable("input", Map.of("name", "x".repeat(101))).execute(),
				"createWishlist", "name");
		assertInvalid(graphQl.as(guest).document(UPDATE).variable("id", id).variable("input", Map.of("name", " "))
			.execute(), "updateWishlist", "name");
		assertRefused(graphQl.as(guest).document(ADD).variable("id", id).variable("p", UUID.randomUUID().toString())
			.execute(), "addToWishlist", "NOT_FOUND", null);
		// first is 1 or more; above 100 it is clamped to 100, as REST's limit (the contract's "clamped to 100")
		assertInvalid(graphQl.as(guest).document(LISTS).variable("first", 0).execute(), "wishlists", "first");
		graphQl.as(guest).document(LISTS).variable("first", 101).execute().errors().verify();
		jdbc.sql("update wishlists set property_count = 1000 where id = ?::uuid").param(id).update();
		assertRefused(graphQl.as(guest).document(ADD).variable("id", id).variable("p", listing).execute(),
				"addToWishlist", "CONFLICT", "wishlist_full");
	}

	@Test
	void aCreationRepeatedWithItsKeyCreatesOneAndListsArePaged() {
		TestUser guest = accounts.guest();
		String key = "gql-wishlist-" + UUID.randomUUID();
		String first = graphQl.as(guest).document(CREATE).variable("input", Map.of("name", "Once"))
			.variable("key", key).execute().path("createWishlist.id").entity(String.class).get();
		String again = graphQl.as(guest).document(CREATE).variable("input", Map.of("name", "Once"))
			.variable("key", key).execute().path("createWishlist.id").entity(String.class).get();
		assertThat(again).isEqualTo(first);
		String second = create(guest, "Twice");

		var page = graphQl.as(guest).document(LISTS).variable("first", 1).execute();
		page.path("wishlists.edges[*].node.id").entityList(String.class).containsExactly(second);
		String cursor = page.path("wishlists.pageInfo.endCursor").entity(String.class).get();
		graphQl.as(guest).document(LISTS).variable("first", 1).variable("after", cursor).execute()
			.path("wishlists.edges[*].node.id").entityList(String.class).containsExactly(first);
	}

	@Test
	void aListsPageCostsTheSameStatementsWhateverItsSize() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();
		String id = create(guest, "Many");
		List<String> added = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String listing = Listings.id(listings.create(host));
			graphQl.as(guest).document(ADD).variable("id", id).variable("p", listing).execute();
			added.addFirst(listing);
		}
		List<String> two = statements(guest, id, 2);
		List<String> ten = statements(guest, id, 10);
		assertThat(ten.size()).as("for 10: %s; for 2: %s", ten, two).isEqualTo(two.size());
	}

	private List<String> statements(TestUser guest, String id, int first) {
		String tag = "graphql-wishlist-" + UUID.randomUUID();
		graphQl.with(Map.of(StatementRecorder.HEADER, tag, "Authorization", "Bearer " + guest.accessToken()))
			.document(ONE)
			.variable("id", id)
			.variable("first", first)
			.execute()
			.path("wishlist.properties.edges")
			.entityList(Object.class)
			.hasSize(first);
		// not the token's account lookup, made or not by the account's one-second cache
		List<String> statements = recorder.statements(tag)
			.stream()
			.filter(sql -> !StatementRecorder.accountLookup(sql))
			.toList();
		recorder.clear(tag);
		return statements;
	}
}
