package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review operations of the GraphQL API, per role: reviews (a connection anyone reads), createReview, updateReview
 * and deleteReview, and a listing's newest reviews under {@code Property.reviews}.
 */
@IntegrationTest
class ReviewGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String REVIEW_FIELDS = "id propertyId bookingId authorId author { id firstName } rating comment "
			+ "createdAt updatedAt";

	static final String REVIEWS = """
			query($propertyId: ID, $authorId: ID, $first: Int, $after: String) {
			  reviews(propertyId: $propertyId, authorId: $authorId, first: $first, after: $after) {
			    edges { cursor node { %s } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""".formatted(REVIEW_FIELDS);

	static final String CREATE = "mutation($input: CreateReviewInput!) { createReview(input: $input) { "
			+ REVIEW_FIELDS + " } }";

	static final String UPDATE = "mutation($id: ID!, $input: UpdateReviewInput!) { updateReview(id: $id, input: "
			+ "$input) { " + REVIEW_FIELDS + " } }";

	static final String DELETE = "mutation($id: ID!) { deleteReview(id: $id) }";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	static final String PROPERTY_REVIEWS = """
			query($id: ID!, $first: Int) {
			  property(id: $id) {
			    ratingAverage reviewCount
			    reviews(first: $first) { edges { node { rating author { firstName } } } pageInfo { hasNextPage } }
			  }
			}""";

	// createReview

	/**
	 * createReview by a host whose account is being deleted (of the guest of a stay on a listing the deletion takes
	 * with it): refused as REST refuses a guest's (V49), UNAUTHORIZED as for any deleted account's request.
	 */
	@Test
	void aHostBeingDeletedReviewsNoGuest() throws Exception {
		Trip stay = trips.completed();
		Map<String, Object> input = Map.of("bookingId", stay.bookingId().toString(), "rating", 4, "comment", "Late");

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, stay.host(),
				() -> DeletionRace.graphQl(api, stay.host(), CREATE, Map.of("input", input)));

		assertRefused(late, "createReview", "UNAUTHORIZED", "unauthorized");
		assertThat(jdbc.sql("select count(*) from reviews where booking_id = ?")
			.param(stay.bookingId())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theGuestReviewsACompletedStayAndTheListingIsRated() {
		Trip stay = trips.completed();

		Map<String, Object> review = create(stay.guest(), stay.bookingId(), 4, "  Clean and quiet.  ")
			.path("createReview")
			.entity(MAP)
			.get();

		assertThat(UUID.fromString((String) review.get("id")).version()).isEqualTo(7);
		assertThat(review).containsEntry("propertyId", stay.propertyId().toString())
			.containsEntry("bookingId", stay.bookingId().toString())
			.containsEntry("authorId", stay.guest().id().toString())
			.containsEntry("author", Map.of("id", stay.guest().id().toString(), "firstName", "Test"))
			.containsEntry("rating", 4)
			.containsEntry("comment", "Clean and quiet.");
		publishByHost(stay);
		graphQl.anonymous()
			.document(PROPERTY_REVIEWS)
			.variable("id", stay.propertyId())
			.execute()
			.path("property")
			.entity(MAP)
			.satisfies(p -> assertThat(p).containsEntry("ratingAverage", 4.0).containsEntry("reviewCount", 1));
	}

	@Test
	void aStayThatIsNotCompletedCannotBeReviewed() {
		Trip confirmed = trips.confirmed();

		assertRefused(create(confirmed.guest(), confirmed.bookingId(), 5, "Looking forward to it"), "createReview",
				"FORBIDDEN", "not_completed");
	}

	@Test
	void onlyTheGuestReviewsAndOnlyOnce() {
		Trip stay = trips.completed();
		create(stay.guest(), stay.bookingId(), 5, "Lovely").path("createReview.id").hasValue();

		assertRefused(create(stay.guest(), stay.bookingId(), 1, "Again"), "createReview", "CONFLICT",
				"already_reviewed");
		// v1.1: the host reviews the guest, once
		create(stay.host(), stay.bookingId(), 5, "A good guest").path("createReview.id").hasValue();
		assertRefused(create(stay.host(), stay.bookingId(), 5, "Again"), "createReview", "CONFLICT",
				"already_reviewed");
		assertRefused(create(accounts.admin(), stay.bookingId(), 5, "Admin"), "createReview", "FORBIDDEN",
				"guest_only");
		assertRefused(create(accounts.guest(), stay.bookingId(), 1, "Never been"), "createReview", "NOT_FOUND",
				"not_found");
		assertRefused(graphQl.anonymous()
			.document(CREATE)
			.variable("input", Map.of("bookingId", stay.bookingId().toString(), "rating", 5, "comment", "Hi"))
			.execute(), "createReview", "UNAUTHORIZED", "unauthorized");
	}

	@Test
	void anInvalidReviewNamesItsFields() {
		Trip stay = trips.completed();

		assertInvalid(create(stay.guest(), stay.bookingId(), 6, "   "), "createReview", "rating", "comment");
		assertInvalid(create(stay.guest(), stay.bookingId(), 0, "x".repeat(5001)), "createReview", "rating",
				"comment");
	}

	// reviews and Property.reviews

	@Test
	void anyoneReadsAListingsReviewsNewestFirstPageByPage() {
		Listing listing = trips.listing();
		List<Trip> stays = new java.util.ArrayList<>();
		for (int rating = 1; rating <= 3; rating++) {
			Trip stay = trips.completed(listing, accounts.guest());
			create(stay.guest(), stay.bookingId(), rating, "Stay " + rating).path("createReview.id").hasValue();
			publishByHost(stay);
			stays.add(stay);
		}

		var firstPage = graphQl.anonymous().document(REVIEWS).variable("propertyId", listing.id()).variable("first", 2)
			.execute();
		List<Map<String, Object>> edges = firstPage.path("reviews.edges").entityList(MAP).get();
		assertThat(edges).extracting(edge -> node(edge).get("comment")).containsExactly("Stay 3", "Stay 2");
		assertThat(edges).allSatisfy(edge -> assertThat((String) edge.get("cursor")).isNotBlank());
		assertThat(node(edges.getFirst()).get("author"))
			.isEqualTo(Map.of("id", stays.get(2).guest().id().toString(), "firstName", "Test"));
		firstPage.path("reviews.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);

		var lastPage = graphQl.anonymous()
			.document(REVIEWS)
			.variable("propertyId", listing.id())
			.variable("first", 2)
			.variable("after", firstPage.path("reviews.pageInfo.endCursor").entity(String.class).get())
			.execute();
		assertThat(lastPage.path("reviews.edges").entityList(MAP).get()).extracting(edge -> node(edge).get("comment"))
			.containsExactly("Stay 1");
		lastPage.path("reviews.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

		graphQl.anonymous()
			.document(REVIEWS)
			.variable("authorId", stays.get(0).guest().id())
			.execute()
			.path("reviews.edges[*].node.comment")
			.entityList(String.class)
			.containsExactly("Stay 1");

		Map<String, Object> property = graphQl.anonymous()
			.document(PROPERTY_REVIEWS)
			.variable("id", listing.id())
			.variable("first", 2)
			.execute()
			.path("property")
			.entity(MAP)
			.get();
		assertThat(property).containsEntry("ratingAverage", 2.0).containsEntry("reviewCount", 3);
		assertThat(property.get("reviews")).isEqualTo(Map.of("edges",
				List.of(Map.of("node", Map.of("rating", 3, "author", Map.of("firstName", "Test"))),
						Map.of("node", Map.of("rating", 2, "author", Map.of("firstName", "Test")))),
				"pageInfo", Map.of("hasNextPage", true)));

		// first is 1 or more; above 100 it is clamped to 100, as REST's limit (the contract's "clamped to 100")
		assertInvalid(graphQl.anonymous().document(REVIEWS).variable("first", 0).execute(), "reviews", "first");
		graphQl.anonymous().document(REVIEWS).variable("first", 101).execute().errors().verify();
		var tooFew = graphQl.anonymous()
			.document(PROPERTY_REVIEWS)
			.variable("id", listing.id())
			.variable("first", 0)
			.execute();
		assertInvalid(tooFew, "property.reviews", "first");
		graphQl.anonymous().document(PROPERTY_REVIEWS).variable("id", listing.id()).variable("first", 101).execute()
			.errors().verify();
	}

	// updateReview and deleteReview

	@Test
	void theAuthorEditsAReviewAndNobodyElse() {
		Trip stay = trips.completed();
		String id = create(stay.guest(), stay.bookingId(), 2, "Noisy").path("createReview.id").entity(String.class)
			.get();

		update(stay.guest(), id, Map.of("rating", 4)).path("updateReview")
			.entity(MAP)
			.satisfies(r -> assertThat(r).containsEntry("rating", 4).containsEntry("comment", "Noisy"));
		update(stay.guest(), id, Map.of("comment", " Quiet after all ")).path("updateReview")
			.entity(MAP)
			.satisfies(r -> assertThat(r).containsEntry("rating", 4).containsEntry("comment", "Quiet after all"));

		// v1.1: unpublished, so nobody else sees it
		assertRefused(update(stay.host(), id, Map.of("rating", 1)), "updateReview", "NOT_FOUND", "not_found");
		assertRefused(update(accounts.admin(), id, Map.of("rating", 1)), "updateReview", "NOT_FOUND", "not_found");
		assertRefused(update(stay.guest(), UUID.randomUUID().toString(), Map.of("rating", 1)), "updateReview",
				"NOT_FOUND", "not_found");
		assertInvalid(update(stay.guest(), id, Map.of("rating", 9)), "updateReview", "rating");
		assertRefused(graphQl.anonymous()
			.document(UPDATE)
			.variable("id", id)
			.variable("input", Map.of("rating", 1))
			.execute(), "updateReview", "UNAUTHORIZED", "unauthorized");
	}

	/**
	 * updateReview by an author whose account is being deleted: refused as REST refuses the edit (V51), UNAUTHORIZED
	 * as for any deleted account's request; before, it landed after the deletion.
	 */
	@Test
	void anAuthorBeingDeletedEditsNoReview() throws Exception {
		Trip stay = trips.completed();
		String id = create(stay.guest(), stay.bookingId(), 2, "Noisy").path("createReview.id").entity(String.class)
			.get();

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, stay.guest(),
				() -> DeletionRace.graphQl(api, stay.guest(), UPDATE,
						Map.of("id", id, "input", Map.of("comment", "Edited as the account went"))));

		assertRefused(late, "updateReview", "UNAUTHORIZED", "unauthorized");
		assertThat(jdbc.sql("select comment from reviews where id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo("Noisy");
	}

	@Test
	void theAuthorOrAnAdminDeletesAReview() {
		Listing listing = trips.listing();
		Trip first = trips.completed(listing, accounts.guest());
		String mine = create(first.guest(), first.bookingId(), 5, "Mine").path("createReview.id").entity(String.class)
			.get();
		publishByHost(first);
		Trip second = trips.completed(listing, accounts.guest());
		String theirs = create(second.guest(), second.bookingId(), 1, "Theirs").path("createReview.id")
			.entity(String.class)
			.get();
		publishByHost(second);
		TestUser author = trips.fresh(first.guest());

		assertRefused(delete(author, theirs), "deleteReview", "FORBIDDEN", "not_your_review");
		assertRefused(graphQl.anonymous().document(DELETE).variable("id", mine).execute(), "deleteReview",
				"UNAUTHORIZED", "unauthorized");
		delete(author, mine).path("deleteReview").entity(Boolean.class).isEqualTo(true);
		delete(accounts.admin(), theirs).path("deleteReview").entity(Boolean.class).isEqualTo(true);
		assertRefused(delete(author, mine), "deleteReview", "NOT_FOUND", "not_found");

		graphQl.anonymous()
			.document(REVIEWS)
			.variable("propertyId", listing.id())
			.execute()
			.path("reviews.edges")
			.entityList(Object.class)
			.hasSize(0);
		graphQl.anonymous()
			.document(PROPERTY_REVIEWS)
			.variable("id", listing.id())
			.execute()
			.path("property")
			.entity(MAP)
			.satisfies(p -> assertThat(p).containsEntry("ratingAverage", null).containsEntry("reviewCount", 0));
	}

	private GraphQlTester.Response create(TestUser as, UUID bookingId, int rating, String comment) {
		Map<String, Object> input = new HashMap<>();
		input.put("bookingId", bookingId.toString());
		input.put("rating", rating);
		input.put("comment", comment);
		return graphQl.as(as).document(CREATE).variable("input", input).execute();
	}

	/** The host reviews the guest: the guest's review is published with it (v1.1, double-blind). */
	private void publishByHost(Trip stay) {
		create(stay.host(), stay.bookingId(), 5, "A considerate guest.").path("createReview.id").hasValue();
	}

	private GraphQlTester.Response update(TestUser as, String id, Map<String, Object> input) {
		return graphQl.as(as).document(UPDATE).variable("id", id).variable("input", input).execute();
	}

	private GraphQlTester.Response delete(TestUser as, String id) {
		return graphQl.as(as).document(DELETE).variable("id", id).execute();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> node(Map<String, Object> edge) {
		return (Map<String, Object>) edge.get("node");
	}
}
