package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Test data for reviews ("object mother"): listings and stays made the way they happen, over HTTP. The payment step is
 * the one call the payments module will make ({@link BookingService#confirm}); check-in moves the application clock to
 * the check-in date, so tests that use this must {@link MutableClock#reset()} it afterwards.
 */
final class Stays {

	private final Api api;

	private final Accounts accounts;

	private final BookingService bookings;

	private final MutableClock clock;

	Stays(Api api, Accounts accounts, BookingService bookings, MutableClock clock) {
		this.api = api;
		this.accounts = accounts;
		this.bookings = bookings;
		this.clock = clock;
	}

	record Listing(UUID id, TestUser host, ZoneId zone) {
	}

	record Stay(UUID bookingId, Listing listing, TestUser guest, LocalDate checkIn, LocalDate checkOut) {

		UUID propertyId() {
			return listing.id();
		}

		TestUser host() {
			return listing.host();
		}
	}

	Listing listing() {
		return listing("UTC");
	}

	/** A new host's listing in {@code timezone}. */
	Listing listing(String timezone) {
		TestUser host = accounts.host();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "Reviewed loft");
		body.put("description", "A place to stay and to write about.");
		body.put("property_type", "apartment");
		body.put("address", "1 Test Street");
		body.put("city", "Testville");
		body.put("country", "Testland");
		body.put("latitude", 10.0);
		body.put("longitude", 20.0);
		body.put("timezone", timezone);
		body.put("price_per_night", "100.00");
		body.put("max_guests", 4);
		var response = api.post("/api/v1/properties", body).as(host).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new Listing(UUID.fromString(response.body().path("id").asString()), host, ZoneId.of(timezone));
	}

	/** Today where the listing is, by the application's clock. */
	LocalDate today(Listing listing) {
		return LocalDate.ofInstant(clock.instant(), listing.zone());
	}

	/** An unpaid booking by {@code guest} of {@code nights} nights from {@code checkIn}. */
	Stay booked(Listing listing, TestUser guest, LocalDate checkIn, int nights) {
		LocalDate checkOut = checkIn.plusDays(nights);
		var response = api.post("/api/v1/bookings", Map.of("property_id", listing.id(), "check_in", checkIn.toString(),
				"check_out", checkOut.toString(), "guests", 1))
			.as(guest)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new Stay(UUID.fromString(response.body().path("id").asString()), listing, guest, checkIn, checkOut);
	}

	Stay confirmed(Listing listing, TestUser guest, LocalDate checkIn, int nights) {
		Stay stay = booked(listing, guest, checkIn, nights);
		bookings.confirm(stay.bookingId());
		return stay;
	}

	/** Moves the clock to the check-in date, where the listing is, and lets the host check the guest in. */
	void checkIn(Stay stay) {
		moveTo(stay.listing(), stay.checkIn(), LocalTime.NOON);
		hostAction(stay, "check-in");
	}

	void checkOut(Stay stay) {
		hostAction(stay, "check-out");
	}

	/** A stay that has happened: booked, paid, checked in and out. The clock is left on its check-in date. */
	Stay completed(Listing listing, TestUser guest, LocalDate checkIn, int nights) {
		Stay stay = confirmed(listing, guest, checkIn, nights);
		checkIn(stay);
		checkOut(stay);
		return stay;
	}

	/** A completed two-night stay by a new guest, starting in three days. */
	Stay completed(Listing listing) {
		return completed(listing, accounts.guest(), today(listing).plusDays(3), 2);
	}

	Stay completed() {
		return completed(listing());
	}

	/**
	 * The host reviews the stay's guest (v1.1, double-blind): a guest's review of the stay, written before or after,
	 * is then published with it.
	 */
	Api.Response hostReviews(Stay stay) {
		var response = api.post("/api/v1/reviews",
				Map.of("booking_id", stay.bookingId(), "rating", 5, "comment", "A considerate guest."))
			.as(stay.host())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response;
	}

	/** Sets the application's clock to {@code time} on {@code date} where the listing is; time keeps running. */
	void moveTo(Listing listing, LocalDate date, LocalTime time) {
		Instant target = date.atTime(time).atZone(listing.zone()).toInstant();
		clock.advance(Duration.between(clock.instant(), target));
	}

	private void hostAction(Stay stay, String action) {
		var response = api.post("/api/v1/bookings/" + stay.bookingId() + "/" + action, null).as(stay.host()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}
}
