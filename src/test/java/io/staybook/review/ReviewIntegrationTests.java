package io.staybook.review;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every row of the contract's reviews table over HTTP, with its errors. */
@IntegrationTest
class ReviewIntegrationTests {

	private static final String PROBLEM_JSON = "application/problem+json";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	Stays stays;

	@BeforeEach
	void setUp() {
		stays = new Stays(api, accounts, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	// POST /reviews

	/**
	 * A review its author wrote while the author's account was being deleted waited for the deletion's lock on the
	 * account's row and was then stored (201): a review by an account that no longer existed. V49 refuses it by name,
	 * and the service answers the 401 any deleted account's request gets.
	 */
	@Test
	void aReviewWrittenWhileItsAuthorIsDeletedIsRefused() throws Exception {
		Stay stay = stays.completed();

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, stay.guest(),
				() -> post(stay, 5, "Written as the account went"));

		assertThat(assertProblem(late, 401).path("code").asString()).isEqualTo("unauthorized");
		assertThat(jdbc.sql("select count(*) from reviews where booking_id = ?")
			.param(stay.bookingId())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theGuestReviewsACompletedStay() {
		Stay stay = stays.completed();

		var response = post(stay.guest(), stay.bookingId(), 4, "  Clean and quiet.  ");

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode review = response.body();
		UUID id = UUID.fromString(review.path("id").asString());
		assertThat(id.version()).isEqualTo(7);
		assertThat(response.header("Location")).isEqualTo("/api/v1/reviews/" + id);
		assertThat(review.path("property_id").asString()).isEqualTo(stay.propertyId().toString());
		assertThat(review.path("booking_id").asString()).isEqualTo(stay.bookingId().toString());
		assertThat(review.path("author_id").asString()).isEqualTo(stay.guest().id().toString());
		assertThat(review.path("author").path("id").asString()).isEqualTo(stay.guest().id().toString());
		assertThat(review.path("author").path("first_name").asString()).isEqualTo("Test");
		assertThat(review.path("author").size()).isEqualTo(2);
		assertThat(review.path("rating").asInt()).isEqualTo(4);
		assertThat(review.path("comment").asString()).isEqualTo("Clean and quiet.");
		assertThat(Instant.parse(review.path("created_at").asString()))
			.isEqualTo(Instant.parse(review.path("updated_at").asString()));
		assertThat(fieldNames(review)).containsExactly("id", "property_id", "booking_id", "author_id", "author",
				"rating", "comment", "created_at", "updated_at", "subject", "guest_id", "published_at", "cleanliness",
				"accuracy", "check_in", "communication", "location", "value", "response");
	}

	@Test
	void aReviewRetriedWithOneIdempotencyKeyIsPostedOnceAndAnotherWithTheSameKeyIsRefused() {
		Stay stay = stays.completed();
		String key = UUID.randomUUID().toString();

		var first = withKey(stay, 5, key);
		var retried = withKey(stay, 5, key);
		var otherRating = withKey(stay, 4, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotency-Replayed")).isNull();
		assertThat(retried.status()).as("not 409 already reviewed: " + retried).isEqualTo(201);
		assertThat(retried.text()).isEqualTo(first.text());
		assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
		assertThat(retried.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(otherRating.status()).as(otherRating.toString()).isEqualTo(400);
		assertThat(otherRating.body().path("code").asString()).isEqualTo("idempotency_key_reused");
		stays.hostReviews(stay);
		assertThat(ids(list("?property_id=" + stay.propertyId()))).hasSize(1);
	}

	private Api.Response withKey(Stay stay, int rating, String key) {
		return api.post("/api/v1/reviews", body(stay.bookingId(), rating, "Worth the trip."))
			.as(stay.guest())
			.header("Idempotency-Key", key)
			.send();
	}

	@Test
	void theLowestAndHighestRatingsAndTheLongestCommentAreAccepted() {
		assertThat(post(stays.completed(), 1, "x").status()).isEqualTo(201);
		String longest = "é".repeat(4998) + "😀😀"; // 5,000 characters, 5,002 UTF-16 units
		var response = post(stays.completed(), 5, longest);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.body().path("comment").asString()).isEqualTo(longest);
	}

	@Test
	void writingAReviewNeedsAToken() {
		Stay stay = stays.completed();
		var response = api.post("/api/v1/reviews", body(stay.bookingId(), 5, "Great")).send();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith(PROBLEM_JSON);
	}

	@Test
	void aRatingOutsideOneToFiveOrABlankOrLongCommentIsRefusedWithFieldErrors() {
		Stay stay = stays.completed();
		assertInvalid(post(stay, 0, "Fine"), "rating");
		assertInvalid(post(stay, 6, "Fine"), "rating");
		assertInvalid(post(stay, -1, "Fine"), "rating");
		assertInvalid(post(stay, 3, ""), "comment");
		assertInvalid(post(stay, 3, " \n\t "), "comment");
		assertInvalid(post(stay, 3, "\u00a0\u200b\u202f"), "comment");
		assertInvalid(post(stay, 3, "x".repeat(5001)), "comment");
		assertInvalid(post(stay, 9, "   "), "rating", "comment");
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "comment", "No rating")), "rating");
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "rating", 3)), "comment");
		assertInvalid(send(stay.guest(), Map.of("rating", 3, "comment", "No booking")), "booking_id");
		assertInvalid(send(stay.guest(), Map.of("booking_id", "not-a-uuid", "rating", 3, "comment", "x")),
				"booking_id");
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "rating", "five", "comment", "x")),
				"rating");
		// an integer, not something Jackson could round or parse into one
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "rating", 4.5, "comment", "x")),
				"rating");
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "rating", "5", "comment", "x")),
				"rating");
		assertInvalid(send(stay.guest(), Map.of("booking_id", stay.bookingId(), "rating", 4_000_000_000L, "comment",
				"x")), "rating");
		var unknownField = new LinkedHashMap<String, Object>(body(stay.bookingId(), 3, "x"));
		unknownField.put("stars", 3);
		assertInvalid(send(stay.guest(), unknownField), "stars");
		var malformed = api.post("/api/v1/reviews", null).as(stay.guest()).header("Content-Type", "application/json")
			.raw("{\"booking_id\": ").send();
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith(PROBLEM_JSON);
		// nothing was stored by any of these
		assertThat(list("?property_id=" + stay.propertyId()).path("results").size()).isZero();
	}

	@Test
	void everyInvalidFieldIsReportedAtOnce() {
		var response = send(accounts.guest(), Map.of());
		assertInvalid(response, "booking_id", "rating", "comment");
		assertThat(response.body().path("code").asString()).isEqualTo("validation_failed");
	}

	@Test
	void aSecondReviewOfTheSameBookingIsAConflict() {
		Stay stay = stays.completed();
		assertThat(post(stay, 5, "First").status()).isEqualTo(201);

		var second = post(stay, 2, "Second thoughts");

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.contentType()).startsWith(PROBLEM_JSON);
		assertThat(second.body().path("code").asString()).isEqualTo("already_reviewed");
		stays.hostReviews(stay);
		var reviews = list("?property_id=" + stay.propertyId()).path("results");
		assertThat(reviews.size()).isEqualTo(1);
		assertThat(reviews.get(0).path("comment").asString()).isEqualTo("First");
	}

	@Test
	void reviewsOfOneBookingPostedAtOnceGiveOneCreatedAndTheRestConflicts() throws Exception {
		Stay stay = stays.completed();
		int requests = 6;
		List<Api.Response> responses = Concurrently.send(requests, i -> post(stay, 1 + i % 5, "Attempt " + i));

		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses).filteredOn(r -> r.status() == 409)
			.hasSize(requests - 1)
			.allSatisfy(r -> assertThat(r.body().path("code").asString()).isEqualTo("already_reviewed"));
		stays.hostReviews(stay);
		assertThat(list("?property_id=" + stay.propertyId()).path("results").size()).isEqualTo(1);
		assertThat(api.get("/api/v1/properties/" + stay.propertyId()).send().body().path("review_count").asInt())
			.isEqualTo(1);
	}

	// GET /reviews

	@Test
	void anyoneListsAListingsReviewsNewestFirstPageByPage() {
		Stays.Listing listing = stays.listing();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(published(stays.completed(listing), 3 + i, "Stay " + i).body().path("id").asString());
		}
		published(stays.completed(), 5, "Another listing");

		var first = api.get("/api/v1/reviews?property_id=" + listing.id() + "&limit=2").send();
		assertThat(first.status()).isEqualTo(200);
		assertThat(ids(first.body())).containsExactly(ids.get(2), ids.get(1));
		assertThat(first.body().path("results").get(0).path("author").path("first_name").asString())
			.isEqualTo("Test");
		String cursor = first.body().path("next_cursor").asString();
		assertThat(cursor).isNotBlank();

		var second = api.get("/api/v1/reviews?property_id=" + listing.id() + "&limit=2&cursor=" + cursor).send();
		assertThat(second.status()).isEqualTo(200);
		assertThat(ids(second.body())).containsExactly(ids.get(0));
		assertThat(second.body().path("next_cursor").isNull()).isTrue();

		var all = api.get("/api/v1/reviews/?property_id=" + listing.id()).send();
		assertThat(all.status()).isEqualTo(200);
		assertThat(ids(all.body())).containsExactly(ids.get(2), ids.get(1), ids.get(0));
	}

	@Test
	void reviewsAreListedByAuthorAndByBothFilters() {
		TestUser guest = accounts.guest();
		Stays.Listing first = stays.listing();
		Stays.Listing second = stays.listing();
		String a = published(stays.completed(first, guest, stays.today(first).plusDays(3), 2), 4, "A").body()
			.path("id").asString();
		String b = published(stays.completed(second, guest, stays.today(second).plusDays(3), 2), 5, "B").body()
			.path("id").asString();
		published(stays.completed(first), 2, "By someone else");

		assertThat(ids(list("?author_id=" + guest.id()))).containsExactly(b, a);
		assertThat(ids(list("?author_id=" + guest.id() + "&property_id=" + first.id()))).containsExactly(a);
		assertThat(ids(list("?author_id=" + UUID.randomUUID()))).isEmpty();
		assertThat(ids(list("?property_id=" + UUID.randomUUID()))).isEmpty();
		assertThat(list("?property_id=" + first.id()).path("results").size()).isEqualTo(2);
	}

	@Test
	void aPageLoadsItsAuthorsInOneQueryWhateverItsSize() {
		Stays.Listing listing = stays.listing();
		for (int i = 0; i < 3; i++) {
			published(stays.completed(listing), 4, "Guest " + i);
		}
		Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		boolean wasEnabled = statistics.isStatisticsEnabled();
		statistics.setStatisticsEnabled(true);
		try {
			for (int limit : new int[] { 1, 3 }) {
				statistics.clear();
				var page = list("?property_id=" + listing.id() + "&limit=" + limit).path("results");
				assertThat(page.size()).isEqualTo(limit);
				page.forEach(review -> assertThat(review.path("author").path("first_name").asString()).isEqualTo("Test"));
				// the page, then its authors
				assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
			}
		}
		finally {
			statistics.setStatisticsEnabled(wasEnabled);
		}
	}

	@Test
	void badListParametersAreRefused() {
		assertInvalid(api.get("/api/v1/reviews?property_id=nope").send(), "property_id");
		assertInvalid(api.get("/api/v1/reviews?author_id=nope").send(), "author_id");
		assertInvalid(api.get("/api/v1/reviews?cursor=%21%21%21").send(), "cursor");
		assertInvalid(api.get("/api/v1/reviews?limit=ten").send(), "limit");
	}

	// GET /reviews/{id}

	@Test
	void anyoneReadsOneReview() {
		Stay stay = stays.completed();
		JsonNode created = post(stay, 5, "Lovely").body();

		// unpublished: its author reads it as it was created
		var response = api.get("/api/v1/reviews/" + created.path("id").asString()).as(stay.guest()).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(created);

		stays.hostReviews(stay);
		response = api.get("/api/v1/reviews/" + created.path("id").asString()).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().path("comment")).isEqualTo(created.path("comment"));
		assertThat(api.get("/api/v1/reviews/" + created.path("id").asString() + "/").send().status()).isEqualTo(200);
	}

	@Test
	void anUnknownReviewIsNotFound() {
		TestUser guest = accounts.guest();
		String path = "/api/v1/reviews/" + UUID.randomUUID();
		for (var response : List.of(api.get(path).send(), api.patch(path, Map.of("rating", 3)).as(guest).send(),
				api.delete(path).as(guest).send())) {
			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.contentType()).startsWith(PROBLEM_JSON);
		}
		assertThat(api.get("/api/v1/reviews/not-a-uuid").send().status()).isEqualTo(400);
	}

	// PATCH /reviews/{id}

	@Test
	void theAuthorEditsTheRatingAndTheComment() {
		Stay stay = stays.completed();
		JsonNode created = post(stay, 5, "Perfect").body();
		String path = "/api/v1/reviews/" + created.path("id").asString();

		var rated = api.patch(path, Map.of("rating", 3)).as(stay.guest()).send();
		assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
		assertThat(rated.body().path("rating").asInt()).isEqualTo(3);
		assertThat(rated.body().path("comment").asString()).isEqualTo("Perfect");
		assertThat(rated.body().path("created_at")).isEqualTo(created.path("created_at"));
		assertThat(Instant.parse(rated.body().path("updated_at").asString()))
			.isAfter(Instant.parse(created.path("updated_at").asString()));

		var commented = api.patch(path, Map.of("comment", " Good, not perfect ")).as(stay.guest()).send();
		assertThat(commented.status()).isEqualTo(200);
		assertThat(commented.body().path("rating").asInt()).isEqualTo(3);
		assertThat(commented.body().path("comment").asString()).isEqualTo("Good, not perfect");

		var both = api.patch(path, Map.of("rating", 4, "comment", "Fine")).as(stay.guest()).send();
		assertThat(both.status()).isEqualTo(200);
		assertThat(api.get(path).as(stay.guest()).send().body()).isEqualTo(both.body());
		assertThat(both.body().path("rating").asInt()).isEqualTo(4);
		assertThat(both.body().path("comment").asString()).isEqualTo("Fine");
	}

	/**
	 * An edit its author made while the author's account was being deleted locked only the review's row, which the
	 * deletion does not take, and landed (200) right after the deletion: words by an account that no longer existed.
	 * V51 refuses it as V49 refuses a new review, with the 401 any deleted account's request gets.
	 */
	@Test
	void anEditMadeWhileItsAuthorIsDeletedIsRefused() throws Exception {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay, 5, "Perfect").body().path("id").asString();

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, stay.guest(),
				() -> api.patch(path, Map.of("rating", 1, "comment", "Edited as the account went")).as(stay.guest())
					.send());

		assertThat(assertProblem(late, 401).path("code").asString()).isEqualTo("unauthorized");
		assertThat(jdbc.sql("select rating || ' ' || comment from reviews where booking_id = ?")
			.param(stay.bookingId())
			.query(String.class)
			.single()).isEqualTo("5 Perfect");
	}

	@Test
	void onlyTheAuthorEditsAReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay, 5, "Mine").body().path("id").asString();

		// v1.1: an editable review is unpublished, so the others do not even see it
		for (TestUser other : List.of(stay.host(), accounts.guest(), accounts.admin())) {
			var response = api.patch(path, Map.of("rating", 1)).as(other).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(404);
		}
		var anonymous = api.patch(path, Map.of("rating", 1)).send();
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(api.get(path).as(stay.guest()).send().body().path("rating").asInt()).isEqualTo(5);
	}

	@Test
	void anEditIsValidatedLikeANewReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay, 5, "Mine").body().path("id").asString();
		assertInvalid(api.patch(path, Map.of("rating", 0)).as(stay.guest()).send(), "rating");
		assertInvalid(api.patch(path, Map.of("rating", 6)).as(stay.guest()).send(), "rating");
		assertInvalid(api.patch(path, Map.of("rating", 2.5)).as(stay.guest()).send(), "rating");
		assertInvalid(api.patch(path, Map.of("comment", "  ")).as(stay.guest()).send(), "comment");
		assertInvalid(api.patch(path, Map.of("comment", "y".repeat(5001))).as(stay.guest()).send(), "comment");
		assertInvalid(api.patch(path, Map.of("booking_id", UUID.randomUUID())).as(stay.guest()).send(),
				"booking_id");
		JsonNode unchanged = api.get(path).as(stay.guest()).send().body();
		assertThat(unchanged.path("rating").asInt()).isEqualTo(5);
		assertThat(unchanged.path("comment").asString()).isEqualTo("Mine");
	}

	// DELETE /reviews/{id}

	@Test
	void theAuthorDeletesAReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay, 5, "Mine").body().path("id").asString();

		var response = api.delete(path).as(stay.guest()).send();

		assertThat(response.status()).isEqualTo(204);
		assertThat(response.text()).isEmpty();
		assertThat(api.get(path).send().status()).isEqualTo(404);
		assertThat(api.delete(path).as(stay.guest()).send().status()).isEqualTo(404);
	}

	@Test
	void anAdminDeletesAnyReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + published(stay, 1, "Rude words").body().path("id").asString();

		assertThat(api.delete(path).as(accounts.admin()).send().status()).isEqualTo(204);
		assertThat(api.get(path).send().status()).isEqualTo(404);
	}

	@Test
	void nobodyElseDeletesAReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + published(stay, 2, "Meh").body().path("id").asString();

		for (TestUser other : List.of(stay.host(), accounts.guest(), accounts.host())) {
			var response = api.delete(path).as(other).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(response.body().path("code").asString()).isEqualTo("not_your_review");
		}
		assertThat(api.delete(path).send().status()).isEqualTo(401);
		assertThat(api.get(path).send().status()).isEqualTo(200);
	}

	@Test
	void aDeletedReviewCanBeWrittenAgain() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay, 2, "Hasty").body().path("id").asString();
		assertThat(api.delete(path).as(stay.guest()).send().status()).isEqualTo(204);

		assertThat(post(stay, 4, "On reflection").status()).isEqualTo(201);
	}

	@Test
	void theOpenApiDocumentDescribesTheReviewEndpointsWithTheirOwnSchemas() {
		JsonNode docs = api.get("/v3/api-docs").send().body();
		JsonNode reviews = docs.path("paths").path("/api/v1/reviews");
		JsonNode review = docs.path("paths").path("/api/v1/reviews/{id}");
		assertThat(fieldNames(reviews.path("post").path("responses"))).contains("201", "400", "401", "403", "404",
				"409");
		assertThat(reviews.path("get").isObject()).isTrue();
		assertThat(fieldNames(review)).contains("get", "patch", "delete");
		assertThat(fieldNames(review.path("delete").path("responses"))).contains("204", "403", "404");

		JsonNode input = schemaOf(docs, reviews.path("post"));
		assertThat(fieldNames(input.path("properties"))).hasSize(9).anyMatch(name -> name.startsWith("booking"));
		assertThat(input.path("properties").path("rating").path("maximum").asInt()).isEqualTo(5);
		assertThat(fieldNames(schemaOf(docs, review.path("patch")).path("properties")))
			.containsExactlyInAnyOrder("rating", "comment", "cleanliness", "accuracy", "check_in", "communication",
					"location", "value");
		// the bookings' bodies keep their own schemas
		assertThat(fieldNames(schemaOf(docs, docs.path("paths").path("/api/v1/bookings").path("post"))
			.path("properties"))).doesNotContain("rating");
	}

	private static JsonNode schemaOf(JsonNode docs, JsonNode operation) {
		String ref = operation.path("requestBody").path("content").path("application/json").path("schema")
			.path("$ref").asString();
		return docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
	}

	/** The guest's review, published by the host's review of the guest (v1.1, double-blind). */
	private Api.Response published(Stay stay, int rating, String comment) {
		var response = post(stay, rating, comment);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		stays.hostReviews(stay);
		return response;
	}

	private Api.Response post(Stay stay, int rating, String comment) {
		return post(stay.guest(), stay.bookingId(), rating, comment);
	}

	private Api.Response post(TestUser user, UUID bookingId, int rating, String comment) {
		return send(user, body(bookingId, rating, comment));
	}

	private Api.Response send(TestUser user, Map<String, ?> body) {
		return api.post("/api/v1/reviews", body).as(user).send();
	}

	private static Map<String, Object> body(UUID bookingId, int rating, String comment) {
		return Map.of("booking_id", bookingId, "rating", rating, "comment", comment);
	}

	private JsonNode list(String query) {
		var response = api.get("/api/v1/reviews" + query).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(review -> ids.add(review.path("id").asString()));
		return ids;
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static void assertInvalid(Api.Response response, String... fields) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith(PROBLEM_JSON);
		assertThat(response.fieldErrors()).as(response.toString()).contains(fields);
	}
}
