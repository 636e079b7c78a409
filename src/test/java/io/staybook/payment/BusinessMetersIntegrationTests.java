package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.reconciliation.Reconciliation;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each business meter of issue 11 (README, "Observability") is served at {@code /actuator/prometheus} and moves after
 * the event it counts: bookings and payments by status change (payments by provider), refunds, the job queue, job
 * failures and dead letters, cache hits, rate-limit rejections, reconciliation discrepancies and the waits of
 * bookings for their listing's turn. Read as Prometheus
 * reads them, from the scrape, in a context that runs jobs.
 */
@JobsTest
class BusinessMetersIntegrationTests {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	TestUser admin;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
		admin = accounts.admin();
	}

	@AfterEach
	void reset() {
		sandbox.beUnreachableFor(0);
		clock.reset();
	}

	@Test
	void bookingsPaymentsAndRefundsCountTheirStatusChanges() {
		double created = scraped("staybook_bookings_transitions_total", Map.of("from", "none", "to", "pending_payment"));
		double confirmed = scraped("staybook_bookings_transitions_total", Map.of("to", "confirmed"));
		double pending = scraped("staybook_payments_transitions_total",
				Map.of("from", "none", "to", "pending", "provider", "sandbox"));
		double completed = scraped("staybook_payments_transitions_total",
				Map.of("to", "completed", "provider", "sandbox"));
		double refundsSucceeded = scraped("staybook_refunds_transitions_total",
				Map.of("to", "succeeded", "provider", "sandbox"));
		double refunded = scraped("staybook_refunds_amount_total", Map.of("currency", "USD"));
		double turns = scraped("staybook_listings_queue_wait_seconds_count", Map.of("outcome", "turn"));

		Stay stay = fixtures.stay();
		fixtures.paid(stay);
		assertThat(fixtures.cancel(stay.host(), stay.bookingId()).status()).isEqualTo(200);

		assertThat(scraped("staybook_bookings_transitions_total", Map.of("from", "none", "to", "pending_payment")))
			.isEqualTo(created + 1);
		// the new booking waited for its listing's turn (ListingQueue), and has left the queue
		assertThat(scraped("staybook_listings_queue_wait_seconds_count", Map.of("outcome", "turn"))).isEqualTo(turns + 1);
		assertThat(api.get("/actuator/prometheus").as(admin).send().text().lines())
			.contains("staybook_listings_queue_requests 0.0");
		assertThat(scraped("staybook_bookings_transitions_total", Map.of("to", "confirmed"))).isEqualTo(confirmed + 1);
		assertThat(scraped("staybook_payments_transitions_total",
				Map.of("from", "none", "to", "pending", "provider", "sandbox")))
			.isEqualTo(pending + 1);
		assertThat(scraped("staybook_payments_transitions_total", Map.of("to", "completed", "provider", "sandbox")))
			.isEqualTo(completed + 1);
		// a host's cancellation refunds everything, through the refund job
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(scraped("staybook_refunds_transitions_total",
					Map.of("to", "succeeded", "provider", "sandbox")))
				.isEqualTo(refundsSucceeded + 1));
		assertThat(scraped("staybook_refunds_amount_total", Map.of("currency", "USD")))
			.isEqualTo(refunded + stay.total().doubleValue(), org.assertj.core.data.Offset.offset(0.001));
	}

	@Test
	void theJobQueueGrowsWithAWaitingJobAndAFailingChargeCountsItsFailuresAndItsDeadLetter() {
		double waiting = scraped("staybook_jobs_queue", Map.of("task", "expire-hold"));
		double failures = scraped("staybook_jobs_failures_total", Map.of("task", "charge-payment"));
		double dead = scraped("staybook_jobs_dead_letters_total", Map.of("task", "charge-payment"));

		Stay stay = fixtures.stay();
		// a hold no longer has a job of its own (the sweep ends it): one such job left from before, due in a year
		String instance = "meters-" + UUID.randomUUID();
		jdbc.update("""
				insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
				values ('expire-hold', ?, now() + interval '1 year', false, 1)""", instance);
		try {
			// the gauge reads the queue at most every 5 s (wall time)
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(scraped("staybook_jobs_queue", Map.of("task", "expire-hold")))
					.isGreaterThanOrEqualTo(waiting + 1));
		}
		finally {
			jdbc.update("delete from scheduled_tasks where task_instance = ?", instance);
		}

		sandbox.beUnreachableFor(1_000);
		UUID payment = fixtures.payCreated(stay, "tok_visa");
		fixtures.awaitPayment(stay.guest(), payment, "failed");

		assertThat(scraped("staybook_jobs_failures_total", Map.of("task", "charge-payment")))
			.isGreaterThan(failures + 1);
		assertThat(scraped("staybook_jobs_dead_letters_total", Map.of("task", "charge-payment"))).isEqualTo(dead + 1);
	}

	@Test
	void cacheHitsAndRateLimitRejectionsAreCounted() {
		Stay stay = fixtures.stay();
		String listing = "/api/v1/properties/" + stay.propertyId();
		api.get(listing).send();
		double hits = scraped("cache_gets_total", Map.of("cache", "properties", "result", "hit"));
		double rejections = scraped("staybook_rate_limit_rejections_total", Map.of("limit", "login-email"));

		api.get(listing).send();
		String email = Accounts.uniqueEmail("meters");
		int status = 0;
		for (int attempt = 0; attempt < 7 && status != 429; attempt++) {
			status = api.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong password"))
				.send()
				.status();
		}

		assertThat(status).isEqualTo(429);
		assertThat(scraped("cache_gets_total", Map.of("cache", "properties", "result", "hit"))).isEqualTo(hits + 1);
		assertThat(scraped("staybook_rate_limit_rejections_total", Map.of("limit", "login-email")))
			.isEqualTo(rejections + 1);
	}

	@Test
	void reconciliationDiscrepanciesCountTheLastReport() {
		Stay stay = fixtures.stay();
		reconciliation.run();
		Map<String, String> kind = Map.of("kind", "confirmed_without_payment");
		double before = scraped("staybook_reconciliation_discrepancies", kind);
		// a confirmed booking that nobody paid: R1
		jdbc.update("update bookings set status = 'confirmed' where id = ?", stay.bookingId());
		try {
			reconciliation.run();

			assertThat(scraped("staybook_reconciliation_discrepancies", kind)).isEqualTo(before + 1);
		}
		finally {
			jdbc.update("update bookings set status = 'pending_payment' where id = ?", stay.bookingId());
			reconciliation.run();
		}
		assertThat(scraped("staybook_reconciliation_discrepancies", kind)).isEqualTo(before);
	}

	/** The sum of the samples of {@code name} whose labels include {@code labels}, as scraped now; 0 if none. */
	private double scraped(String name, Map<String, String> labels) {
		Api.Response response = api.get("/actuator/prometheus").as(admin).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.text().lines().map(SAMPLE::matcher).filter(Matcher::matches).filter(sample -> {
			String tags = sample.group(2) == null ? "" : sample.group(2);
			return sample.group(1).equals(name) && labels.entrySet()
				.stream()
				.allMatch(label -> tags.contains(label.getKey() + "=\"" + label.getValue() + "\""));
		}).mapToDouble(sample -> Double.parseDouble(sample.group(3))).sum();
	}
}
