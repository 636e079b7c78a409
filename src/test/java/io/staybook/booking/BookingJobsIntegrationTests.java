package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * The booking jobs, run by db-scheduler in this context: holds past {@code expires_at} are expired by the sweep and
 * free their dates; stays past their check-out are completed by the recurring job; running a job again changes
 * nothing.
 * <p>
 * Time is moved only into the past and back, never ahead of the real clock, so that no job of another test falls due
 * here, and nothing this context schedules is left waiting in the future (see {@link SchedulerTime}). The context is
 * closed after this class so that it does not go on running jobs while other test classes work on the same database.
 */
@JobsTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BookingJobsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	BookingFixtures fixtures;

	SchedulerTime time;

	Listing listing;

	TestUser guest;

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		time = new SchedulerTime(clock, scheduler);
		listing = fixtures.listing();
		guest = accounts.guest();
	}

	@AfterEach
	void resetClock() {
		time.reset();
	}

	@Test
	void anUnpaidHoldExpiresAtItsExpiryAndFreesItsDates() {
		time.travelTo(Instant.now().minus(Duration.ofMinutes(20)));
		LocalDate in = fixtures.today(listing).plusDays(30);
		JsonNode booking = fixtures.book(guest, listing, in, in.plusDays(3));
		UUID id = BookingFixtures.id(booking);
		Instant expiresAt = Instant.parse(booking.path("expires_at").asString());
		assertThat(expiresAt).isEqualTo(Instant.parse(booking.path("created_at").asString()).plusSeconds(15 * 60));

		time.advance(Duration.ofMinutes(15));
		runTheRecurringJobNow(BookingJobs.EXPIRE_HOLDS);
		await().atMost(PATIENCE).until(() -> fixtures.status(guest, id).equals("expired"));
		assertThat(Instant.parse(fixtures.get(guest, id).path("updated_at").asString())).isAfterOrEqualTo(expiresAt);
		time.reset();
		assertThat(fixtures.unavailable(listing, in, in.plusDays(3))).isEmpty();
		assertThat(fixtures.searchFinds(listing, in, in.plusDays(3))).isTrue();
		assertThat(fixtures.tryBook(accounts.guest(), listing, in, in.plusDays(3)).status()).isEqualTo(201);
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(ReceivedMails.to(guest.email(), "Your hold on " + listing.title() + " expired")).hasSize(1);
			assertThat(ReceivedMails.to(listing.host().email(), "Booking request expired for " + listing.title()))
				.hasSize(1);
		});
	}

	@Test
	void aHoldIsNotExpiredBeforeItsTime() {
		time.travelTo(Instant.now().minus(Duration.ofMinutes(20)));
		Booked booked = fixtures.book(guest, listing, 30, 2);
		time.advance(Duration.ofMinutes(14));

		bookingService.expireHold(booked.id());
		// nor does the sweep take it for overdue
		bookingService.expireOverdueHolds();

		assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("pending_payment");
	}

	@Test
	void expiringAgainChangesNothingAndSendsNothing() {
		time.travelTo(Instant.now().minus(Duration.ofMinutes(20)));
		Booked booked = fixtures.book(guest, listing, 30, 2);
		time.advance(Duration.ofMinutes(16));
		runTheRecurringJobNow(BookingJobs.EXPIRE_HOLDS);
		await().atMost(PATIENCE).until(() -> fixtures.status(booked.guest(), booked.id()).equals("expired"));
		await().atMost(PATIENCE).until(() -> jobsOf(booked.id()) == 0);
		JsonNode expired = fixtures.get(booked.guest(), booked.id());
		time.reset();

		bookingService.expireHold(booked.id());
		bookingService.expireHold(booked.id());

		assertThat(fixtures.get(booked.guest(), booked.id())).isEqualTo(expired);
		assertThat(jobsOf(booked.id())).isZero();
		assertThat(sentMails("booking_expired:" + booked.id() + ":%")).isEqualTo(2);
		assertThat(ReceivedMails.to(booked.guest().email(), "Your hold on")).hasSize(1);
	}

	@Test
	void theHoldJobLeavesPaidAndCancelledBookingsAlone() {
		time.travelTo(Instant.now().minus(Duration.ofMinutes(20)));
		Booked confirmed = fixtures.confirmed(guest, listing, 30, 2);
		Booked cancelled = fixtures.book(guest, listing, 40, 2);
		Response cancel = api.post(cancelled.path() + "/cancel", null).as(cancelled.guest()).send();
		assertThat(cancel.status()).isEqualTo(200);
		time.reset();

		// both holds are past their time now; once the sweep has run, nothing has changed
		bookingService.expireOverdueHolds();
		bookingService.expireHold(confirmed.id());
		bookingService.expireHold(UUID.randomUUID());

		assertThat(fixtures.status(confirmed.guest(), confirmed.id())).isEqualTo("confirmed");
		assertThat(fixtures.status(cancelled.guest(), cancelled.id())).isEqualTo("cancelled");
		assertThat(sentMails("booking_expired:" + confirmed.id() + ":%")).isZero();
		assertThat(sentMails("booking_expired:" + cancelled.id() + ":%")).isZero();
	}

	@Test
	void theRecurringJobCompletesStaysWhoseCheckOutHasPassed() {
		Listing auckland = fixtures.listing(BookingFixtures.spec().timezone("Pacific/Auckland"));
		Instant now = Instant.now();
		time.travelTo(now.minus(Duration.ofDays(10)));
		Booked over = fixtures.confirmed(guest, listing, 1, 2);
		Booked checkedIn = fixtures.confirmed(guest, listing, 4, 2);
		Booked endsToday = fixtures.confirmed(guest, listing, 7, 3);
		Booked upcoming = fixtures.confirmed(guest, listing, 12, 2);
		Booked pending = fixtures.book(guest, listing, 15, 2);
		Booked overInAuckland = fixtures.confirmed(guest, auckland, 1, 2);
		time.travelTo(now.minus(Duration.ofDays(6)));
		Response checkIn = api.post(checkedIn.path() + "/check-in", null).as(listing.host()).send();
		assertThat(checkIn.body().path("status").asString()).as(checkIn.toString()).isEqualTo("checked_in");
		time.reset();
		// endsToday's check-out is today (UTC) at the earliest, so it is not over anywhere yet
		assertThat(LocalDate.parse(endsToday.json().path("check_out").asString()))
			.isAfterOrEqualTo(fixtures.today(listing));

		runTheRecurringJobNow(BookingJobs.COMPLETE_STAYS);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(fixtures.status(over.guest(), over.id())).isEqualTo("completed");
			assertThat(fixtures.status(checkedIn.guest(), checkedIn.id())).isEqualTo("completed");
			assertThat(fixtures.status(overInAuckland.guest(), overInAuckland.id())).isEqualTo("completed");
		});
		assertThat(fixtures.status(endsToday.guest(), endsToday.id())).isEqualTo("confirmed");
		assertThat(fixtures.status(upcoming.guest(), upcoming.id())).isEqualTo("confirmed");
		assertThat(fixtures.status(pending.guest(), pending.id())).isIn("pending_payment", "expired");

		// completing again is a no-op
		JsonNode completed = fixtures.get(over.guest(), over.id());
		bookingService.completeIfOver(over.id());
		assertThat(fixtures.get(over.guest(), over.id())).isEqualTo(completed);
	}

	/**
	 * A recurring job runs every few seconds or minutes of real time, which a clock moved back has not reached; bring
	 * its next run forward to now instead of waiting.
	 */
	private void runTheRecurringJobNow(String task) {
		TaskInstanceId job = TaskInstanceId.of(task, RecurringTask.INSTANCE);
		// refused while the job is running; then it is simply asked again
		await().atMost(PATIENCE).ignoreExceptions().until(() -> scheduler.reschedule(job, clock.instant()));
		scheduler.triggerCheckForDueExecutions();
	}

	private int jobsOf(UUID bookingId) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_instance like ?")
			.param("%" + bookingId + "%")
			.query(Integer.class)
			.single();
	}


	private int sentMails(String keyPattern) {
		return jdbc.sql("select count(*) from sent_mails where mail_key like ?")
			.param(keyPattern)
			.query(Integer.class)
			.single();
	}
}
