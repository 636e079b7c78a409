package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.reconciliation.Reconciliation;
import io.staybook.test.PrivatePostgres;
import io.staybook.test.TestSupportConfig;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's money reconciles on a fresh demo database, as {@code mvn spring-boot:run} loads it: its completed stays
 * of 60 and 40 days ago checked out before the payout sweep's 30-day lookback, so no sweep paid their hosts and the
 * reconciliation a newcomer opened ({@code GET /api/v1/admin/reconciliation}) reported six {@code payout_missing}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "staybook.demo-data.enabled=true")
@ActiveProfiles("test")
@Import(TestSupportConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PayoutDemoDataIntegrationTests {

	private static PrivatePostgres postgres;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PayoutSweep sweep;

	@DynamicPropertySource
	static void privateServer(DynamicPropertyRegistry registry) throws Exception {
		postgres = PrivatePostgres.startFor(registry);
		String media = Files.createTempDirectory("staybook-demo-media-").toString();
		registry.add("staybook.media.dir", () -> media);
	}

	@AfterAll
	static void stopServer() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void everyPastDemoStayHasItsPayoutAndTheDemosMoneyReconciles() {
		int pastStays = jdbc.queryForObject("select count(*) from bookings where status = 'completed'", Integer.class);
		assertThat(pastStays).as("the demo has past stays").isPositive();
		assertThat(paidOut("pending")).as("made at load, for the sweep to pay").isEqualTo(pastStays);
		assertThat(reconciliation.run().discrepancies()).isEmpty();

		sweep.sweep();

		assertThat(paidOut("paid")).isEqualTo(pastStays);
		assertThat(reconciliation.run().discrepancies()).isEmpty();
	}

	private int paidOut(String status) {
		return jdbc.queryForObject("""
				select count(*) from bookings b join payouts o on o.booking_id = b.id
				where b.status = 'completed' and o.status = ?""", Integer.class, status);
	}
}
