package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.notification.Mail;
import io.staybook.shared.jobs.JobDataSerializer;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two service nodes on one database run each job exactly once: two db-scheduler instances of their own, started here
 * beside this context (which runs no jobs itself), compete for the same {@code scheduled_tasks}.
 */
@IntegrationTest
class TwoSchedulersIntegrationTests {

	private static final String PROBE = "two-nodes-probe";

	@Autowired
	DataSource dataSource;

	/** How the application stores job data: a node of its own must read and write rows the same way. */
	@Autowired
	JobDataSerializer jobDataSerializer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	RecurringTask<Void> expireHoldsTask;

	@Autowired
	OneTimeTask<BookingMails.Notice> bookingMailTask;

	@Autowired
	OneTimeTask<Mail> sendMailTask;

	/** "node task/instance" for every execution either node started. */
	final ConcurrentLinkedQueue<String> executions = new ConcurrentLinkedQueue<>();

	final List<Scheduler> nodes = new ArrayList<>();

	@BeforeEach
	void probeTable() {
		jdbc.sql("""
				create table if not exists two_nodes_probe_runs (
				    run      uuid not null,
				    instance text not null,
				    node     text not null)""").update();
	}

	@AfterEach
	void stopNodes() {
		nodes.forEach(Scheduler::stop);
		clock.reset();
	}

	@Test
	void twoNodesRunEachOf200JobsExactlyOnceAndShareTheWork() {
		UUID run = UUID.randomUUID();
		Scheduler a = node("node-a", name -> probe(run, name));
		Scheduler b = node("node-b", name -> probe(run, name));
		a.start();
		b.start();

		List<TaskInstance<?>> jobs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			jobs.add(probe(run, "scheduling").instance(run + "-" + i));
		}
		a.scheduleBatch(jobs, clock.instant());

		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("select count(*) from two_nodes_probe_runs where run = ?", run) >= 200
					&& count("select count(*) from scheduled_tasks where task_name = '" + PROBE
							+ "' and task_instance like ?", run + "-%") == 0);

		assertThat(count("select count(*) from two_nodes_probe_runs where run = ?", run)).isEqualTo(200);
		assertThat(count("select count(distinct instance) from two_nodes_probe_runs where run = ?", run))
			.isEqualTo(200);
		Map<String, Integer> perNode = jdbc
			.sql("select node, count(*) from two_nodes_probe_runs where run = ? group by node")
			.param(run)
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(perNode.keySet()).as("both nodes did some of the work: %s", perNode)
			.containsExactlyInAnyOrder("node-a", "node-b");
	}

	@Test
	void twoNodesSweepingTogetherExpireEachDueHoldOnceAndSendItsMailsOnce() {
		BookingFixtures fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		Listing listing = fixtures.listing();
		TestUser guest = accounts.guest();
		LocalDate first = fixtures.today(listing).plusDays(10);
		List<UUID> holds = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			holds.add(BookingFixtures.id(fixtures.book(guest, listing, first.plusDays(i), first.plusDays(i + 1))));
		}
		// every hold falls due for the nodes, whose clock is this context's
		clock.advance(Duration.ofMinutes(16));
		node("node-a", name -> null).start();
		node("node-b", name -> null).start();

		await().atMost(Duration.ofSeconds(120))
			.until(() -> holds.stream()
				.allMatch(id -> count("select count(*) from sent_mails where mail_key like ?",
						"booking_expired:" + id + ":%") == 2
						&& count("select count(*) from scheduled_tasks where task_instance like ?", "%" + id + "%") == 0));

		for (UUID id : holds) {
			assertThat(fixtures.status(guest, id)).isEqualTo("expired");
			assertThat(executionsOf(BookingJobs.BOOKING_MAIL + "/booking_expired:" + id)).hasSize(1);
			assertThat(jdbc.sql("select version from bookings where id = ?").param(id).query(Long.class).single())
				.as("made, then changed once").isEqualTo(1L);
		}
		assertThat(executions).as("the sweep ended them, not a job per hold")
			.anyMatch(e -> e.endsWith(" " + BookingJobs.EXPIRE_HOLDS + "/" + RecurringTask.INSTANCE));
	}

	/**
	 * A node: a scheduler of its own on the application's database and clock, with the jobs it knows; the booking
	 * jobs, and the probe task made for it by {@code probe} (if not null).
	 */
	private Scheduler node(String name, Function<String, OneTimeTask<Void>> probe) {
		List<Task<?>> tasks = new ArrayList<>(List.of(bookingMailTask, sendMailTask));
		OneTimeTask<Void> probeTask = probe.apply(name);
		if (probeTask != null) {
			tasks.add(probeTask);
		}
		ExecutionInterceptor recorder = (instance, context, chain) -> {
			executions.add(name + " " + instance.getTaskName() + "/" + instance.getId());
			return chain.proceed(instance, context);
		};
		Scheduler scheduler = Scheduler.create(dataSource, tasks)
			.schedulerName(new SchedulerName.Fixed(name))
			.clock(clock::instant)
			.startTasks(expireHoldsTask)
			.serializer(jobDataSerializer)
			.pollingInterval(Duration.ofMillis(100))
			.threads(4)
			.addExecutionInterceptor(recorder)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
		nodes.add(scheduler);
		return scheduler;
	}

	/** The probe job: records which node ran which instance, in the database. */
	private OneTimeTask<Void> probe(UUID run, String node) {
		return Tasks.oneTime(PROBE)
			.execute((instance, context) -> jdbc
				.sql("insert into two_nodes_probe_runs (run, instance, node) values (?, ?, ?)")
				.params(run, instance.getId(), node)
				.update());
	}

	private List<String> executionsOf(String taskAndInstance) {
		return executions.stream().filter(e -> e.endsWith(" " + taskAndInstance)).toList();
	}

	private int count(String sql, Object param) {
		return jdbc.sql(sql).param(param).query(Integer.class).single();
	}
}
