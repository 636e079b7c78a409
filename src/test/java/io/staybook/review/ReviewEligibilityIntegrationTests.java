package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Listing;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may review which stay, and until when: each reason a review is refused, and the edges of the 14 days after
 * check-out, counted in the property's time zone.
 */
@IntegrationTest
class ReviewEligibilityIntegrationTests {

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
	void anUnknownBookingIsNotFound() {
		assertRefused(review(accounts.guest(), UUID.randomUUID()), 404, "not_found");
	}

	@Test
	void aBookingOfSomeoneElseIsNotFound() {
		Stay stay = stays.completed();
		assertRefused(review(accounts.guest(), stay.bookingId()), 404, "not_found");
		assertRefused(review(accounts.host(), stay.bookingId()), 404, "not_found");
	}

	@Test
	void theHostAndAdminsSeeTheBookingButOnlyItsGuestReviewsIt() {
		Stay stay = stays.completed();
		// v1.1: the host reviews the guest; an admin is neither side
		assertRefused(review(accounts.admin(), stay.bookingId()), 403, "guest_only");
		assertThat(review(stay.guest(), stay.bookingId()).status()).isEqualTo(201);
		assertThat(review(stay.host(), stay.bookingId()).body().path("subject").asString()).isEqualTo("guest");
	}

	@Test
	void aStayThatIsNotCompletedCannotBeReviewed() {
		Listing listing = stays.listing();
		TestUser guest = accounts.guest();
		LocalDate start = stays.today(listing).plusDays(3);
		Stay unpaid = stays.booked(listing, guest, start, 1);
		Stay cancelled = stays.booked(listing, guest, start.plusDays(2), 1);
		var cancel = api.post("/api/v1/bookings/" + cancelled.bookingId() + "/cancel", Map.of()).as(guest).send();
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
		// after the stay checked in below, so still to come then: one before it would be over, hence completed
		Stay confirmed = stays.confirmed(listing, guest, start.plusDays(9), 1);
		Stay staying = stays.confirmed(listing, guest, start.plusDays(6), 2);
		stays.checkIn(staying);

		for (Stay stay : new Stay[] { unpaid, cancelled, confirmed, staying }) {
			assertRefused(review(guest, stay.bookingId()), 403, "not_completed");
		}
		assertThat(api.get("/api/v1/reviews?property_id=" + listing.id()).send().body().path("results").size())
			.isZero();
	}

	@Test
	void aStayCompletedByTheBackgroundJobCanBeReviewed() {
		Listing listing = stays.listing();
		Stay stay = stays.confirmed(listing, accounts.guest(), stays.today(listing).plusDays(3), 2);
		stays.moveTo(listing, stay.checkOut().plusDays(1), LocalTime.of(9, 0));
		bookingService.completeIfOver(stay.bookingId());

		assertThat(review(stay.guest(), stay.bookingId()).status()).isEqualTo(201);
	}

	/**
	 * A paid stay is over once its check-out date has passed where the property is. It was reviewable only once the
	 * completion job (every 5 minutes) had written it completed: until then it read {@code confirmed}, was missing from
	 * {@code ?status=completed}, and both sides' reviews got 403 {@code not_completed}. It now reads and acts as
	 * completed from that moment, and the job writes what it already reads.
	 */
	@Test
	void aStayIsCompletedForReadersAndReviewersAsSoonAsItIsOverNotWhenTheJobRuns() {
		Listing listing = stays.listing("Pacific/Auckland");
		Stay stay = stays.confirmed(listing, accounts.guest(), stays.today(listing).plusDays(3), 2);
		String path = "/api/v1/bookings/" + stay.bookingId();

		// its check-out date, the last minute: spent, not over
		stays.moveTo(listing, stay.checkOut(), LocalTime.of(23, 59));
		assertThat(api.get(path).as(stay.guest()).send().body().path("status").asString()).isEqualTo("confirmed");
		assertRefused(review(stay.guest(), stay.bookingId()), 403, "not_completed");

		stays.moveTo(listing, stay.checkOut().plusDays(1), LocalTime.of(0, 0, 1));
		var read = api.get(path).as(stay.host()).send();
		assertThat(read.body().path("status").asString()).as(read.toString()).isEqualTo("completed");
		assertThat(read.body().path("updated_at").asString()).isEqualTo(
				stay.checkOut().plusDays(1).atStartOfDay(listing.zone()).toInstant().toString());
		assertThat(listed(stay.guest(), "?status=completed")).contains(stay.bookingId().toString());
		assertThat(listed(stay.guest(), "?status=confirmed")).doesNotContain(stay.bookingId().toString());
		assertThat(listed(stay.host(), "?as=host")).contains(stay.bookingId().toString());
		assertRefused(api.post(path + "/check-in", null).as(stay.host()).send(), 409, "illegal_status_change");
		assertRefused(api.post(path + "/check-out", null).as(stay.host()).send(), 409, "illegal_status_change");
		assertRefused(api.post(path + "/cancel", Map.of()).as(stay.guest()).send(), 409, "illegal_status_change");

		assertThat(review(stay.guest(), stay.bookingId()).status()).isEqualTo(201);
		assertThat(stays.hostReviews(stay).body().path("published_at").isNull()).as("both sides: published").isFalse();

		// the job, when it comes, writes what was read
		var before = api.get(path).as(stay.guest()).send().body();
		bookingService.completeIfOver(stay.bookingId());
		assertThat(api.get(path).as(stay.guest()).send().body()).isEqualTo(before);
		assertThat(listed(stay.guest(), "?status=completed")).contains(stay.bookingId().toString());
	}

	private java.util.List<String> listed(TestUser user, String query) {
		var response = api.get("/api/v1/bookings" + query).as(user).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body().path("results").values().stream().map(b -> b.path("id").asString()).toList();
	}

	@Test
	void aStayCanBeReviewedUntilTheFourteenthDayAfterCheckOut() {
		Stay stay = stays.completed();
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(14), LocalTime.of(23, 59));

		assertThat(review(stay.guest(), stay.bookingId()).status()).isEqualTo(201);
	}

	@Test
	void fromTheFifteenthDayAfterCheckOutTheReviewWindowIsClosed() {
		Stay stay = stays.completed();
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(15), LocalTime.of(0, 0, 1));

		assertRefused(review(stay.guest(), stay.bookingId()), 403, "review_window_closed");
	}

	@Test
	void theWindowIsCountedInThePropertysTimeZoneAhead() {
		// 00:30 on day 15 in Auckland is still day 14 in UTC: closed there, so closed
		Stay stay = stays.completed(stays.listing("Pacific/Auckland"));
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(15), LocalTime.of(0, 30));
		assertThat(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate()).isEqualTo(stay.checkOut().plusDays(14));

		assertRefused(review(stay.guest(), stay.bookingId()), 403, "review_window_closed");
	}

	@Test
	void theWindowIsCountedInThePropertysTimeZoneBehind() {
		// 23:00 on day 14 in Honolulu is already day 15 in UTC: still open there, so open
		Stay stay = stays.completed(stays.listing("Pacific/Honolulu"));
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(14), LocalTime.of(23, 0));
		assertThat(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate()).isEqualTo(stay.checkOut().plusDays(15));

		assertThat(review(stay.guest(), stay.bookingId()).status()).isEqualTo(201);
	}

	@Test
	void aReviewCanBeEditedWithinTheSameDaysButDeletedLater() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + review(stay.guest(), stay.bookingId()).body().path("id").asString();

		stays.moveTo(stay.listing(), stay.checkOut().plusDays(14), LocalTime.of(23, 59));
		assertThat(api.patch(path, Map.of("rating", 2)).as(stay.guest()).send().status()).isEqualTo(200);

		stays.moveTo(stay.listing(), stay.checkOut().plusDays(15), LocalTime.of(0, 0, 1));
		assertRefused(api.patch(path, Map.of("rating", 5)).as(stay.guest()).send(), 403, "review_window_closed");
		assertThat(api.get(path).as(stay.guest()).send().body().path("rating").asInt()).isEqualTo(2);

		assertThat(api.delete(path).as(stay.guest()).send().status()).isEqualTo(204);
	}

	@Test
	void aClosedWindowIsNotReopenedByDeletingTheReview() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + review(stay.guest(), stay.bookingId()).body().path("id").asString();
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(20), LocalTime.NOON);
		assertThat(api.delete(path).as(stay.guest()).send().status()).isEqualTo(204);

		assertRefused(review(stay.guest(), stay.bookingId()), 403, "review_window_closed");
	}

	private Api.Response review(TestUser user, UUID bookingId) {
		return api.post("/api/v1/reviews", Map.of("booking_id", bookingId, "rating", 4, "comment", "Nice stay"))
			.as(user)
			.send();
	}

	private static void assertRefused(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("code").asString()).isEqualTo(code);
	}
}
