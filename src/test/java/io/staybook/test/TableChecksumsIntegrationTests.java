package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TableChecksums}, which the bad-input sweeps trust to say "nothing changed": it sees a change that keeps a
 * table's row count, and a rolled-back write (which moves the snapshot on) leaves the sums as they were.
 */
@IntegrationTest
class TableChecksumsIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Accounts accounts;

	@Test
	void aChangedRowIsSeenAndARolledBackOneIsNot() {
		TestUser guest = accounts.guest();
		TableChecksums checksums = new TableChecksums(jdbc, List.of("users", "properties"));
		Map<String, String> before = checksums.now();
		assertThat(checksums.now()).isEqualTo(before);

		transactions.executeWithoutResult(status -> {
			jdbc.update("update users set first_name = 'Rolled back' where id = ?", guest.id());
			status.setRollbackOnly();
		});
		assertThat(checksums.now()).as("after a rollback").isEqualTo(before);

		jdbc.update("update users set first_name = 'Changed' where id = ?", guest.id());
		Map<String, String> after = checksums.now();
		assertThat(after.get("users")).as("a renamed user").isNotEqualTo(before.get("users"));
		assertThat(after.get("properties")).isEqualTo(before.get("properties"));
		assertThat(after.keySet()).containsExactly("users", "properties");
	}
}
