package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.booking.ReceivedMails.ReceivedMail;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The mails of a request to book reach both sides through GreenMail, one {@code booking-mail} job per event, each with
 * a plain-text and an HTML part: asked (the host told the deadline), approved (the guest told to pay), declined, left
 * unanswered (by the sweep), withdrawn by the guest.
 */
@JobsTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RequestToBookMailIntegrationTests {

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
		listing = fixtures.listing(spec().requestToBook().price("111.00").cleaningFee("0.00").title("Loft & Garden"));
		guest = accounts.guest();
	}

	@AfterEach
	void clockBack() {
		time.reset();
	}

	@Test
	void aRequestAsksTheHostToAnswerByTheDeadlineAndTellsTheGuestItIsPending() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String in = booked.json().path("check_in").asString();
		String deadline = booked.json().path("expires_at").asString().substring(0, 16).replace('T', ' ');

		ReceivedMail toHost = awaitMail(listing.host(), "Please answer: booking request for Loft & Garden");
		ReceivedMail toGuest = awaitMail(guest, "Request sent: Loft & Garden, " + in);

		assertThat(toHost.text()).contains("before " + deadline + " UTC", in, "244.20 USD", booked.id().toString());
		assertThat(toGuest.text()).contains("waiting for the host's answer", deadline, "Nothing is charged yet");
		assertThat(toHost.html()).contains("<html", "Loft &amp; Garden", deadline);
		assertThat(toGuest.html()).contains("<html", "Loft &amp; Garden");
		assertThat(ReceivedMails.to(guest.email(), "Your booking request for")).isEmpty();
		assertThat(oneJobPerEvent("booking_requested:" + booked.id())).isTrue();
	}

	@Test
	void anApprovalAsksTheGuestToPayWithinTheHold() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		JsonBody approved = answer(booked, "approve", null);

		ReceivedMail toGuest = awaitMail(guest, "Approved: Loft & Garden");
		ReceivedMail toHost = awaitMail(listing.host(), "You approved the request for Loft & Garden");

		String holdEnds = approved.expiresAt().substring(0, 16).replace('T', ' ');
		assertThat(toGuest.text()).contains("Pay 244.20 USD before " + holdEnds + " UTC");
		assertThat(toGuest.html()).contains("Pay 244.20 USD before " + holdEnds);
		assertThat(toHost.text()).contains("until " + holdEnds);
	}

	@Test
	void aDeclineTellsTheGuestTheReason() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		answer(booked, "decline", Map.of("reason", "Closed <for works>"));

		ReceivedMail toGuest = awaitMail(guest, "Declined: Loft & Garden");
		ReceivedMail toHost = awaitMail(listing.host(), "You declined the request for Loft & Garden");

		assertThat(toGuest.text()).contains("Reason: Closed <for works>", "Nothing was charged");
		assertThat(toGuest.html()).contains("Closed &lt;for works&gt;");
		assertThat(toHost.text()).contains("the dates are open again");
	}

	@Test
	void anUnansweredRequestIsDeclinedByTheSweepAndBothSidesAreTold() {
		time.travelTo(Instant.now().minus(Duration.ofHours(25)));
		Booked booked = fixtures.book(guest, listing, 10, 2);
		time.reset();
		sweepNow();

		ReceivedMail toGuest = awaitMail(guest, "No answer: Loft & Garden");
		ReceivedMail toHost = awaitMail(listing.host(), "Request expired for Loft & Garden");

		assertThat(toGuest.text()).contains("did not answer", "Nothing was charged");
		assertThat(toHost.text()).contains("was not answered", "the dates are open again");
		assertThat(toHost.html()).contains("Loft &amp; Garden");
		JsonNodeStatus status = status(booked);
		assertThat(status.status()).isEqualTo("declined");
		assertThat(status.reason()).isEqualTo("expired");
	}

	@Test
	void theGuestWithdrawingARequestIsToldToTheHost() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		Response cancel = api.post(booked.path() + "/cancel", Map.of()).as(guest).send();
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);

		ReceivedMail toHost = awaitMail(listing.host(), "Request cancelled for Loft & Garden");
		ReceivedMail toGuest = awaitMail(guest, "Request cancelled: Loft & Garden");

		assertThat(toHost.text()).contains("nothing left to answer");
		assertThat(toGuest.text()).contains("Nothing was charged").doesNotContain("Refund");
		assertThat(ReceivedMails.to(listing.host().email(), "Booking cancelled for")).isEmpty();
	}

	private record JsonBody(String expiresAt) {
	}

	private record JsonNodeStatus(String status, String reason) {
	}

	private JsonBody answer(Booked booked, String action, Object body) {
		Response response = api.post(booked.path() + "/" + action, body).as(listing.host()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return new JsonBody(response.body().path("expires_at").asString());
	}

	private JsonNodeStatus status(Booked booked) {
		var json = fixtures.get(guest, booked.id());
		return new JsonNodeStatus(json.path("status").asString(), json.path("decline_reason").asString(null));
	}

	/** The event's one job, or none once it ran: never a job per mail. */
	private boolean oneJobPerEvent(String instance) {
		int jobs = jdbc.sql("select count(*) from scheduled_tasks where task_instance like ?")
			.param(instance + "%")
			.query(Integer.class)
			.single();
		return jobs <= 1;
	}

	private ReceivedMail awaitMail(TestUser to, String subjectPrefix) {
		await().atMost(PATIENCE).until(() -> !ReceivedMails.to(to.email(), subjectPrefix).isEmpty());
		List<ReceivedMail> mails = ReceivedMails.to(to.email(), subjectPrefix);
		assertThat(mails).as("each mail is sent once").hasSize(1);
		return mails.getFirst();
	}

	private void sweepNow() {
		TaskInstanceId sweep = TaskInstanceId.of(BookingJobs.EXPIRE_HOLDS, RecurringTask.INSTANCE);
		await().atMost(PATIENCE).ignoreExceptions().until(() -> scheduler.reschedule(sweep, clock.instant()));
		scheduler.triggerCheckForDueExecutions();
	}
}
