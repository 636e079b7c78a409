package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A review whose window has closed is published from that moment, as a stay over reads completed: everywhere at once
 * (the review by id, every list, the listing's aggregates on its detail and in GraphQL, cached or not), with the
 * publication sweep not run; and the sweep's later write changes nothing anyone read. Search results are the
 * exception: they show the listing's stored aggregates, which count the review once the sweep has written it (adding
 * it on every search page cost a quarter of search's throughput on 1M listings; docs/benchmarks.md). Also the other
 * case: the second side's review publishes both in its own transaction.
 */
@IntegrationTest
class ReviewWindowCloseIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	ReviewSweep sweep;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CacheManager caches;

	Stays stays;

	@BeforeEach
	void setUp() {
		stays = new Stays(api, accounts, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aReviewWhoseWindowHasClosedReadsPublishedEverywhereBeforeTheSweepAndTheSweepChangesNothingRead() {
		Stays.Listing place = stays.listing();
		// a stay both sides reviewed: published at once, the listing rated 5
		Stay earlier = stays.completed(place);
		post(earlier.guest(), review(earlier.bookingId(), 5, "Perfect.", 4));
		post(earlier.host(), review(earlier.bookingId(), 5, "Tidy guest.", null));
		// two later stays reviewed by one side each
		Stay guestOnly = stays.completed(place);
		Stay hostOnly = stays.completed(place);
		JsonNode guestReview = post(guestOnly.guest(), review(guestOnly.bookingId(), 2, "Noisy.", 2));
		JsonNode hostReview = post(hostOnly.host(), review(hostOnly.bookingId(), 4, "Quiet guest.", null));
		String guestPath = "/api/v1/reviews/" + guestReview.path("id").asString();
		String hostPath = "/api/v1/reviews/" + hostReview.path("id").asString();
		TestUser stranger = accounts.guest();
		// the writes' tombstone has gone (as after the cache's time to live): the next read caches the listing, which
		// must not be served once its next review is published by its window closing
		caches.getCache("properties").evict(place.id());
		// every reader's cache is filled before the window closes
		JsonNode before = listing(place.id());
		assertThat(before.path("review_count").asInt()).isEqualTo(1);
		assertThat(searchHit(place).path("review_count").asInt()).isEqualTo(1);
		assertThat(graphQlListing(place.id()).path("reviewCount").asInt()).isEqualTo(1);
		String etagBefore = api.get("/api/v1/properties/" + place.id()).send().header("ETag");

		// the guest-only stay's window closes; the sweep does not run
		Instant closed = guestOnly.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1).atStartOfDay(place.zone())
			.toInstant();
		stays.moveTo(place, guestOnly.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1), LocalTime.of(0, 1));
		assertThat(clock.instant()).isAfter(closed);

		Map<String, String> read = readings(place, guestOnly, guestPath, stranger);
		JsonNode published = api.get(guestPath).send().body();
		assertThat(published.path("published_at").asString()).isEqualTo(closed.toString());
		assertThat(ids(list("?property_id=" + place.id(), null))).contains(guestReview.path("id").asString());
		assertThat(ids(list("?author_id=" + guestOnly.guest().id(), null)))
			.containsExactly(guestReview.path("id").asString());
		assertThat(ids(list("?author_id=" + guestOnly.guest().id(), stranger)))
			.containsExactly(guestReview.path("id").asString());
		JsonNode listing = listing(place.id());
		var revalidated = api.get("/api/v1/properties/" + place.id()).header("If-None-Match", etagBefore).send();
		assertThat(revalidated.status()).as("the copy held before the window closed is not current").isEqualTo(200);
		assertThat(listing.path("review_count").asInt()).isEqualTo(2);
		assertThat(listing.path("rating_average").decimalValue()).isEqualByComparingTo("3.50");
		assertThat(listing.path("ratings").path("cleanliness").decimalValue()).isEqualByComparingTo("3.00");
		assertThat(Instant.parse(listing.path("updated_at").asString())).isEqualTo(closed);
		// search results show the stored aggregates until the sweep writes them (README, "Reviews")
		assertThat(searchHit(place).path("review_count").asInt()).isEqualTo(1);
		JsonNode graphQl = graphQlListing(place.id());
		assertThat(graphQl.path("reviewCount").asInt()).isEqualTo(2);
		assertThat(graphQl.path("ratingAverage").decimalValue()).isEqualByComparingTo("3.50");
		assertThat(graphQl.path("reviews").path("edges").size()).isEqualTo(2);
		// no longer editable: its window has closed, before the sweep as after it
		var edit = api.patch(guestPath, Map.of("rating", 5)).as(guestOnly.guest()).send();
		assertThat(edit.status()).as(edit.toString()).isEqualTo(403);
		assertThat(edit.body().path("code").asString()).isEqualTo("review_window_closed");
		// the host-only stay's window has not closed yet: its review is still its author's alone
		assertThat(api.get(hostPath).as(stranger).send().status()).isEqualTo(404);

		// the sweep writes what was read (other tests' reviews too, the clock being where it is); every reading stays
		assertThat(sweep.sweep()).isPositive();
		assertThat(jdbc.queryForObject("select published_at from reviews where id = ?", java.sql.Timestamp.class,
				UUID.fromString(guestReview.path("id").asString())).toInstant())
			.as("written published when its window closed")
			.isEqualTo(closed);
		assertThat(readings(place, guestOnly, guestPath, stranger)).isEqualTo(read);
		JsonNode hit = searchHit(place);
		for (String field : List.of("review_count", "rating_average", "ratings", "updated_at")) {
			assertThat(hit.path(field)).as(field).isEqualTo(listing.path(field));
		}
		var editAfter = api.patch(guestPath, Map.of("rating", 5)).as(guestOnly.guest()).send();
		assertThat(editAfter.body().path("code").asString()).isEqualTo("review_window_closed");

		// the host answers the published review; then the other window closes, and the guest's review reads so too
		var answered = api.post(guestPath + "/response", Map.of("body", "Sorry, we fixed the window."))
			.as(place.host())
			.send();
		assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
		stays.moveTo(place, hostOnly.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1), LocalTime.of(0, 1));
		assertThat(api.get(hostPath).as(stranger).send().status()).isEqualTo(200);
		assertThat(ids(list("?guest_id=" + hostOnly.guest().id(), stranger)))
			.containsExactly(hostReview.path("id").asString());
		assertThat(listing(place.id()).path("review_count").asInt()).as("a review of a guest counts in no listing")
			.isEqualTo(2);
	}

	@Test
	void aDueReviewGetsItsPublicationWrittenWhenItsHostAnswersIt() {
		Stay stay = stays.completed();
		JsonNode mine = post(stay.guest(), review(stay.bookingId(), 3, "Fine.", null));
		String path = "/api/v1/reviews/" + mine.path("id").asString();
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1), LocalTime.of(0, 1));
		JsonNode read = api.get(path).send().body();
		JsonNode listing = listing(stay.propertyId());

		var answered = api.post(path + "/response", Map.of("body", "Thanks.")).as(stay.host()).send();
		assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
		assertThat(answered.body().path("published_at")).isEqualTo(read.path("published_at"));
		assertThat(listing(stay.propertyId())).isEqualTo(listing);
		sweep.sweep();
		assertThat(api.get(path).send().body().path("published_at")).isEqualTo(read.path("published_at"));
		assertThat(listing(stay.propertyId())).isEqualTo(listing);
	}

	@Test
	void theSecondSidesReviewPublishesBothInItsOwnTransaction() {
		Stay stay = stays.completed();
		JsonNode first = post(stay.guest(), review(stay.bookingId(), 4, "Good.", 4));

		JsonNode second = post(stay.host(), review(stay.bookingId(), 5, "Great guest.", null));

		// published in the second review's transaction: at the moment it was written, both, with the listing's rating
		assertThat(second.path("published_at").asString()).isEqualTo(second.path("created_at").asString());
		JsonNode firstNow = api.get("/api/v1/reviews/" + first.path("id").asString()).send().body();
		assertThat(firstNow.path("published_at").asString()).isEqualTo(second.path("created_at").asString());
		JsonNode listing = listing(stay.propertyId());
		assertThat(listing.path("review_count").asInt()).isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from reviews where booking_id = ? and published_at = "
				+ "(select created_at from reviews where id = ?)", Integer.class, stay.bookingId(),
				UUID.fromString(second.path("id").asString())))
			.isEqualTo(2);
	}

	/** What anyone reads of the listing and the review, by every path, as JSON text (ETags left out). */
	private Map<String, String> readings(Stays.Listing place, Stay stay, String path, TestUser stranger) {
		return Map.of("review", api.get(path).send().text(),
				"review as a stranger", api.get(path).as(stranger).send().text(),
				"listing's reviews", list("?property_id=" + place.id(), null).toString(),
				"author's reviews", list("?author_id=" + stay.guest().id(), stranger).toString(),
				"listing", listing(place.id()).toString(),
				"graphql", graphQlListing(place.id()).toString());
	}

	private JsonNode post(TestUser user, Map<String, ?> body) {
		var response = api.post("/api/v1/reviews", body).as(user).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	private static Map<String, Object> review(UUID bookingId, int rating, String comment, Integer cleanliness) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(
				Map.of("booking_id", bookingId, "rating", rating, "comment", comment));
		if (cleanliness != null) {
			body.put("cleanliness", cleanliness);
		}
		return body;
	}

	private JsonNode list(String query, TestUser as) {
		Api.Call call = api.get("/api/v1/reviews" + query);
		var response = (as == null ? call : call.as(as)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private JsonNode listing(UUID id) {
		var response = api.get("/api/v1/properties/" + id).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** The listing as the search's page of its host's listings shows it. */
	private JsonNode searchHit(Stays.Listing place) {
		var response = api.get("/api/v1/properties?host_id=" + place.host().id()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.body().path("results");
		assertThat(results.size()).isEqualTo(1);
		return results.get(0);
	}

	private JsonNode graphQlListing(UUID id) {
		var response = api.post("/graphql", Map.of("query", "query($id: ID!) { property(id: $id) { id reviewCount "
				+ "ratingAverage updatedAt ratings { cleanliness } reviews { edges { node { id publishedAt } } } } }",
				"variables", Map.of("id", id.toString())))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("errors").isMissingNode()).as(response.toString()).isTrue();
		return response.body().path("data").path("property");
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(review -> ids.add(review.path("id").asString()));
		return ids;
	}
}
