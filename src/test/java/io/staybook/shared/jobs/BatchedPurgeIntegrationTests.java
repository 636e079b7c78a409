package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code purge-expired-records} job: each table loses the rows older than its retention and keeps the rest, a
 * bounded batch per statement.
 */
@IntegrationTest
class BatchedPurgeIntegrationTests {

	@Autowired
	BatchedPurge purge;

	@Autowired
	List<Purge> purges;

	@Autowired
	RetentionSettings retention;

	@Autowired
	RecurringTask<Void> purgeExpiredRecordsTask;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aPurgeDeletesInBatchesOfItsBoundUntilNoneIsLeft() {
		jdbc.sql("create table if not exists purge_probe (id int primary key, made_at timestamptz not null)").update();
		jdbc.sql("truncate purge_probe").update();
		Instant now = clock.instant();
		for (int id = 1; id <= 7; id++) {
			// rows 1..5 are two days old, 6 and 7 an hour old
			Instant madeAt = id <= 5 ? now.minus(Duration.ofDays(2)) : now.minus(Duration.ofHours(1));
			jdbc.sql("insert into purge_probe values (?, ?)").params(id, Timestamp.from(madeAt)).update();
		}

		BatchedPurge.Result result = purge.purge(new Purge("purge_probe", "made_at", Duration.ofDays(1)), 2);

		assertThat(result).as("2 + 2 + 1 rows, in three statements").isEqualTo(new BatchedPurge.Result(5, 3));
		assertThat(jdbc.sql("select id from purge_probe order by id").query(Integer.class).list()).containsExactly(6, 7);
		assertThat(purge.purge(new Purge("purge_probe", "made_at", Duration.ofDays(1)), 2))
			.isEqualTo(new BatchedPurge.Result(0, 1));
	}

	@Test
	void theJobPurgesTheUnboundedTablesHourly() {
		assertThat(purges).extracting(Purge::table)
			.containsExactlyInAnyOrder("sent_mails", "webhook_events", "dead_jobs", "idempotency_keys",
					"account_tokens", "refresh_tokens");
		assertThat(purges).contains(new Purge("account_tokens", "expires_at", Duration.ofDays(7)));
		assertThat(purgeExpiredRecordsTask.getName()).isEqualTo(PurgeJobs.NAME);
		assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
	}

	/** Each table, its key and time columns, and how long it keeps a row by default. */
	@ParameterizedTest
	@CsvSource({ "sent_mails, mail_key, sent_at, P30D", "webhook_events, event_id, received_at, P30D",
			"dead_jobs, task_instance, failed_at, P90D", "idempotency_keys, idempotency_key, created_at, PT24H" })
	void eachTableKeepsWhatIsYoungerThanItsRetention(String table, String keyColumn, String timeColumn,
			Duration kept) {
		assertThat(purges).filteredOn(p -> p.table().equals(table)).containsExactly(new Purge(table, timeColumn, kept));
		String old = aged(table, kept.plusMinutes(1));
		String young = aged(table, kept.minusHours(1));

		purge.purgeAll(purges);

		String exists = "select count(*) from " + table + " where " + keyColumn + " = ?";
		assertThat(jdbc.sql(exists).param(old).query(Integer.class).single()).as("older than retention").isZero();
		assertThat(jdbc.sql(exists).param(young).query(Integer.class).single()).as("younger").isOne();
	}

	/** A row of {@code table} made {@code age} ago; returns its key. */
	private String aged(String table, Duration age) {
		String key = "purge-test-" + UUID.randomUUID();
		Timestamp at = Timestamp.from(clock.instant().minus(age));
		String sql = switch (table) {
			case "sent_mails" -> "insert into sent_mails (mail_key, recipient, template, sent_at)"
					+ " values (?, 'a@example.com', 'booking_created_guest', ?)";
			case "webhook_events" -> "insert into webhook_events (provider, event_id, event_type, received_at)"
					+ " values ('sandbox', ?, 'SUCCEEDED', ?)";
			case "dead_jobs" -> "insert into dead_jobs (id, task_name, task_instance, failures, failed_at)"
					+ " values (gen_random_uuid(), 'send-mail', ?, 9, ?)";
			default -> "insert into idempotency_keys (scope, idempotency_key, request_hash, created_at)"
					+ " values ('registration:" + key + "', ?, 'hash', ?)";
		};
		jdbc.sql(sql).params(key, at).update();
		return key;
	}
}
