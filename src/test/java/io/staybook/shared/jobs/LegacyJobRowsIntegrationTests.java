package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.staybook.notification.Mail;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows that the releases before wrote with Java serialization, as a rolling deploy or a queue filled before the
 * upgrade leaves them: a job's own data class still runs; a row of any other class is refused without being made, its
 * job is dead-lettered at its first failure (no retry could read it) and the scheduler goes on running the others.
 */
@JobsTest
class LegacyJobRowsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scheduler scheduler;

	@Autowired
	MutableClock clock;

	@Test
	void aMailRowWrittenWithJavaSerializationIsSent() {
		String key = "legacy-mail:" + UUID.randomUUID();

		insert(key, JobDataIntegrationTests.javaSerialized(mail(key)));

		await().atMost(PATIENCE).until(() -> sent(key) == 1);
		assertThat(rows(key)).isZero();
	}

	@Test
	void aJavaSerializedRowOfAnotherClassIsRefusedAndTheSchedulerGoesOn() {
		String crafted = "legacy-crafted:" + UUID.randomUUID();
		String after = "legacy-after:" + UUID.randomUUID();
		JobDataIntegrationTests.Gadget.made.set(false);

		insert(crafted, JobDataIntegrationTests.javaSerialized(new JobDataIntegrationTests.Gadget("touch /tmp/x")));
		await().atMost(PATIENCE).until(() -> failures(crafted) >= 1);
		insert(after, JobDataIntegrationTests.javaSerialized(mail(after)));

		await().atMost(PATIENCE).until(() -> sent(after) == 1);
		assertThat(JobDataIntegrationTests.Gadget.made).as("never deserialized").isFalse();
		assertThat(sent(crafted)).isZero();
		assertThat(failures(crafted)).as("failed, then a dead letter").isPositive();
		jdbc.sql("delete from scheduled_tasks where task_instance = ?").param(crafted).update();
	}

	@Test
	void aRefusedRowIsDeadLetteredAtItsFirstFailureNotRetried() {
		String crafted = "legacy-refused:" + UUID.randomUUID();

		insert(crafted, JobDataIntegrationTests.javaSerialized(new JobDataIntegrationTests.Gadget("touch /tmp/y")));

		await().atMost(PATIENCE).until(() -> deadLetters(crafted) == 1);
		assertThat(rows(crafted)).as("no longer queued: no retry can read it").isZero();
		assertThat(failures(crafted)).as("given up at its first failure").isEqualTo(1);
		assertThat(jdbc.sql("select last_error from dead_jobs where task_instance = ?")
			.param(crafted)
			.query(String.class)
			.single()).contains("UnreadableJobData");
	}

	private int deadLetters(String instance) {
		return jdbc.sql("select count(*) from dead_jobs where task_instance = ?")
			.param(instance)
			.query(Integer.class)
			.single();
	}

	private static Mail mail(String key) {
		return new Mail(key, "legacy-" + UUID.randomUUID() + "@example.com", "account_password_changed",
				Map.of("first_name", "Test", "how", " by a test"));
	}

	private void insert(String instance, byte[] data) {
		jdbc.sql("""
				insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
				values ('send-mail', ?, ?, ?, false, 1)""")
			.params(instance, data, Timestamp.from(clock.instant()))
			.update();
		scheduler.triggerCheckForDueExecutions();
	}

	private int sent(String key) {
		return jdbc.sql("select count(*) from sent_mails where mail_key = ?").param(key).query(Integer.class).single();
	}

	/** The failed runs of a job still queued, or of its dead letter. */
	private int failures(String instance) {
		return jdbc.sql("""
				select coalesce((select consecutive_failures from scheduled_tasks where task_instance = :id), 0)
				     + coalesce((select max(failures) from dead_jobs where task_instance = :id), 0)""")
			.param("id", instance)
			.query(Integer.class)
			.single();
	}

	private int rows(String instance) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
			.param(instance)
			.query(Integer.class)
			.single();
	}
}
