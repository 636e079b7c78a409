package io.staybook.booking;

import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs are rows of {@code scheduled_tasks} written in the transaction of the change that causes them: they exist if
 * and only if that change commits. This context runs no jobs, so what is scheduled stays to be looked at.
 */
@IntegrationTest
class JobSchedulingIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	Notifications notifications;

	@Autowired
	Scheduler scheduler;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	BookingFixtures fixtures;

	Listing listing;

	TestUser guest;

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		listing = fixtures.listing();
		guest = accounts.guest();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void creatingABookingSchedulesOneMailJobForTheGuestAndTheHostAndNoJobForItsHold() {
		// a day ahead, so that no node that runs jobs on this database takes the mails before they are looked at
		clock.advance(Duration.ofDays(1));
		LocalDate in = fixtures.today(listing).plusDays(5);
		JsonNode booking = fixtures.book(guest, listing, in, in.plusDays(2));
		UUID id = BookingFixtures.id(booking);

		// one job for the event (both mails), none for the hold: the sweep ends holds (BookingJobs.EXPIRE_HOLDS)
		assertThat(jobsOf(id)).containsExactly(BookingJobs.BOOKING_MAIL + "/booking_created:" + id);
		var mail = scheduler
			.getScheduledExecution(TaskInstanceId.of(BookingJobs.BOOKING_MAIL, "booking_created:" + id))
			.orElseThrow();
		// due at once: scheduled when the booking was made
		assertThat(mail.getExecutionTime()).isBetween(Instant.parse(booking.path("created_at").asString()),
				clock.instant());
		assertThat(mail.getData()).isInstanceOfSatisfying(BookingMails.Notice.class, notice -> {
			assertThat(notice.event()).isEqualTo(BookingMails.Event.CREATED);
			// what the booking's transaction had at hand travels with the job, instead of being loaded again
			assertThat(notice.propertyTitle()).isEqualTo(listing.title());
			assertThat(notice.booking().id()).isEqualTo(id);
			assertThat(notice.booking().checkIn()).isEqualTo(in);
			assertThat(notice.booking().totalPrice().toPlainString()).isEqualTo(booking.path("total_price").asString());
		});
	}

	/** A job's data is stored as JSON (snake_case, as the API's), not Java serialization. */
	@Test
	void jobDataIsStoredAsJson() {
		clock.advance(Duration.ofDays(1));
		UUID id = fixtures.book(listing, 5, 2).id();
		String key = "json-mail:" + UUID.randomUUID();
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> notifications
			.send(new Mail(key, "json@example.com", "booking_created_guest", Map.of("first_name", "Test"))));

		JsonNode notice = storedData(BookingJobs.BOOKING_MAIL, "booking_created:" + id);
		JsonNode mail = storedData("send-mail", key);

		assertThat(notice.path("event").asString()).isEqualTo("CREATED");
		assertThat(notice.path("booking").path("id").asString()).isEqualTo(id.toString());
		assertThat(notice.path("booking").path("total_price").isNumber()).isTrue();
		assertThat(mail.path("key").asString()).isEqualTo(key);
		assertThat(mail.path("variables").path("first_name").asString()).isEqualTo("Test");
		jdbc.sql("delete from scheduled_tasks where task_instance = ?").param(key).update();
	}

	private JsonNode storedData(String task, String instance) {
		byte[] data = jdbc.sql("select task_data from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(task, instance)
			.query(byte[].class)
			.single();
		return JsonMapper.shared().readTree(data);
	}

	@Test
	void everyStatusChangeSchedulesItsMailsInItsTransaction() {
		clock.advance(Duration.ofDays(1));
		UUID cancelled = fixtures.book(listing, 5, 2).id();
		UUID confirmed = fixtures.book(listing, 10, 2).id();
		bookingService.confirm(confirmed);
		Response cancel = api.post("/api/v1/bookings/" + cancelled + "/cancel", Map.of()).as(listing.host()).send();
		assertThat(cancel.status()).isEqualTo(200);

		assertThat(jobsOf(cancelled)).contains(BookingJobs.BOOKING_MAIL + "/booking_cancelled:" + cancelled);
		assertThat(jobsOf(confirmed)).contains(BookingJobs.BOOKING_MAIL + "/booking_confirmed:" + confirmed);
	}

	@Test
	void aRolledBackBookingLeavesNoJobBehind() {
		LocalDate in = fixtures.today(listing).plusDays(5);
		AtomicReference<UUID> id = new AtomicReference<>();

		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			id.set(bookingService.create(actorOf(guest), new BookingService.Request(listing.id(), in, in.plusDays(2), 2))
				.id());
			// inside the transaction the booking and its job are there, for this transaction only
			assertThat(jobsOf(id.get())).hasSize(1);
			assertThat(jobsSeenFromAnotherConnection(id.get())).isZero();
			tx.setRollbackOnly();
		});

		assertNothingLeftOf(id.get());
		assertThat(fixtures.tryBook(accounts.guest(), listing, in, in.plusDays(2)).status()).isEqualTo(201);
	}

	@Test
	void aBookingWhoseTransactionFailsLaterLeavesNoJobBehind() {
		LocalDate in = fixtures.today(listing).plusDays(5);
		AtomicReference<UUID> id = new AtomicReference<>();

		assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			id.set(bookingService.create(actorOf(guest), new BookingService.Request(listing.id(), in, in.plusDays(2), 2))
				.id());
			throw new IllegalStateException("something after the booking failed");
		})).hasMessage("something after the booking failed");

		assertThat(id.get()).isNotNull();
		assertNothingLeftOf(id.get());
	}

	@Test
	void aCommittedBookingsJobsAppearForEveryoneOnlyAtCommit() {
		LocalDate in = fixtures.today(listing).plusDays(5);
		AtomicReference<UUID> id = new AtomicReference<>();

		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			id.set(bookingService.create(actorOf(guest), new BookingService.Request(listing.id(), in, in.plusDays(2), 2))
				.id());
			assertThat(jobsSeenFromAnotherConnection(id.get())).isZero();
		});

		assertThat(jobsSeenFromAnotherConnection(id.get())).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(BookingJobs.BOOKING_MAIL, "booking_created:" + id.get())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void mailCanOnlyBeScheduledInsideATransaction() {
		Mail mail = new Mail("test:" + UUID.randomUUID(), guest.email(), "booking_created_guest", Map.of());
		assertThatThrownBy(() -> notifications.send(mail)).isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void adminsSeeTheJobQueue() {
		// the view lists the soonest 200 jobs; in this context, which runs none, earlier tests leave many due mails,
		// so this booking is made in the past to put its jobs first
		clock.fixAt(Instant.parse("2025-01-01T00:00:00Z"));
		UUID id = BookingFixtures.id(fixtures.book(guest, listing, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 3)));
		clock.reset();

		Response queue = api.get("/api/v1/admin/jobs").as(accounts.admin()).send();

		assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
		List<JsonNode> jobs = List.copyOf(queue.body().path("jobs").values());
		assertThat(jobs).anySatisfy(job -> {
			assertThat(job.path("task_name").asString()).isEqualTo(BookingJobs.BOOKING_MAIL);
			assertThat(job.path("task_instance").asString()).isEqualTo("booking_created:" + id);
			assertThat(job.path("state").asString()).isEqualTo("scheduled");
			assertThat(job.path("execution_time").asString()).isEqualTo("2025-01-01T00:00:00Z");
		});
		assertThat(jobs).extracting(job -> Instant.parse(job.path("execution_time").asString())).isSorted();
		assertThat(jobs.size()).isLessThanOrEqualTo(200);
		assertThat(queue.body().path("dead").isArray()).isTrue();

		assertProblem(api.get("/api/v1/admin/jobs").as(guest).send(), 403, "admin_only");
		assertProblem(api.get("/api/v1/admin/jobs").as(listing.host()).send(), 403, "admin_only");
		assertThat(api.get("/api/v1/admin/jobs").send().status()).isEqualTo(401);
	}

	private void assertNothingLeftOf(UUID id) {
		assertThat(jdbc.sql("select count(*) from bookings where id = ?").param(id).query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from property_blocks where booking_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
		assertThat(jobsOf(id)).isEmpty();
		assertThat(jobsSeenFromAnotherConnection(id)).isZero();
		assertThat(fixtures.unavailable(listing, fixtures.today(listing), fixtures.today(listing).plusDays(30)))
			.isEmpty();
	}

	/** "task/instance" of every job that names the booking, as the current transaction (if any) sees them. */
	private List<String> jobsOf(UUID bookingId) {
		return jdbc.sql("select task_name || '/' || task_instance from scheduled_tasks where task_instance like ?")
			.param("%" + bookingId + "%")
			.query(String.class)
			.list();
	}

	/** The same, counted on a connection of its own, outside any transaction of this thread. */
	private int jobsSeenFromAnotherConnection(UUID bookingId) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement query = connection
					.prepareStatement("select count(*) from scheduled_tasks where task_instance like ?")) {
			query.setString(1, "%" + bookingId + "%");
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Actor actorOf(TestUser user) {
		return new Actor(user.id(), Role.GUEST);
	}
}
