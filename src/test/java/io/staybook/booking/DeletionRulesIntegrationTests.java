package io.staybook.booking;

import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Accounts and listings with paid stays that have not ended cannot be deleted; once the stays are gone, they can. */
@IntegrationTest
class DeletionRulesIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	BookingFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void anUpcomingConfirmedStayBlocksDeletingTheGuestTheHostAndTheListing() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.confirmed(listing, 10, 3);
		TestUser admin = accounts.admin();

		assertProblem(deleteUser(booked.guest(), booked.guest()), 409, "has_upcoming_stays");
		assertProblem(deleteUser(admin, booked.guest()), 409, "has_upcoming_stays");
		assertProblem(deleteUser(listing.host(), listing.host()), 409, "has_upcoming_stays");
		assertProblem(deleteListing(listing.host(), listing), 409, "has_upcoming_stays");
		assertProblem(deleteListing(admin, listing), 409, "has_upcoming_stays");
		assertThat(api.get("/api/v1/properties/" + listing.id()).send().status()).isEqualTo(200);

		Response cancelled = api.post(booked.path() + "/cancel", Map.of()).as(listing.host()).send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

		assertThat(deleteListing(listing.host(), listing).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/properties/" + listing.id()).send().status()).isEqualTo(404);
		assertThat(deleteUser(booked.guest(), booked.guest()).status()).isEqualTo(204);
		assertThat(deleteUser(listing.host(), listing.host()).status()).isEqualTo(204);
	}

	@Test
	void aGuestWhoIsStayingBlocksItToo() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.confirmed(listing, 0, 2);
		Response checkedIn = api.post(booked.path() + "/check-in", null).as(listing.host()).send();
		assertThat(checkedIn.body().path("status").asString()).as(checkedIn.toString()).isEqualTo("checked_in");

		assertProblem(deleteListing(listing.host(), listing), 409, "has_upcoming_stays");
		assertProblem(deleteUser(booked.guest(), booked.guest()), 409, "has_upcoming_stays");
		assertProblem(deleteUser(listing.host(), listing.host()), 409, "has_upcoming_stays");
	}

	@Test
	void anUnpaidHoldDoesNotBlockDeletion() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.book(listing, 10, 3);

		assertThat(deleteUser(booked.guest(), booked.guest()).status()).isEqualTo(204);
	}

	@Test
	void aStayThatHasEndedDoesNotBlockDeletion() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.confirmed(listing, 1, 2);
		LocalDate checkOut = LocalDate.parse(booked.json().path("check_out").asString());
		assertProblem(deleteListing(listing.host(), listing), 409, "has_upcoming_stays");

		// two days after check-out: over in every time zone on Earth
		clock.advance(Duration.ofDays(checkOut.toEpochDay() - fixtures.today(listing).toEpochDay() + 2));

		assertThat(deleteListing(listing.host(), listing).status()).isEqualTo(204);
		assertThat(deleteUser(booked.guest(), booked.guest()).status()).isEqualTo(204);
		assertThat(deleteUser(listing.host(), listing.host()).status()).isEqualTo(204);
	}

	private Response deleteUser(TestUser caller, TestUser user) {
		return api.delete("/api/v1/users/" + user.id()).as(caller).send();
	}

	private Response deleteListing(TestUser caller, Listing listing) {
		return api.delete("/api/v1/properties/" + listing.id()).as(caller).send();
	}
}
