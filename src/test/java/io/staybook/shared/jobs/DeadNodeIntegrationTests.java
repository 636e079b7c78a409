package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that dies while it runs a job (SIGKILL, a lost host) leaves the job picked, with no one to finish or release
 * it; another node must run it again within seconds, not after db-scheduler's default half hour. Two nodes are built
 * here from the application's own db-scheduler configuration, on its database and clock (this context runs no jobs
 * itself); the first "dies" by losing its database for good while its job hangs, as a killed process would.
 */
@IntegrationTest
class DeadNodeIntegrationTests {

	private static final String PROBE = "dead-node-probe";

	/** Well past the configured detection (about 8-16 s), far below the 30 minutes of db-scheduler's defaults. */
	private static final Duration RESUMED_WITHIN = Duration.ofSeconds(30);

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

	final CountDownLatch hung = new CountDownLatch(1);

	final CountDownLatch released = new CountDownLatch(1);

	final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();

	@AfterEach
	void stopNodes() {
		released.countDown();
		nodes.forEach(Scheduler::stop);
	}

	@Test
	void theConfigurationDetectsADeadNodeWithinSeconds() {
		assertThat(properties.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getMissedHeartbeatsLimit()).isEqualTo(4);
		assertThat(properties.getPollingInterval()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aJobPickedByANodeThatDiedIsRunByAnotherWithinSeconds() throws Exception {
		String instance = UUID.randomUUID().toString();
		AtomicBoolean dead = new AtomicBoolean();
		Scheduler doomed = node("node-doomed", killable(dead), hangs());
		doomed.start();
		doomed.schedule(probe(context -> {
		}).instance(instance), clock.instant());
		assertThat(hung.await(30, TimeUnit.SECONDS)).as("the doomed node runs the job").isTrue();
		assertThat(pickedBy(instance)).isEqualTo("node-doomed");

		Scheduler survivor = node("node-survivor", dataSource, probe(context -> completed.add("node-survivor")));
		survivor.start();
		dead.set(true);
		long diedAt = System.nanoTime();

		await().atMost(RESUMED_WITHIN).until(() -> completed.contains("node-survivor"));

		Duration resumedAfter = Duration.ofNanos(System.nanoTime() - diedAt);
		assertThat(resumedAfter).as("resumed %s after the death", resumedAfter).isLessThan(RESUMED_WITHIN);
		assertThat(completed).containsExactly("node-survivor");
		await().atMost(Duration.ofSeconds(10)).until(() -> pickedBy(instance) == null);
	}

	/** What the node that dies runs: a job that never ends by itself, as one cut off by SIGKILL never does. */
	private OneTimeTask<Void> hangs() {
		return probe(context -> {
			hung.countDown();
			try {
				released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static OneTimeTask<Void> probe(java.util.function.Consumer<Object> work) {
		return Tasks.oneTime(PROBE).execute((instance, context) -> work.accept(context));
	}

	/** The database as a node sees it: gone for good, once {@code dead} is set, as for a killed process. */
	private DataSource killable(AtomicBoolean dead) {
		return new DelegatingDataSource(dataSource) {
			@Override
			public Connection getConnection() throws SQLException {
				if (dead.get()) {
					throw new SQLException("this node was killed");
				}
				return super.getConnection();
			}
		};
	}

	/** A node as the application builds its own, from {@code db-scheduler.*}, on the application's clock. */
	private Scheduler node(String name, DataSource database, Task<?> task) {
		Scheduler scheduler = SchedulerNodes.node(name, properties, clock, database, jobDataSerializer, task);
		nodes.add(scheduler);
		return scheduler;
	}

	/** The node holding the execution, or null when there is none or nobody holds it. */
	private String pickedBy(String instance) {
		return jdbc.sql("select picked_by from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(PROBE, instance)
			.query(String.class)
			.optional()
			.orElse(null);
	}
}
