package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.shared.observability.RequestIds;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import io.staybook.test.StatementRecorder;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write path of a booking (issue 12): one transaction per booking, idempotency key and jobs included; one mail job
 * per event; a hold past its time blocks nothing and cannot be paid even before the sweep has run, and the sweep ends
 * it; a refused booking is an ordinary 409, logged below WARN. This context runs no jobs, so nothing but the test
 * expires a hold.
 */
@IntegrationTest
class BookingWritePathIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatementRecorder recorder;

	BookingFixtures fixtures;

	Listing listing;

	/** Bookings whose jobs this test scheduled, removed afterwards so that no jobs context runs them later. */
	final List<UUID> scheduledHere = new ArrayList<>();

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		listing = fixtures.listing();
	}

	@AfterEach
	void cleanUp() {
		clock.reset();
		for (UUID id : scheduledHere) {
			jdbc.sql("delete from scheduled_tasks where task_instance like ?").param("%" + id + "%").update();
		}
	}

	@Test
	void aBookingWithAnIdempotencyKeyIsOneTransactionAndItsReplayAnother() {
		TestUser guest = accounts.guest();
		LocalDate in = fixtures.today(listing).plusDays(30);
		String key = "key-" + UUID.randomUUID();
		String tag = "booking-" + UUID.randomUUID();

		Response first = book(guest, in, key, tag);
		Response replay = book(guest, in, key, tag + "-replay");

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		scheduledHere.add(BookingFixtures.id(first.body()));
		List<String> statements = recorder.statements(tag);
		// the key, the listing's lock, the booking if nothing overlaps it (its calendar row by trigger), the job
		// (inserted with its request id, not looked up first), the key's answer: all committed at once
		assertThat(recorder.transactions(tag)).as("%s", statements).isEqualTo(1);
		assertThat(statements).as("%s", statements).hasSize(5);
		assertThat(statements).filteredOn(sql -> sql.contains("from scheduled_tasks")).as("%s", statements).isEmpty();
		assertThat(statements).noneMatch(sql -> sql.contains("set_config"));
		assertThat(statements).filteredOn(sql -> sql.contains("insert into bookings")).singleElement()
			.satisfies(sql -> assertThat(sql).contains("where not exists"));
		// nothing loaded again that the path had: no account, and the listing only once, locked
		assertThat(statements).noneMatch(sql -> sql.contains("from users"));
		assertThat(statements).filteredOn(sql -> sql.contains("from properties")).hasSize(1);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(recorder.transactions(tag + "-replay")).isEqualTo(1);
		recorder.clear(tag);
		recorder.clear(tag + "-replay");
	}

	@Test
	void aBookingSchedulesOneMailJobForTheGuestAndTheHostAndNoJobForItsHold() {
		Booked booked = fixtures.book(listing, 30, 2);
		scheduledHere.add(booked.id());

		assertThat(jdbc.sql("select task_name || '/' || task_instance from scheduled_tasks where task_instance like ?")
			.param("%" + booked.id() + "%")
			.query(String.class)
			.list()).containsExactly(BookingJobs.BOOKING_MAIL + "/booking_created:" + booked.id());
	}

	@Test
	void aHoldPastItsTimeBlocksNothingAndCannotBePaidBeforeAnySweep() {
		Booked hold = fixtures.book(listing, 30, 3);
		scheduledHere.add(hold.id());
		LocalDate in = LocalDate.parse(hold.json().path("check_in").asString());
		LocalDate out = in.plusDays(3);
		assertThat(fixtures.unavailable(listing, in, out)).hasSize(1);
		assertThat(fixtures.searchFinds(listing, in, out)).isFalse();

		clock.advance(Duration.ofMinutes(15));

		assertThat(fixtures.status(hold.guest(), hold.id())).as("not swept yet").isEqualTo("pending_payment");
		assertThat(fixtures.unavailable(listing, in, out)).as("its nights are free").isEmpty();
		assertThat(fixtures.searchFinds(listing, in, out)).isTrue();
		Response pay = pay(hold);
		assertThat(pay.status()).as(pay.toString()).isEqualTo(409);
		assertThat(pay.body().path("code").asString()).isEqualTo("hold_expired");
		// a new booking of the same nights succeeds at once: it expires the hold in its own transaction
		Booked next = fixtures.book(accounts.guest(), listing, 30, 3);
		scheduledHere.add(next.id());
		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("expired");
		assertThat(mailJobs(hold.id(), "booking_expired")).as("its guest is told").isEqualTo(1);
		assertThat(fixtures.unavailable(listing, in, out)).extracting(span -> span.path("start").asString())
			.containsExactly(in.toString());
	}

	@Test
	void aRefusedBookingCostsOneStatementBesidesTheKeyAndTheLock() {
		LocalDate in = fixtures.today(listing).plusDays(40);
		Response made = book(accounts.guest(), in, "key-" + UUID.randomUUID(), "made-" + UUID.randomUUID());
		assertThat(made.status()).as(made.toString()).isEqualTo(201);
		scheduledHere.add(BookingFixtures.id(made.body()));
		String tag = "refused-" + UUID.randomUUID();

		Response refused = book(accounts.guest(), in, "key-" + UUID.randomUUID(), tag);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.body().path("code").asString()).isEqualTo("dates_unavailable");
		List<String> statements = recorder.statements(tag);
		// the key, the listing's lock, and the insert that answers what is in its way: under contention nearly every
		// request is this one, so no look after a failed insert
		assertThat(statements).as("%s", statements).hasSize(3);
		assertThat(statements).filteredOn(sql -> sql.contains("bookings")).singleElement()
			.satisfies(sql -> assertThat(sql).contains("insert into bookings").contains("in_the_way"));
		assertThat(fixtures.unavailable(listing, in, in.plusDays(2))).hasSize(1);
	}

	@Test
	void aHoldInItsTimeStillBlocksItsNights() {
		Booked hold = fixtures.book(listing, 30, 3);
		scheduledHere.add(hold.id());
		clock.advance(Duration.ofMinutes(14));

		Response refused = fixtures.tryBook(accounts.guest(), listing, fixtures.today(listing).plusDays(31),
				fixtures.today(listing).plusDays(33));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.body().path("code").asString()).isEqualTo("dates_unavailable");
		assertThat(fixtures.status(hold.guest(), hold.id())).isEqualTo("pending_payment");
	}

	@Test
	void theSweepExpiresHoldsPastTheirTimeAndSchedulesTheirMail() {
		Booked due = fixtures.book(listing, 30, 2);
		Booked later = fixtures.book(listing, 40, 2);
		scheduledHere.add(due.id());
		scheduledHere.add(later.id());
		jdbc.sql("update bookings set expires_at = expires_at + interval '10 minutes' where id = ?")
			.param(later.id())
			.update();
		clock.advance(Duration.ofMinutes(16));

		assertThat(bookingService.expireOverdueHolds()).isGreaterThanOrEqualTo(1);

		assertThat(fixtures.status(due.guest(), due.id())).isEqualTo("expired");
		assertThat(mailJobs(due.id(), "booking_expired")).isEqualTo(1);
		assertThat(fixtures.status(later.guest(), later.id())).isEqualTo("pending_payment");
		assertThat(mailJobs(later.id(), "booking_expired")).isZero();
		// the calendar row followed the hold's new end (V17): it still holds its nights
		LocalDate laterIn = LocalDate.parse(later.json().path("check_in").asString());
		assertThat(fixtures.searchFinds(listing, laterIn, laterIn.plusDays(2))).isFalse();
	}

	@Test
	void aRefusedBookingIsLoggedBelowWarn() {
		Booked hold = fixtures.book(listing, 30, 2);
		scheduledHere.add(hold.id());
		LocalDate in = fixtures.today(listing).plusDays(30);
		LocalDate blocked = in.plusDays(10);
		listings.block(listing.host(), listing.id().toString(), blocked, blocked.plusDays(2));
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		root().addAppender(captured);
		try {
			// over a hold (found by the booking's own query) and over a host block (refused by the constraint)
			Response overHold = fixtures.tryBook(accounts.guest(), listing, in, in.plusDays(2));
			Response overBlock = fixtures.tryBook(accounts.guest(), listing, blocked, blocked.plusDays(2));

			assertThat(overHold.status()).as(overHold.toString()).isEqualTo(409);
			assertThat(overBlock.status()).as(overBlock.toString()).isEqualTo(409);
		}
		finally {
			root().detachAppender(captured);
		}
		synchronized (captured) {
			// the lines of the two requests (they carry a request id): not another context's pool housekeeping, which
			// logs on its own threads whatever this test does (a fault test's stopped database, say)
			assertThat(captured.list).filteredOn(line -> line.getMDCPropertyMap().containsKey(RequestIds.MDC_KEY))
				.filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
				.extracting(ILoggingEvent::getFormattedMessage)
				.isEmpty();
		}
	}

	private Response book(TestUser guest, LocalDate in, String key, String tag) {
		return api.post("/api/v1/bookings", BookingFixtures.request(listing.id(), in, in.plusDays(2), 2))
			.as(guest)
			.header("Idempotency-Key", key)
			.header(StatementRecorder.HEADER, tag)
			.send();
	}

	private Response pay(Booked hold) {
		return api.post("/api/v1/payments", Map.of("booking_id", hold.id().toString(), "payment_method", "card",
				"payment_token", "tok_visa"))
			.as(hold.guest())
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.send();
	}

	private int mailJobs(UUID bookingId, String event) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(BookingJobs.BOOKING_MAIL, event + ":" + bookingId)
			.query(Integer.class)
			.single();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}
}
