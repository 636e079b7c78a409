package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.spec;
import static io.staybook.booking.ProblemAssertions.assertInvalid;
import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Today" is the property's today. At 2027-01-10T12:00:00Z it is already 2027-01-11 01:00 in Auckland and still
 * 2027-01-10 04:00 in Los Angeles: the same request is judged differently in each.
 */
@IntegrationTest
class BookingTimeZoneIntegrationTests {

	private static final Instant NOON_UTC = Instant.parse("2027-01-10T12:00:00Z");

	private static final LocalDate JAN_10 = LocalDate.of(2027, 1, 10);

	private static final LocalDate JAN_11 = LocalDate.of(2027, 1, 11);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	BookingFixtures fixtures;

	Listing auckland;

	Listing losAngeles;

	TestUser guest;

	@BeforeEach
	void listings() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		auckland = fixtures.listing(spec().timezone("Pacific/Auckland").policy("strict"));
		losAngeles = fixtures.listing(spec().timezone("America/Los_Angeles").policy("strict"));
		guest = accounts.guest();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aCheckInDateIsInThePastOnlyWhereItIsAlreadyTomorrow() {
		clock.fixAt(NOON_UTC);

		Response inAuckland = fixtures.tryBook(guest, auckland, JAN_10, JAN_10.plusDays(2));
		Response inLosAngeles = fixtures.tryBook(guest, losAngeles, JAN_10, JAN_10.plusDays(2));

		assertInvalid(inAuckland, "check_in");
		assertThat(inAuckland.body().path("errors").get(0).path("message").asString()).contains("2027-01-11");
		assertThat(inLosAngeles.status()).as(inLosAngeles.toString()).isEqualTo(201);
		assertThat(fixtures.tryBook(guest, auckland, JAN_11, JAN_11.plusDays(2)).status()).isEqualTo(201);
	}

	@Test
	void checkInOpensOnTheCheckInDateWhereThePropertyIs() {
		clock.fixAt(NOON_UTC.minusSeconds(7 * 24 * 3600));
		UUID inAuckland = BookingFixtures.id(fixtures.book(guest, auckland, JAN_11, JAN_11.plusDays(2)));
		UUID inLosAngeles = BookingFixtures.id(fixtures.book(guest, losAngeles, JAN_11, JAN_11.plusDays(2)));
		bookingService.confirm(inAuckland);
		bookingService.confirm(inLosAngeles);
		clock.fixAt(NOON_UTC);

		Response auckland = checkIn(this.auckland, inAuckland);
		Response losAngeles = checkIn(this.losAngeles, inLosAngeles);

		assertThat(auckland.status()).as(auckland.toString()).isEqualTo(200);
		assertThat(auckland.body().path("status").asString()).isEqualTo("checked_in");
		assertProblem(losAngeles, 409, "illegal_status_change");

		// midnight in Los Angeles is 08:00 UTC the next day
		clock.fixAt(Instant.parse("2027-01-11T07:59:59Z"));
		assertProblem(checkIn(this.losAngeles, inLosAngeles), 409, "illegal_status_change");
		clock.fixAt(Instant.parse("2027-01-11T08:00:00Z"));
		assertThat(checkIn(this.losAngeles, inLosAngeles).status()).isEqualTo(200);
	}

	@Test
	void aStayIsSpentOnItsCheckOutDateWhereThePropertyIs() {
		// the nights of Jan 9 and 10: at noon UTC on Jan 10 it is already the check-out date in Auckland
		clock.fixAt(NOON_UTC.minusSeconds(3 * 24 * 3600));
		UUID inAuckland = BookingFixtures.id(fixtures.book(guest, auckland, JAN_10.minusDays(1), JAN_11));
		UUID inLosAngeles = BookingFixtures.id(fixtures.book(guest, losAngeles, JAN_10.minusDays(1), JAN_11));
		bookingService.confirm(inAuckland);
		bookingService.confirm(inLosAngeles);
		clock.fixAt(NOON_UTC);

		assertProblem(checkIn(auckland, inAuckland), 409, "illegal_status_change");
		assertProblem(api.post("/api/v1/bookings/" + inAuckland + "/cancel", Map.of()).as(guest).send(), 409,
				"illegal_status_change");
		assertThat(checkIn(losAngeles, inLosAngeles).status()).isEqualTo(200);
	}

	@Test
	void theAvailabilityWindowStartsTodayWhereThePropertyIs() {
		clock.fixAt(NOON_UTC);

		assertThat(api.get("/api/v1/properties/" + auckland.id() + "/availability").send().body().path("from")
			.asString()).isEqualTo("2027-01-11");
		assertThat(api.get("/api/v1/properties/" + losAngeles.id() + "/availability").send().body().path("from")
			.asString()).isEqualTo("2027-01-10");
	}

	@Test
	void refundDaysAreCountedWhereThePropertyIs() {
		// booked well over 24 hours before, so only the strict policy decides: 14 days ahead is a full refund
		clock.fixAt(NOON_UTC.minusSeconds(5 * 24 * 3600));
		LocalDate checkIn = JAN_10.plusDays(14);
		UUID inAuckland = BookingFixtures.id(fixtures.book(guest, auckland, checkIn, checkIn.plusDays(2)));
		UUID inLosAngeles = BookingFixtures.id(fixtures.book(guest, losAngeles, checkIn, checkIn.plusDays(2)));
		bookingService.confirm(inAuckland);
		bookingService.confirm(inLosAngeles);
		clock.fixAt(NOON_UTC);

		// 2 × 100.00 + 20.00 cleaning + 20.00 fee = 240.00; 13 days left in Auckland: half the nights + cleaning
		assertThat(cancel(inAuckland).path("refund_amount").asString()).isEqualTo("120.00");
		assertThat(cancel(inLosAngeles).path("refund_amount").asString()).isEqualTo("240.00");
	}

	/**
	 * A host may move a listing to another time zone (PATCH timezone) after it was booked. A real platform sells a
	 * stay on the terms of the moment, as it copies the prices and the cancellation policy onto the booking: the
	 * booking keeps the zone it was sold in (bookings.timezone), so its check-in date, refund days, payout time, end and
	 * review window do not move under the guest; a booking made after the change is judged in the new zone.
	 */
	@Test
	void aBookingKeepsTheZoneItWasSoldInWhenTheListingMoves() {
		clock.fixAt(NOON_UTC.minusSeconds(7 * 24 * 3600));
		UUID sold = BookingFixtures.id(fixtures.book(guest, auckland, JAN_11, JAN_11.plusDays(2)));
		bookingService.confirm(sold);
		moveTo(auckland, "America/Los_Angeles");
		clock.fixAt(NOON_UTC);

		// Jan 11 in Auckland (where it was sold), still Jan 10 in Los Angeles
		Response checkedIn = checkIn(auckland, sold);
		assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);
		// a new booking is judged where the listing is now: Jan 10 is today in Los Angeles
		assertThat(fixtures.tryBook(guest, auckland, JAN_10, JAN_11).status()).isEqualTo(201);
	}

	/**
	 * An unpaid hold changed (PATCH /bookings/{id}) after its listing moved was judged "not in the past" in the new
	 * zone and priced at today's prices, yet kept the old zone: a Los Angeles check-in date read in Auckland, a day
	 * early. A change sells the stay again, so it takes the listing's zone of now with its new prices.
	 */
	@Test
	void aChangedHoldIsReadInTheZoneItWasChangedIn() {
		clock.fixAt(NOON_UTC.minusSeconds(7 * 24 * 3600));
		UUID held = BookingFixtures.id(fixtures.book(guest, auckland, JAN_11.plusDays(3), JAN_11.plusDays(5)));
		moveTo(auckland, "America/Los_Angeles");
		Response changed = api.patch("/api/v1/bookings/" + held,
				Map.of("check_in", JAN_11.toString(), "check_out", JAN_11.plusDays(2).toString()))
			.as(guest)
			.send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		bookingService.confirm(held);
		clock.fixAt(NOON_UTC);

		// still Jan 10 in Los Angeles: check-in opens there at 08:00 UTC on Jan 11
		assertProblem(checkIn(auckland, held), 409, "illegal_status_change");
		clock.fixAt(Instant.parse("2027-01-11T08:00:00Z"));
		assertThat(checkIn(auckland, held).status()).isEqualTo(200);
	}

	private void moveTo(Listing listing, String zone) {
		Response moved = api.patch("/api/v1/properties/" + listing.id(), Map.of("timezone", zone))
			.as(listing.host())
			.send();
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
	}

	private Response checkIn(Listing listing, UUID bookingId) {
		return api.post("/api/v1/bookings/" + bookingId + "/check-in", null).as(listing.host()).send();
	}

	private tools.jackson.databind.JsonNode cancel(UUID bookingId) {
		Response response = api.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of()).as(guest).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}
}
