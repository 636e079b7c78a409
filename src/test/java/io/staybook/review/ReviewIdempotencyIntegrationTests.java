package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /reviews} with an {@code Idempotency-Key}: a retried review is the first one again, not a 409
 * {@code already_reviewed}; another review with the same key is a 400.
 */
@IntegrationTest
class ReviewIdempotencyIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

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
	void theSameReviewPostedTwiceWithOneKeyIsPostedOnce() {
		Stay stay = stays.completed();
		String key = UUID.randomUUID().toString();

		var first = post(stay, 5, key);
		var second = post(stay, 5, key);
		var otherRating = post(stay, 4, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotency-Replayed")).isNull();
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(second.text()).isEqualTo(first.text());
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(second.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(otherRating.status()).as(otherRating.toString()).isEqualTo(400);
		assertThat(otherRating.body().path("code").asString()).isEqualTo("idempotency_key_reused");
		assertThat(jdbc.queryForObject("select count(*) from reviews where booking_id = ?", Integer.class,
				stay.bookingId()))
			.isEqualTo(1);
	}

	private Api.Response post(Stay stay, int rating, String key) {
		return api.post("/api/v1/reviews",
				Map.of("booking_id", stay.bookingId(), "rating", rating, "comment", "Worth the trip."))
			.as(stay.guest())
			.header("Idempotency-Key", key)
			.send();
	}
}
