package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that shuts down lets its running jobs finish within {@code db-scheduler.shutdown-max-wait}, and releases
 * those that outlast it so that another node runs them at once, not after dead-execution detection. Nodes are built
 * from the application's own db-scheduler configuration, with a shorter wait to keep the test short, and stopped as
 * {@link RunningJobsRelease} stops the application's scheduler when the context closes.
 */
@IntegrationTest
class GracefulShutdownIntegrationTests {

	private static final String PROBE = "shutdown-probe";

	private static final Duration WAIT = Duration.ofSeconds(1);

	/**
	 * Well below what dead-execution detection needs (a heartbeat 8 s old, checked every 4 s), so only an explicit
	 * release passes.
	 */
	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	@Autowired
	DataSource dataSource;

	@Autowired
	JobDataSerializer jobDataSerializer;

	@Autowired
	DbSchedulerProperties properties;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	final List<Scheduler> nodes = new ArrayList<>();

	final CountDownLatch started = new CountDownLatch(1);

	final CountDownLatch released = new CountDownLatch(1);

	@AfterEach
	void stopNodes() {
		released.countDown();
		nodes.forEach(node -> {
			if (!node.getSchedulerState().isShuttingDown()) {
				node.stop();
			}
		});
		jdbc.sql("delete from scheduled_tasks where task_name = ?").param(PROBE).update();
		jdbc.sql("drop table if exists shutdown_probe_effects").update();
	}

	@Autowired
	org.springframework.core.env.Environment environment;

	@Test
	void theConfigurationBoundsTheShutdown() {
		assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
		assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class))
			.isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.getShutdownMaxWait()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aJobRunningAtShutdownFinishesAndItsEffectIsCommitted() throws Exception {
		jdbc.sql("create table if not exists shutdown_probe_effects (instance text primary key)").update();
		String instance = UUID.randomUUID().toString();
		Scheduler node = node("node-stopping", probe(id -> {
			started.countDown();
			sleep(Duration.ofMillis(700));
			jdbc.sql("insert into shutdown_probe_effects values (?)").param(id).update();
		}));
		node.start();
		node.schedule(task(instance), clock.instant());
		assertThat(started.await(30, TimeUnit.SECONDS)).as("the job runs").isTrue();

		int releasedJobs = RunningJobsRelease.stopAndRelease(node, jdbc, properties.getTableName());

		assertThat(releasedJobs).isZero();
		assertThat(jdbc.sql("select count(*) from shutdown_probe_effects where instance = ?")
			.param(instance)
			.query(Integer.class)
			.single()).isOne();
		assertThat(row(instance)).as("a finished one-time job leaves no row").isEmpty();
	}

	@Test
	void aJobThatOutlastsTheWaitIsReleasedAndAnotherNodeRunsItPromptly() throws Exception {
		String instance = UUID.randomUUID().toString();
		List<String> survivorRan = new java.util.concurrent.CopyOnWriteArrayList<>();
		Scheduler stopping = node("node-stopping", probe(id -> {
			started.countDown();
			awaitIgnoringInterrupts(released);
		}));
		stopping.start();
		stopping.schedule(task(instance), clock.instant());
		assertThat(started.await(30, TimeUnit.SECONDS)).as("the job runs").isTrue();
		assertThat(row(instance)).contains("node-stopping");

		int releasedJobs = RunningJobsRelease.stopAndRelease(stopping, jdbc, properties.getTableName());
		long releasedAt = System.nanoTime();

		assertThat(picked(instance)).as("not left picked by the stopped node").isFalse();
		assertThat(releasedJobs).isOne();
		Scheduler survivor = node("node-survivor", probe(survivorRan::add));
		survivor.start();
		await().atMost(PROMPTLY).until(() -> survivorRan.contains(instance));
		assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isLessThan(PROMPTLY);
	}

	private Scheduler node(String name, OneTimeTask<Void> task) {
		DbSchedulerProperties shortWait = new DbSchedulerProperties();
		shortWait.setThreads(properties.getThreads());
		shortWait.setPollingInterval(properties.getPollingInterval());
		shortWait.setHeartbeatInterval(properties.getHeartbeatInterval());
		shortWait.setMissedHeartbeatsLimit(properties.getMissedHeartbeatsLimit());
		shortWait.setImmediateExecutionEnabled(true);
		shortWait.setTableName(properties.getTableName());
		shortWait.setShutdownMaxWait(WAIT);
		Scheduler scheduler = SchedulerNodes.node(name, shortWait, clock, dataSource, jobDataSerializer, task);
		nodes.add(scheduler);
		return scheduler;
	}

	private static OneTimeTask<Void> probe(Consumer<String> work) {
		return Tasks.oneTime(PROBE).execute((instance, context) -> work.accept(instance.getId()));
	}

	private static com.github.kagkarlsson.scheduler.task.TaskInstance<Void> task(String instance) {
		return Tasks.oneTime(PROBE).execute((i, c) -> {
		}).instance(instance);
	}

	/** A job stuck in a call that does not answer interrupts, as a blocking socket read does not. */
	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return;
			}
			catch (InterruptedException ignored) {
				// keep running, as the stuck call would
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Who holds the execution (empty string when nobody does), or empty when there is no row. */
	private Optional<String> row(String instance) {
		return jdbc.sql("select coalesce(picked_by, '') from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(PROBE, instance)
			.query(String.class)
			.optional();
	}

	private boolean picked(String instance) {
		return jdbc.sql("select picked from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(PROBE, instance)
			.query(Boolean.class)
			.single();
	}
}
