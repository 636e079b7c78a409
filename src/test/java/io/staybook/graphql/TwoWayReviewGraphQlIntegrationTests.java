package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Trip;
import io.staybook.test.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The GraphQL twins of "Reviews, two-way and double-blind": createReview by either side with sub-ratings, double-blind
 * visibility through review(id) and reviews(...), reviews(guestId) for signed-in users, respondToReview, and
 * Property.ratings.
 */
@IntegrationTest
class TwoWayReviewGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String FIELDS = "id subject guestId publishedAt rating comment cleanliness accuracy checkIn "
			+ "communication location value response { body createdAt }";

	static final String CREATE = "mutation($input: CreateReviewInput!) { createReview(input: $input) { " + FIELDS
			+ " } }";

	static final String REVIEW = "query($id: ID!) { review(id: $id) { " + FIELDS + " } }";

	static final String BY_GUEST = "query($guestId: ID) { reviews(guestId: $guestId) { edges { node { " + FIELDS
			+ " } } } }";

	static final String RESPOND = "mutation($id: ID!, $body: String!) { respondToReview(id: $id, body: $body) { "
			+ FIELDS + " } }";

	static final String RATINGS = "query($id: ID!) { property(id: $id) { reviewCount ratingAverage ratings { "
			+ "cleanliness accuracy checkIn communication location value } } }";

	@Test
	void bothSidesReviewBlindThenPublishedAndTheHostResponds() {
		Trip stay = trips.completed();
		Map<String, Object> input = new HashMap<>(Map.of("bookingId", stay.bookingId().toString(), "rating", 4,
				"comment", "Cosy", "cleanliness", 5, "checkIn", 3));
		Map<String, Object> mine = graphQl.as(stay.guest()).document(CREATE).variable("input", input).execute()
			.path("createReview").entity(MAP).get();
		assertThat(mine).containsEntry("subject", "PROPERTY").containsEntry("publishedAt", null)
			.containsEntry("cleanliness", 5).containsEntry("checkIn", 3).containsEntry("accuracy", null)
			.containsEntry("guestId", null).containsEntry("response", null);
		String id = (String) mine.get("id");

		// before: the author alone
		graphQl.as(stay.guest()).document(REVIEW).variable("id", id).execute().path("review.id").entity(String.class)
			.isEqualTo(id);
		assertRefused(graphQl.as(stay.host()).document(REVIEW).variable("id", id).execute(), "review", "NOT_FOUND",
				"not_found");
		assertRefused(graphQl.anonymous().document(REVIEW).variable("id", id).execute(), "review", "NOT_FOUND",
				"not_found");
		ratings(stay).satisfies(p -> assertThat(p).containsEntry("reviewCount", 0));
		assertRefused(graphQl.as(stay.host()).document(RESPOND).variable("id", id).variable("body", "Thanks")
			.execute(), "respondToReview", "NOT_FOUND", "not_found");

		// the host reviews the guest: both published
		Map<String, Object> theirs = graphQl.as(stay.host()).document(CREATE)
			.variable("input", Map.of("bookingId", stay.bookingId().toString(), "rating", 5, "comment", "Tidy"))
			.execute().path("createReview").entity(MAP).get();
		assertThat(theirs).containsEntry("subject", "GUEST").containsEntry("guestId", stay.guest().id().toString());
		assertThat(theirs.get("publishedAt")).isNotNull();
		graphQl.anonymous().document(REVIEW).variable("id", id).execute().path("review.publishedAt")
			.entity(String.class).isEqualTo((String) theirs.get("publishedAt"));
		ratings(stay).satisfies(p -> {
			assertThat(p).containsEntry("reviewCount", 1).containsEntry("ratingAverage", 4.0);
			assertThat(p.get("ratings")).isEqualTo(mapOf("cleanliness", 5.0, "accuracy", null, "checkIn", 3.0,
					"communication", null, "location", null, "value", null));
		});
		assertRefused(graphQl.anonymous().document(BY_GUEST).variable("guestId", stay.guest().id()).execute(),
				"reviews", "UNAUTHORIZED", "unauthorized");
		graphQl.as(accounts.guest()).document(BY_GUEST).variable("guestId", stay.guest().id()).execute()
			.path("reviews.edges[*].node.id").entityList(String.class).containsExactly((String) theirs.get("id"));

		// the host's response, once
		assertInvalid(graphQl.as(stay.host()).document(RESPOND).variable("id", id).variable("body", "x".repeat(1001))
			.execute(), "respondToReview", "body");
		assertRefused(graphQl.as(stay.guest()).document(RESPOND).variable("id", id).variable("body", "Me")
			.execute(), "respondToReview", "FORBIDDEN", "host_only");
		graphQl.as(stay.host()).document(RESPOND).variable("id", id).variable("body", "Thank you!").execute()
			.path("respondToReview.response.body").entity(String.class).isEqualTo("Thank you!");
		assertRefused(graphQl.as(stay.host()).document(RESPOND).variable("id", id).variable("body", "Again")
			.execute(), "respondToReview", "CONFLICT", "already_responded");
		// published: no more edits
		assertRefused(graphQl.as(stay.guest())
			.document("mutation($id: ID!) { updateReview(id: $id, input: {rating: 1}) { id } }")
			.variable("id", id)
			.execute(), "updateReview", "CONFLICT", "review_published");
	}

	@Test
	void aHostsReviewOfAGuestTakesNoSubRatings() {
		Trip stay = trips.completed();
		assertInvalid(graphQl.as(stay.host()).document(CREATE)
			.variable("input", Map.of("bookingId", stay.bookingId().toString(), "rating", 5, "comment", "Tidy",
					"value", 4))
			.execute(), "createReview", "value");
		assertInvalid(graphQl.as(stay.guest()).document(CREATE)
			.variable("input", Map.of("bookingId", stay.bookingId().toString(), "rating", 5, "comment", "Ok",
					"location", 9))
			.execute(), "createReview", "location");
	}

	private GraphQlTester.Entity<Map<String, Object>, ?> ratings(Trip stay) {
		return graphQl.anonymous().document(RATINGS).variable("id", stay.propertyId()).execute().path("property")
			.entity(MAP);
	}

	private static Map<String, Object> mapOf(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}
}
