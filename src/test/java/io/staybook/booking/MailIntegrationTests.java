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
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import io.staybook.test.TestSmtp;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Booking mails reach a real SMTP server (GreenMail) through one booking-mail job per event (the send-mail job for
 * single mails): the right subject, the listing's title and the dates in the plain-text part, an HTML part; once per
 * mail key, also when a job is retried after sending some of its mails; retried while SMTP is down, then delivered or,
 * when every retry failed, kept as a dead letter that admins can see. The context is closed after this class so that
 * it does not go on running jobs while other test classes work on the same database.
 */
@JobsTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	Notifications notifications;

	@Autowired
	BookingMails bookingMails;

	@Autowired
	MutableClock clock;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	BookingFixtures fixtures;

	SchedulerTime time;

	Listing listing;

	TestUser guest;

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		time = new SchedulerTime(clock, scheduler);
		listing = fixtures.listing(spec().price("111.00").cleaningFee("0.00").title("Loft & Garden <by the canal>"));
		guest = accounts.guest();
	}

	/** Whether this test took SMTP down (TestSmtp.start() must not be called while the server is up). */
	boolean smtpStopped;

	@AfterEach
	void smtpUpAndClockBack() {
		if (smtpStopped) {
			TestSmtp.start();
		}
		time.reset();
	}

	private void smtpDown() {
		TestSmtp.stop();
		smtpStopped = true;
	}

	private void smtpUp() {
		TestSmtp.start();
		smtpStopped = false;
	}

	@Test
	void aNewBookingIsAnnouncedToTheGuestAndTheHost() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String in = booked.json().path("check_in").asString();
		String out = booked.json().path("check_out").asString();

		ReceivedMail toGuest = awaitMail(guest, "Your booking request for Loft & Garden <by the canal>");
		ReceivedMail toHost = awaitMail(listing.host(), "New booking request for Loft & Garden <by the canal>");

		// 2 × 111.00 + 22.20 fee
		assertThat(toGuest.text()).contains("Loft & Garden <by the canal>", "from " + in + " to " + out, "2 nights",
				"244.20 USD", booked.id().toString(), "Hello Test");
		assertThat(toHost.text()).contains("Loft & Garden <by the canal>", in, out, booked.id().toString());
		for (ReceivedMail mail : List.of(toGuest, toHost)) {
			assertThat(mail.html()).contains("<html", "Loft &amp; Garden &lt;by the canal&gt;", in, out)
				.doesNotContain("<by the canal>");
		}
	}

	@Test
	void aConfirmedBookingIsAnnounced() {
		Booked booked = fixtures.confirmed(guest, listing, 10, 2);
		String in = booked.json().path("check_in").asString();
		String out = booked.json().path("check_out").asString();

		ReceivedMail toGuest = awaitMail(guest, "Confirmed: Loft & Garden <by the canal>, " + in + " to " + out);
		ReceivedMail toHost = awaitMail(listing.host(), "Booking confirmed for Loft & Garden <by the canal>");

		assertThat(toGuest.text()).contains("Loft & Garden <by the canal>", in, out);
		assertThat(toHost.text()).contains("Loft & Garden <by the canal>", in, out);
		assertThat(toGuest.html()).contains("Loft &amp; Garden", in, out);
		assertThat(toHost.html()).contains("Loft &amp; Garden", in, out);
	}

	@Test
	void aCancellationTellsTheRefund() {
		Booked paid = fixtures.confirmed(guest, listing, 10, 2);
		Booked unpaid = fixtures.book(listing, 20, 2);
		cancel(listing.host(), paid);
		cancel(unpaid.guest(), unpaid);
		String in = paid.json().path("check_in").asString();
		String out = paid.json().path("check_out").asString();

		ReceivedMail toGuest = awaitMail(guest, "Cancelled: Loft & Garden <by the canal>, " + in + " to " + out);
		List<ReceivedMail> toHost = awaitMails(listing.host(), "Booking cancelled for Loft & Garden <by the canal>", 2);
		ReceivedMail unpaidToGuest = awaitMail(unpaid.guest(), "Cancelled: Loft & Garden <by the canal>");

		assertThat(toGuest.text()).contains("Refund: 244.20 USD", in, out);
		assertThat(toGuest.html()).contains("Refund: 244.20 USD", in, out);
		assertThat(toHost).anySatisfy(mail -> assertThat(mail.text()).contains("Refund to the guest: 244.20 USD", in));
		assertThat(unpaidToGuest.text()).contains("Refund: 0.00 USD");
	}

	@Test
	void anExpiredHoldIsAnnounced() {
		time.travelTo(Instant.now().minus(Duration.ofMinutes(20)));
		Booked booked = fixtures.book(guest, listing, 10, 2);
		time.advance(Duration.ofMinutes(16));
		sweepNow();
		String in = booked.json().path("check_in").asString();

		ReceivedMail toGuest = awaitMail(guest, "Your hold on Loft & Garden <by the canal> expired");
		ReceivedMail toHost = awaitMail(listing.host(), "Booking request expired for Loft & Garden <by the canal>");

		assertThat(toGuest.text()).contains("Loft & Garden <by the canal>", in);
		assertThat(toHost.text()).contains("Loft & Garden <by the canal>", in, "the dates are open again");
		assertThat(toHost.html()).contains("Loft &amp; Garden", in);
		assertThat(fixtures.status(guest, booked.id())).isEqualTo("expired");
	}

	@Test
	void aMailThatWasSentIsNotSentAgain() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		awaitMail(guest, "Your booking request for");
		String key = "booking_created:" + booked.id() + ":guest";
		await().atMost(PATIENCE).until(() -> sentMails(key) == 1);

		// the same mail scheduled once more, as a job run twice would
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			notifications.send(new Mail(key, guest.email(), "booking_created_guest", Map.of("first_name", "Test")));
			assertThat(jobs(MailJobName.SEND_MAIL, key)).isEqualTo(1);
		});
		await().atMost(PATIENCE).until(() -> jobs(MailJobName.SEND_MAIL, key) == 0);

		assertThat(ReceivedMails.to(guest.email(), "Your booking request for")).hasSize(1);
		assertThat(sentMails(key)).isEqualTo(1);
		assertThat(deadJobs(MailJobName.SEND_MAIL, key)).isZero();
	}

	@Test
	void aBookingMailJobRetriedAfterSendingTheGuestsMailSendsOnlyTheHosts() {
		smtpDown();
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String job = "booking_created:" + booked.id();
		await().atMost(PATIENCE).until(() -> failures(BookingJobs.BOOKING_MAIL, job) > 0);
		// as an earlier run that sent the guest's mail and then failed on the host's would have left it
		jdbc.sql("insert into sent_mails (mail_key, recipient, template, sent_at) values (?, ?, ?, now())")
			.params(job + ":guest", guest.email(), "booking_created_guest")
			.update();
		smtpUp();

		awaitMail(listing.host(), "New booking request for Loft & Garden <by the canal>");
		await().atMost(PATIENCE).until(() -> jobs(BookingJobs.BOOKING_MAIL, job) == 0);

		assertThat(ReceivedMails.to(guest.email(), "Your booking request for")).isEmpty();
		assertThat(sentMails(job + ":guest")).isEqualTo(1);
		assertThat(sentMails(job + ":host")).isEqualTo(1);
		assertThat(deadJobs(BookingJobs.BOOKING_MAIL, job)).isZero();
	}

	@Test
	void eachBookingEventIsOneJobThatMailsTheGuestAndTheHostOnceEach() {
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String job = "booking_created:" + booked.id();
		awaitMail(guest, "Your booking request for");
		awaitMail(listing.host(), "New booking request for");
		await().atMost(PATIENCE).until(() -> jobs(BookingJobs.BOOKING_MAIL, job) == 0);

		// the whole job once more, as a job run twice would
		BookingView view = bookingService.viewFor(adminActor(), booked.id());
		new TransactionTemplate(transactionManager)
			.executeWithoutResult(tx -> bookingMails.send(BookingMails.Event.CREATED, view));
		await().atMost(PATIENCE).until(() -> jobs(BookingJobs.BOOKING_MAIL, job) == 0);

		assertThat(ReceivedMails.to(guest.email(), "Your booking request for")).hasSize(1);
		assertThat(ReceivedMails.to(listing.host().email(), "New booking request for")).hasSize(1);
	}

	@Test
	void mailWaitsOutAnSmtpOutageAndIsDeliveredWhenTheServerIsBack() {
		smtpDown();
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String key = "booking_created:" + booked.id() + ":guest";
		String job = "booking_created:" + booked.id();

		// failing, and the admin job view says so
		TestUser admin = accounts.admin();
		await().atMost(PATIENCE).until(() -> failures(BookingJobs.BOOKING_MAIL, job) > 0);
		await().atMost(PATIENCE).until(() -> jobStates(admin, job).contains("failing"));
		smtpUp();

		ReceivedMail mail = awaitMail(guest, "Your booking request for Loft & Garden <by the canal>");
		assertThat(mail.text()).contains(booked.id().toString());
		awaitMail(listing.host(), "New booking request for Loft & Garden <by the canal>");
		await().atMost(PATIENCE).until(() -> jobs(BookingJobs.BOOKING_MAIL, job) == 0);
		assertThat(sentMails(key)).isEqualTo(1);
		assertThat(deadJobs(BookingJobs.BOOKING_MAIL, job)).isZero();
	}

	@Test
	void mailThatFailsEveryRetryBecomesAVisibleDeadLetter() {
		smtpDown();
		Booked booked = fixtures.book(guest, listing, 10, 2);
		String key = "booking_created:" + booked.id() + ":guest";
		String job = "booking_created:" + booked.id();

		// 4 retries after 200 ms, doubling: about 3 s of failures
		await().atMost(PATIENCE).until(() -> deadJobs(BookingJobs.BOOKING_MAIL, job) == 1);

		assertThat(jobs(BookingJobs.BOOKING_MAIL, job)).isZero();
		assertThat(sentMails(key)).isZero();
		assertThat(jdbc.sql("select failures from dead_jobs where task_instance = ?")
			.param(job)
			.query(Integer.class)
			.single()).isEqualTo(5);
		Response queue = api.get("/api/v1/admin/jobs").as(accounts.admin()).send();
		assertThat(queue.status()).isEqualTo(200);
		assertThat(List.copyOf(queue.body().path("dead").values())).anySatisfy(dead -> {
			assertThat(dead.path("task_name").asString()).isEqualTo(BookingJobs.BOOKING_MAIL);
			assertThat(dead.path("task_instance").asString()).isEqualTo(job);
			assertThat(dead.path("failures").asInt()).isEqualTo(5);
			assertThat(dead.path("last_error").asString()).isNotBlank();
			assertThat(dead.path("failed_at").asString()).isNotBlank();
		});
	}

	private ReceivedMail awaitMail(TestUser to, String subjectPrefix) {
		return awaitMails(to, subjectPrefix, 1).getFirst();
	}

	private List<ReceivedMail> awaitMails(TestUser to, String subjectPrefix, int count) {
		await().atMost(PATIENCE).until(() -> ReceivedMails.to(to.email(), subjectPrefix).size() >= count);
		List<ReceivedMail> mails = ReceivedMails.to(to.email(), subjectPrefix);
		assertThat(mails).as("each mail is sent once").hasSize(count);
		return mails;
	}

	private void cancel(TestUser user, Booked booked) {
		Response response = api.post(booked.path() + "/cancel", Map.of()).as(user).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private List<String> jobStates(TestUser admin, String instance) {
		JsonNode queue = api.get("/api/v1/admin/jobs").as(admin).send().body();
		return queue.path("jobs")
			.values()
			.stream()
			.filter(job -> job.path("task_instance").asString().equals(instance))
			.map(job -> job.path("state").asString())
			.toList();
	}

	/** The task of single mails ({@code io.staybook.notification.MailJob}). */
	private static final class MailJobName {

		static final String SEND_MAIL = "send-mail";
	}

	private int jobs(String task, String instance) {
		return count("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?", task, instance);
	}

	private int failures(String task, String instance) {
		return count("""
				select coalesce(max(consecutive_failures), 0) from scheduled_tasks
				where task_name = ? and task_instance = ?""", task, instance);
	}

	private int sentMails(String key) {
		return count("select count(*) from sent_mails where mail_key = ?", key);
	}

	private int deadJobs(String task, String instance) {
		return count("select count(*) from dead_jobs where task_name = ? and task_instance = ?", task, instance);
	}

	/** Brings the sweep's next run forward to now (its schedule runs on real time, this test's clock is behind). */
	private void sweepNow() {
		TaskInstanceId sweep = TaskInstanceId.of(BookingJobs.EXPIRE_HOLDS, RecurringTask.INSTANCE);
		await().atMost(PATIENCE).ignoreExceptions().until(() -> scheduler.reschedule(sweep, clock.instant()));
		scheduler.triggerCheckForDueExecutions();
	}

	private Actor adminActor() {
		TestUser admin = accounts.admin();
		return new Actor(admin.id(), Role.ADMIN);
	}

	private int count(String sql, String... params) {
		return jdbc.sql(sql).params((Object[]) params).query(Integer.class).single();
	}
}
