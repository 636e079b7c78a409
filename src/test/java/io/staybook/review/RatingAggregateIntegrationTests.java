package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Listing;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A listing's {@code rating_average} and {@code review_count} follow every review change, as the next read of the
 * listing shows (its cached copy is evicted), and concurrent reviews lose no update.
 */
@IntegrationTest
class RatingAggregateIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

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
	void theAggregateFollowsCreateEditAndDelete() {
		Listing listing = stays.listing();
		Stay first = stays.completed(listing);
		Stay second = stays.completed(listing);
		assertRating(listing, null, 0);

		String four = create(first, 4);
		assertRating(listing, "4.00", 1);

		// unpublished (the host has not reviewed yet): neither it nor its edit moves the aggregate
		String five = createUnpublished(second, 5);
		assertRating(listing, "4.00", 1);
		edit(second, five, 3);
		assertRating(listing, "4.00", 1);
		stays.hostReviews(second);
		assertRating(listing, "3.50", 2);

		delete(second.guest(), five);
		assertRating(listing, "4.00", 1);

		delete(accounts.admin(), four);
		assertRating(listing, null, 0);
	}

	@Test
	void theAverageHasTwoDecimalsRoundedHalfUp() {
		Listing listing = stays.listing();
		TestUser guest = accounts.guest();
		LocalDate start = stays.today(listing).plusDays(3);
		List<Stay> stays3 = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			stays3.add(stays.confirmed(listing, guest, start.plusDays(i), 1));
		}
		stays3.forEach(stay -> {
			stays.checkIn(stay);
			stays.checkOut(stay);
		});

		create(stays3.get(0), 5);
		create(stays3.get(1), 4);
		String last = createUnpublished(stays3.get(2), 4);
		edit(stays3.get(2), last, 5);
		assertRating(listing, "4.50", 2);
		stays.hostReviews(stays3.get(2));
		assertRating(listing, "4.67", 3); // 14 / 3 = 4.666…
	}

	@Test
	void aReviewRefusedAfterTheFactChangesNothing() {
		Listing listing = stays.listing();
		Stay stay = stays.completed(listing);
		create(stay, 2);
		assertRating(listing, "2.00", 1);

		var duplicate = api.post("/api/v1/reviews", Map.of("booking_id", stay.bookingId(), "rating", 5, "comment",
				"Again")).as(stay.guest()).send();
		assertThat(duplicate.status()).isEqualTo(409);

		assertRating(listing, "2.00", 1);
	}

	@Test
	void concurrentReviewsOfOneListingAreAllCounted() throws Exception {
		Listing listing = stays.listing();
		TestUser guest = accounts.guest();
		LocalDate start = stays.today(listing).plusDays(3);
		int count = 10;
		List<Stay> nights = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			nights.add(stays.confirmed(listing, guest, start.plusDays(i), 1));
		}
		for (Stay stay : nights) {
			stays.checkIn(stay);
			stays.checkOut(stay);
		}
		int[] ratings = { 5, 4, 3, 5, 5, 2, 4, 5, 1, 4 };
		assertRating(listing, null, 0);
		// tokens renewed once, before the concurrent requests: the clock has moved past the ones from the start, and
		// ten threads renewing one account's token at once would race each other
		api.get("/api/v1/users/me").as(guest).send();
		api.get("/api/v1/users/me").as(listing.host()).send();

		var responses = Concurrently.send(count,
				i -> api.post("/api/v1/reviews", Map.of("booking_id", nights.get(i).bookingId(), "rating", ratings[i],
						"comment", "Night " + i)).as(guest).send());

		assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
		assertRating(listing, null, 0); // none published yet
		// the host's reviews publish them, all at once
		var hosts = Concurrently.send(count, i -> api.post("/api/v1/reviews", Map.of("booking_id",
				nights.get(i).bookingId(), "rating", 5, "comment", "Guest " + i)).as(nights.get(i).host()).send());
		assertThat(hosts).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
		assertRating(listing, "3.80", count); // 38 / 10

		var deletions = Concurrently.send(4,
				i -> api.delete("/api/v1/reviews/" + responses.get(i).body().path("id").asString()).as(guest).send());
		assertThat(deletions).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
		assertRating(listing, "3.50", count - 4); // (38 - 5 - 4 - 3 - 5) / 6 = 21 / 6
	}

	/** A guest's review, published by the host's. */
	private String create(Stay stay, int rating) {
		String id = createUnpublished(stay, rating);
		stays.hostReviews(stay);
		return id;
	}

	private String createUnpublished(Stay stay, int rating) {
		var response = api.post("/api/v1/reviews",
				Map.of("booking_id", stay.bookingId(), "rating", rating, "comment", "Rated " + rating))
			.as(stay.guest())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	private void edit(Stay stay, String reviewId, int rating) {
		var response = api.patch("/api/v1/reviews/" + reviewId, Map.of("rating", rating)).as(stay.guest()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private void delete(TestUser user, String reviewId) {
		assertThat(api.delete("/api/v1/reviews/" + reviewId).as(user).send().status()).isEqualTo(204);
	}

	/**
	 * The listing as any client reads it right after the change: the cached copy read before the change must not be
	 * served. {@code rating_average} is a JSON number with two decimals, or null.
	 */
	private void assertRating(Listing listing, String average, int count) {
		var response = api.get("/api/v1/properties/" + listing.id()).send();
		assertThat(response.status()).isEqualTo(200);
		if (average == null) {
			assertThat(response.body().path("rating_average").isNull()).as(response.text()).isTrue();
			assertThat(response.text()).contains("\"rating_average\":null");
		}
		else {
			assertThat(response.body().path("rating_average").isNumber()).as(response.text()).isTrue();
			assertThat(response.body().path("rating_average").decimalValue()).isEqualByComparingTo(new BigDecimal(average));
			assertThat(response.text()).contains("\"rating_average\":" + average + ",");
		}
		assertThat(response.body().path("review_count").asInt()).isEqualTo(count);
		// read it twice: the second read is served from the cache the first one filled
		assertThat(api.get("/api/v1/properties/" + listing.id()).send().body()).isEqualTo(response.body());
	}
}
