package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The configured first admin when several nodes start at once on a fresh database (scripts/cluster.sh's first start):
 * each finds no admin and creates one; exactly one account must come of it, and every node must start.
 */
@IntegrationTest
class AdminAccountIntegrationTests {

	@Autowired
	UserService users;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void nodesStartingTogetherCreateTheConfiguredAdminOnceAndAllStart() throws Exception {
		String email = Accounts.uniqueEmail("first-admin");
		AdminAccount.Settings settings = new AdminAccount.Settings(email, Accounts.PASSWORD);
		int nodes = 3;
		CyclicBarrier together = new CyclicBarrier(nodes);
		List<Future<?>> starts = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(nodes)) {
			for (int i = 0; i < nodes; i++) {
				starts.add(executor.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					new AdminAccount(settings, users).run(null);
					return null;
				}));
			}
			for (Future<?> start : starts) {
				start.get(60, TimeUnit.SECONDS);
			}
		}

		assertThat(jdbc.queryForObject("select count(*) from users where email = ? and role = 'admin'", Integer.class,
				email)).isEqualTo(1);
		assertThat(accounts.login(email, Accounts.PASSWORD).role().json()).isEqualTo("admin");
	}
}
