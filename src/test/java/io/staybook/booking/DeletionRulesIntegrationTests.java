package io.staybook.booking;

import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
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
import org.springframework.jdbc.core.simple.JdbcClient;

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

	@Autowired
	RecurringTask<Void> expireHoldsTask;

	@Autowired
	JdbcClient jdbc;

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
	void anUnpaidHoldDoesNotBlockDeletionAndIsCancelledWithIt() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.book(listing, 10, 3);

		assertThat(deleteUser(booked.guest(), booked.guest()).status()).isEqualTo(204);
		assertThat(fixtures.status(listing.host(), booked.id())).isEqualTo("cancelled");
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

	/**
	 * A stay over (check-out passed) that the completion job had not reached yet did not refuse the listing's deletion,
	 * and was left {@code confirmed}: an active booking of a removed listing (reconciliation's R6) until the job came.
	 * Refusing the deletion until the job has run would make the host wait on our schedule for a stay that is over;
	 * a real platform closes the past stay with the listing, so the removal completes it as the job would (its payout
	 * and reviews then go on as for any past stay). The same for the guest's or the host's account.
	 */
	@Test
	void aStayThatHasEndedButIsNotYetCompletedCompletesWithTheListingOrTheAccount() {
		Listing listing = fixtures.listing();
		Booked booked = fixtures.confirmed(listing, 1, 2);
		Listing other = fixtures.listing();
		Booked elsewhere = fixtures.confirmed(other, 1, 2);
		LocalDate checkOut = LocalDate.parse(booked.json().path("check_out").asString());
		clock.advance(Duration.ofDays(checkOut.toEpochDay() - fixtures.today(listing).toEpochDay() + 2));

		assertThat(deleteListing(listing.host(), listing).status()).isEqualTo(204);
		assertThat(deleteUser(elsewhere.guest(), elsewhere.guest()).status()).isEqualTo(204);

		assertThat(fixtures.status(accounts.admin(), booked.id())).isEqualTo("completed");
		assertThat(fixtures.status(accounts.admin(), elsewhere.id())).isEqualTo("completed");
	}

	/**
	 * "Not ended" was judged a day early in UTC: the day after check-out, a stay over where its listing is (it reads
	 * completed) still refused the deletion (409 has_upcoming_stays) until the completion job had written it. It is now
	 * judged where each stay is: over there, it completes with the removal; a stay whose check-out date it still is
	 * where its listing is (Honolulu, behind UTC) still refuses it.
	 */
	@Test
	void aStayOverWhereItsListingIsDoesNotBlockDeletionBeforeTheJob() {
		Listing london = fixtures.listing(BookingFixtures.spec().timezone("Europe/London"));
		Listing honolulu = fixtures.listing(BookingFixtures.spec().timezone("Pacific/Honolulu"));
		Booked over = fixtures.confirmed(london, 2, 2);
		LocalDate checkIn = LocalDate.parse(over.json().path("check_in").asString());
		Booked notOver = fixtures.confirmed(honolulu,
				(int) (checkIn.toEpochDay() - fixtures.today(honolulu).toEpochDay()), 2);
		LocalDate checkOut = LocalDate.parse(over.json().path("check_out").asString());
		assertThat(notOver.json().path("check_out").asString()).isEqualTo(checkOut.toString());
		// ten minutes into the day after check-out in London: over there; still the check-out date in Honolulu
		java.time.Instant dayAfter = checkOut.plusDays(1).atStartOfDay(java.time.ZoneId.of("Europe/London"))
			.toInstant().plus(Duration.ofMinutes(10));
		clock.advance(Duration.between(clock.instant(), dayAfter));
		assertThat(fixtures.status(over.guest(), over.id())).isEqualTo("completed");

		assertThat(deleteListing(london.host(), london).status()).isEqualTo(204);
		assertThat(deleteUser(over.guest(), over.guest()).status()).isEqualTo(204);
		assertProblem(deleteListing(honolulu.host(), honolulu), 409, "has_upcoming_stays");
		assertProblem(deleteUser(notOver.guest(), notOver.guest()), 409, "has_upcoming_stays");
		assertThat(fixtures.status(accounts.admin(), over.id())).isEqualTo("completed");
	}

	@Test
	void theHoldsOfADelistedListingAreCancelledWithItAndStayCancelled() {
		Listing listing = fixtures.listing();
		Booked cancelled = fixtures.book(listing, 10, 2);
		Booked expired = fixtures.book(listing, 20, 2);
		assertThat(deleteListing(listing.host(), listing).status()).isEqualTo(204);

		assertThat(fixtures.status(cancelled.guest(), cancelled.id())).isEqualTo("cancelled");
		assertProblem(api.post(cancelled.path() + "/cancel", Map.of()).as(cancelled.guest()).send(), 409,
				"illegal_status_change");

		clock.advance(Duration.ofMinutes(16));
		bookingService.expireHold(expired.id());
		assertThat(fixtures.status(expired.guest(), expired.id())).isEqualTo("cancelled");
	}

	@Test
	void aHoldThatCannotBeClosedDoesNotStopTheSweepClosingTheOthers() {
		Listing delisted = fixtures.listing();
		Listing listed = fixtures.listing();
		TestUser guest = accounts.guest();
		// made 40 minutes ago, so that when the job runs "20 minutes ago" only these two holds are overdue
		clock.advance(Duration.ofMinutes(-40));
		Booked stuck = fixtures.book(guest, delisted, 10, 2);
		Booked other = fixtures.book(guest, listed, 10, 2);
		clock.reset();
		// delisted before the removal rules (V13), which now cancel a listing's holds with it: a hold left behind so
		jdbc.sql("update properties set deleted_at = now() where id = ?").param(delisted.id()).update();
		clock.advance(Duration.ofMinutes(-20));
		assertThat(fixtures.status(guest, stuck.id())).isEqualTo("pending_payment");
		assertThat(fixtures.status(guest, other.id())).isEqualTo("pending_payment");

		try {
			Throwable failure = catchThrowable(() -> expireHoldsTask
				.executeRecurringly(expireHoldsTask.instance(RecurringTask.INSTANCE), null));

			assertThat(fixtures.status(guest, other.id())).isEqualTo("expired");
			if (fixtures.status(guest, stuck.id()).equals("pending_payment")) {
				// the hold it could not close is reported, so that the job queue shows the run as failed
				assertThat(failure).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("could not be closed");
			}
		}
		finally {
			// while the bug above stands, the stuck hold would fail every later job run on this shared database
			jdbc.sql("update bookings set status = 'expired', updated_at = now() where id = ? and status = ?")
				.params(stuck.id(), "pending_payment")
				.update();
		}
	}

	private Response deleteUser(TestUser caller, TestUser user) {
		return api.delete("/api/v1/users/" + user.id()).as(caller).send();
	}

	private Response deleteListing(TestUser caller, Listing listing) {
		return api.delete("/api/v1/properties/" + listing.id()).as(caller).send();
	}
}
