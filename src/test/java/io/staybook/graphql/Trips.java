package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Test data for the GraphQL suites ("object mother"): listings and stays made over REST, the way the REST suites prove
 * they work, so that each GraphQL test exercises only the operation it is about. Listings are in UTC. Payment is the
 * one call the payments module makes ({@link BookingService#confirm}). Moving to a check-in date moves the
 * application's clock: a test that does must {@link MutableClock#reset()} it afterwards, and, since access tokens
 * expire by that clock, must use tokens issued after the move ({@link #fresh}).
 */
final class Trips {

	private final Api api;

	private final Accounts accounts;

	private final Listings listings;

	private final BookingService bookings;

	private final MutableClock clock;

	Trips(Api api, Accounts accounts, Listings listings, BookingService bookings, MutableClock clock) {
		this.api = api;
		this.accounts = accounts;
		this.listings = listings;
		this.bookings = bookings;
		this.clock = clock;
	}

	record Listing(UUID id, TestUser host, String city) {
	}

	record Trip(UUID bookingId, Listing listing, TestUser guest, LocalDate checkIn, LocalDate checkOut) {

		UUID propertyId() {
			return listing.id();
		}

		TestUser host() {
			return listing.host();
		}
	}

	/** A new host's listing. */
	Listing listing() {
		return listing(accounts.host(), Map.of());
	}

	Listing listing(TestUser host, Map<String, ?> overrides) {
		var created = listings.create(host, overrides);
		return new Listing(UUID.fromString(Listings.id(created)), host, created.path("city").asString());
	}

	/** Today in UTC, where the listings are, by the application's clock. */
	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/** An unpaid booking by {@code guest} of {@code nights} nights from {@code checkIn}. */
	Trip booked(Listing listing, TestUser guest, LocalDate checkIn, int nights) {
		LocalDate checkOut = checkIn.plusDays(nights);
		var response = api.post("/api/v1/bookings", Map.of("property_id", listing.id(), "check_in", checkIn.toString(),
				"check_out", checkOut.toString(), "guests", 1))
			.as(guest)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new Trip(UUID.fromString(response.body().path("id").asString()), listing, guest, checkIn, checkOut);
	}

	/** A new guest's unpaid two-night booking of a new listing, ten days ahead. */
	Trip booked() {
		return booked(listing(), accounts.guest(), today().plusDays(10), 2);
	}

	Trip confirmed(Listing listing, TestUser guest, LocalDate checkIn, int nights) {
		Trip trip = booked(listing, guest, checkIn, nights);
		bookings.confirm(trip.bookingId());
		return trip;
	}

	/** A new guest's paid two-night stay at a new listing, ten days ahead. */
	Trip confirmed() {
		return confirmed(listing(), accounts.guest(), today().plusDays(10), 2);
	}

	/** Sets the application's clock to noon (UTC) of the trip's check-in date; time keeps running. */
	void moveToCheckIn(Trip trip) {
		clock.advance(Duration.between(clock.instant(),
				trip.checkIn().atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC)));
	}

	/** The user with a token issued now, by the application's clock. */
	TestUser fresh(TestUser user) {
		return accounts.login(user.email(), user.password());
	}

	/**
	 * A stay that has happened: paid, checked in and out. The clock is left on its check-in date; the trip's guest
	 * and host carry tokens issued then.
	 */
	Trip completed(Listing listing, TestUser guest) {
		Trip trip = confirmed(listing, guest, today().plusDays(3), 2);
		moveToCheckIn(trip);
		TestUser host = fresh(trip.host());
		hostAction(trip, host, "check-in");
		hostAction(trip, host, "check-out");
		return new Trip(trip.bookingId(), new Listing(listing.id(), host, listing.city()), fresh(guest), trip.checkIn(),
				trip.checkOut());
	}

	Trip completed() {
		return completed(listing(), accounts.guest());
	}

	private void hostAction(Trip trip, TestUser host, String action) {
		var response = api.post("/api/v1/bookings/" + trip.bookingId() + "/" + action, null).as(host).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}
}
