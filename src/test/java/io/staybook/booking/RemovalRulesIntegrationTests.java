package io.staybook.booking;

import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.notification.Mail;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.Concurrently;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's removal rules over REST, for every way a listing, a host or a guest leaves: their holds are cancelled
 * with them (and cannot then be paid), the guest is told, no one at a deleted account is mailed, a host's listings go
 * with the host (search, detail and booking), host blocks go with their listing, and the database refuses to make a
 * booking active for anything removed. Paying in flight and the race with a payment are in the payment module's
 * {@code RemovalPaymentIntegrationTests}.
 */
@IntegrationTest
class RemovalRulesIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	BookingService bookingService;

	@Autowired
	SchedulerClient scheduler;

	@Autowired
	BookingMails bookingMails;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

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
	void aListingDeletedWithAnUnpaidHoldCancelsTheHoldWhichCanNoLongerBePaid() {
		Listing listing = fixtures.listing();
		Booked hold = fixtures.book(listing, 10, 3);

		assertThat(deleteListing(listing.host(), listing).status()).isEqualTo(204);

		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("cancelled");
		assertThat(cancelReason(hold.id())).isEqualTo("The listing was removed.");
		assertThat(cancelledBy(hold.id())).isEqualTo(listing.host().id());
		assertProblem(pay(hold), 409, "booking_not_payable");
		assertThat(payments(hold.id())).isZero();
		// the guest is told by the cancellation mail, and so is the host
		assertThat(mailTo("booking_cancelled", hold.id(), "guest")).hasValueSatisfying(
				mail -> assertThat(mail.to()).isEqualTo(hold.guest().email()));
		assertThat(mailTo("booking_cancelled", hold.id(), "host")).isPresent();
		// and nothing more can be booked there
		LocalDate checkIn = fixtures.today(listing).plusDays(30);
		assertProblem(fixtures.tryBook(accounts.guest(), listing, checkIn, checkIn.plusDays(2)), 404, "not_found");
	}

	@Test
	void anAdminDeletingAListingCancelsItsHoldsAndRemovesItsBlocks() {
		Listing listing = fixtures.listing();
		Booked hold = fixtures.book(listing, 10, 3);
		LocalDate today = fixtures.today(listing);
		listings.block(listing.host(), listing.id().toString(), today.plusDays(20), today.plusDays(25));
		TestUser admin = accounts.admin();

		assertThat(deleteListing(admin, listing).status()).isEqualTo(204);

		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("cancelled");
		assertThat(cancelledBy(hold.id())).isEqualTo(admin.id());
		assertThat(calendarRows(listing.id())).as("host blocks and the hold's nights").isZero();
		assertThat(api.get("/api/v1/properties/" + listing.id()).send().status()).isEqualTo(404);
	}

	@Test
	void aHostWhoDeletesTheirAccountTakesTheirListingsAndTheirHoldsWithThem() {
		TestUser host = accounts.host();
		Listing booked = fixtures.listing(host, BookingFixtures.spec());
		Listing blocked = fixtures.listing(host, BookingFixtures.spec());
		Booked hold = fixtures.book(booked, 10, 3);
		LocalDate today = fixtures.today(blocked);
		listings.block(host, blocked.id().toString(), today.plusDays(5), today.plusDays(8));
		LocalDate checkIn = today.plusDays(40);
		assertThat(fixtures.searchFinds(booked, checkIn, checkIn.plusDays(2))).isTrue();
		// a paid stay ahead on one listing refuses the whole deletion, and leaves every listing and hold as it was
		Booked stay = fixtures.confirmed(blocked, 10, 2);
		assertProblem(deleteUser(host, host), 409, "has_upcoming_stays");
		assertThat(api.get("/api/v1/properties/" + booked.id()).send().status()).isEqualTo(200);
		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("pending_payment");
		assertThat(mailTo("booking_cancelled", hold.id(), "guest")).isEmpty();
		assertThat(api.post(stay.path() + "/cancel", Map.of()).as(host).send().status()).isEqualTo(200);

		assertThat(deleteUser(host, host).status()).isEqualTo(204);

		for (Listing listing : new Listing[] { booked, blocked }) {
			assertThat(api.get("/api/v1/properties/" + listing.id()).send().status()).isEqualTo(404);
			assertThat(fixtures.searchFinds(listing, checkIn, checkIn.plusDays(2))).isFalse();
			assertProblem(fixtures.tryBook(accounts.guest(), listing, checkIn, checkIn.plusDays(2)), 404, "not_found");
			assertThat(calendarRows(listing.id())).isZero();
		}
		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("cancelled");
		assertThat(cancelReason(hold.id())).isEqualTo("The listing was removed.");
		assertProblem(pay(hold), 409, "booking_not_payable");
		assertThat(mailTo("booking_cancelled", hold.id(), "guest")).isPresent();
		assertThat(mailTo("booking_cancelled", hold.id(), "host")).as("no mail to the deleted account").isEmpty();
	}

	@Test
	void anAdminDeletingAHostRemovesTheHostsListingsToo() {
		Listing listing = fixtures.listing();
		Booked hold = fixtures.book(listing, 10, 3);

		assertThat(deleteUser(accounts.admin(), listing.host()).status()).isEqualTo(204);

		assertThat(api.get("/api/v1/properties/" + listing.id()).send().status()).isEqualTo(404);
		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("cancelled");
	}

	@Test
	void aGuestWhoDeletesTheirAccountHasTheirHoldsCancelledAndTheDatesFreed() {
		Listing listing = fixtures.listing();
		Booked hold = fixtures.book(listing, 10, 3);

		assertThat(deleteUser(hold.guest(), hold.guest()).status()).isEqualTo(204);

		assertThat(fixtures.status(listing.host(), hold.id())).isEqualTo("cancelled");
		assertThat(cancelReason(hold.id())).isEqualTo("The guest's account was deleted.");
		assertThat(mailTo("booking_cancelled", hold.id(), "host")).isPresent();
		assertThat(mailTo("booking_cancelled", hold.id(), "guest")).as("no mail to the deleted account").isEmpty();
		LocalDate checkIn = LocalDate.parse(hold.json().path("check_in").asString());
		fixtures.book(accounts.guest(), listing, checkIn, checkIn.plusDays(3));
	}

	@Test
	void someoneWhoIsBothGuestAndHostLeavesWithTheirListingsAndTheirHolds() {
		TestUser both = accounts.host();
		Listing own = fixtures.listing(both, BookingFixtures.spec());
		Booked onOwn = fixtures.book(own, 10, 2);
		Listing other = fixtures.listing();
		Booked asGuest = fixtures.book(both, other, 10, 2);

		assertThat(deleteUser(accounts.admin(), both).status()).isEqualTo(204);

		assertThat(api.get("/api/v1/properties/" + own.id()).send().status()).isEqualTo(404);
		assertThat(fixtures.status(onOwn.guest(), onOwn.id())).isEqualTo("cancelled");
		assertThat(fixtures.status(other.host(), asGuest.id())).isEqualTo("cancelled");
		assertThat(cancelReason(asGuest.id())).isEqualTo("The guest's account was deleted.");
		assertThat(api.get("/api/v1/properties/" + other.id()).send().status()).as("the other host's listing stays")
			.isEqualTo(200);
		assertThat(mailTo("booking_cancelled", onOwn.id(), "host")).isEmpty();
		assertThat(mailTo("booking_cancelled", asGuest.id(), "guest")).isEmpty();
		assertThat(mailTo("booking_cancelled", onOwn.id(), "guest")).isPresent();
		assertThat(mailTo("booking_cancelled", asGuest.id(), "host")).isPresent();
	}

	@Test
	void aGuestDeletingTheirAccountWhileBookingNeverKeepsAnActiveBooking() throws Exception {
		Listing listing = fixtures.listing();
		for (int round = 0; round < 6; round++) {
			TestUser guest = accounts.guest();
			LocalDate checkIn = fixtures.today(listing).plusDays(10 + 3 * round);

			List<Response> answers = Concurrently.send(2, i -> i == 0 ? deleteUser(guest, guest)
					: fixtures.tryBook(guest, listing, checkIn, checkIn.plusDays(2)));

			assertThat(answers.get(0).status()).as("round %d: %s", round, answers.get(0)).isEqualTo(204);
			// the booking came first and was cancelled with the account, or came after and was refused
			assertThat(answers.get(1).status()).as("round %d: %s", round, answers.get(1)).isIn(201, 401, 409);
			assertThat(activeBookingsOf(guest.id())).as("round %d", round).isZero();
		}
	}

	/**
	 * A booking its guest places while the guest's account is being deleted waits for the deletion (V13's lock on the
	 * account's row) and is refused: with the 401 any deleted account's request gets (V49's
	 * {@code bookings_guest_active}; a 409 {@code party_removed} before), its Idempotency-Key keeping nothing. The guest
	 * already holds other nights of the same listing, which the deletion cancels while the new booking holds the
	 * listing's row and waits for the account's: the two must not deadlock.
	 */
	@Test
	void aBookingPlacedWhileItsGuestIsDeletedIsRefusedAsForADeletedAccount() throws Exception {
		Booked held = fixtures.book(fixtures.listing(), 10, 2);
		LocalDate checkIn = fixtures.today(held.listing()).plusDays(15);

		Response late = DeletionRace.writeWhileDeleting(api, dataSource, held.guest(),
				() -> api.post("/api/v1/bookings", BookingFixtures.request(held.listing().id(), checkIn,
						checkIn.plusDays(2), 2))
					.as(held.guest())
					.header("Idempotency-Key", "late-" + UUID.randomUUID())
					.send());

		assertProblem(late, 401, "unauthorized");
		assertThat(jdbc.sql("select count(*) from bookings where guest_id = ?").param(held.guest().id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(activeBookingsOf(held.guest().id())).isZero();
		assertThat(jdbc.sql("select count(*) from idempotency_keys where user_id = ?").param(held.guest().id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void theDatabaseRefusesToMakeABookingActiveForARemovedListingOrAccount() {
		Listing listing = fixtures.listing();
		Booked hold = fixtures.book(listing, 10, 3);
		jdbc.sql("update properties set deleted_at = now() where id = ?").param(listing.id()).update();

		Throwable refused = catchThrowable(() -> jdbc
			.sql("update bookings set status = 'confirmed' where id = ?").param(hold.id()).update());

		assertThat(refused).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(SqlStates.violates(refused, "bookings_parties_present")).isTrue();
		// closing it stays possible
		jdbc.sql("update bookings set status = 'expired' where id = ?").param(hold.id()).update();

		Listing other = fixtures.listing();
		Booked held = fixtures.book(other, 10, 3);
		jdbc.sql("update users set deleted_at = now() where id = ?").param(held.guest().id()).update();
		Throwable guestGone = catchThrowable(() -> jdbc
			.sql("update bookings set status = 'confirmed' where id = ?").param(held.id()).update());
		assertThat(SqlStates.violates(guestGone, "bookings_parties_present")).isTrue();
		jdbc.sql("update bookings set status = 'expired' where id = ?").param(held.id()).update();
	}

	/** The mail the event's job would send the recipient ("guest" or "host") when it runs now, if any. */
	private Optional<Mail> mailTo(String event, UUID bookingId, String recipient) {
		return scheduler.getScheduledExecution(TaskInstanceId.of(BookingJobs.BOOKING_MAIL, event + ":" + bookingId))
			.flatMap(execution -> bookingMails.compose((BookingMails.Notice) execution.getData())
				.stream()
				.filter(mail -> mail.key().equals(event + ":" + bookingId + ":" + recipient))
				.findFirst());
	}

	private Response pay(Booked hold) {
		return api.post("/api/v1/payments", Map.of("booking_id", hold.id().toString(), "payment_method", "card",
				"payment_token", "tok_visa"))
			.as(hold.guest())
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.send();
	}

	private int payments(UUID bookingId) {
		return jdbc.sql("select count(*) from payments where booking_id = ?").param(bookingId).query(Integer.class)
			.single();
	}

	private int calendarRows(UUID propertyId) {
		return jdbc.sql("select count(*) from property_blocks where property_id = ?")
			.param(propertyId)
			.query(Integer.class)
			.single();
	}

	private int activeBookingsOf(UUID guestId) {
		return jdbc.sql("""
				select count(*) from bookings
				where guest_id = ? and status in ('pending_payment', 'confirmed', 'checked_in')""")
			.param(guestId)
			.query(Integer.class)
			.single();
	}

	private String cancelReason(UUID bookingId) {
		return jdbc.sql("select cancel_reason from bookings where id = ?").param(bookingId).query(String.class)
			.single();
	}

	private UUID cancelledBy(UUID bookingId) {
		return jdbc.sql("select cancelled_by from bookings where id = ?").param(bookingId).query(UUID.class).single();
	}

	private Response deleteUser(TestUser caller, TestUser user) {
		return api.delete("/api/v1/users/" + user.id()).as(caller).send();
	}

	private Response deleteListing(TestUser caller, Listing listing) {
		return api.delete("/api/v1/properties/" + listing.id()).as(caller).send();
	}
}
