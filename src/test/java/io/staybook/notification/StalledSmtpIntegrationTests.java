package io.staybook.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.booking.ReceivedMails;
import io.staybook.shared.health.PausableProxy;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.TestSmtp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An SMTP server that accepts connections and then answers nothing (a stopped process, a blackholed network): the SMTP
 * server (GreenMail) is reached through a {@link PausableProxy}, paused. The {@code send-mail} job must fail within
 * the mail timeouts and be retried (here the {@code account-token-mail} job, which sends as {@code send-mail} does),
 * not hold a scheduler thread for as long as the stall lasts (four such mails took
 * every thread, and with them every job of the node); health must answer at once and name mail as what is failing,
 * without taking the node out (every request works without SMTP); and once SMTP answers again the mail is delivered,
 * once.
 */
@IntegrationTest
@DirtiesContext
class StalledSmtpIntegrationTests {

	/** Far above the mail timeouts (a few seconds), far below "held until SMTP comes back". */
	private static final Duration NOT_A_HANG = Duration.ofSeconds(20);

	/** Time enough to send the mails a whole suite's earlier classes leave due. */
	private static final Duration BACKLOG_SENT = Duration.ofMinutes(3);

	private static PausableProxy proxy;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void smtpThroughTheProxy(DynamicPropertyRegistry registry) {
		proxy = new PausableProxy("127.0.0.1", TestSmtp.server().getSmtp().getPort());
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> String.valueOf(proxy.port()));
		registry.add("staybook.jobs.run", () -> "true");
		registry.add("staybook.jobs.first-retry-delay", () -> "200ms");
		registry.add("staybook.jobs.max-retries", () -> "20");
		registry.add("db-scheduler.polling-interval", () -> "200ms");
	}

	@AfterAll
	static void closeProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void aStalledSmtpServerFailsTheMailJobQuicklyAndTheMailIsSentOnceItAnswers() throws Exception {
		api.contract();
		// this node's scheduler starts free, as the test needs it: what earlier classes left on the shared database
		// (mail jobs of contexts that run none, due since) is sent first, while SMTP answers; left for the pause, that
		// backlog would stall in every thread, and this test's own job wait its turn past NOT_A_HANG
		await().atMost(BACKLOG_SENT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(mailsDue()).as("mail jobs due or running").isZero());
		proxy.pause();
		try {
			// registering mails a verification link, by a send-mail job
			Accounts.TestUser guest = accounts.guest();
			String key = jdbc.sql("select id::text from account_tokens where user_id = ?").param(guest.id())
				.query(String.class)
				.single();

			await().atMost(NOT_A_HANG)
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(failures(key)).as("the send-mail job failed and waits for its retry")
					.isPositive());

			long start = System.nanoTime();
			Api.Response health = CompletableFuture.supplyAsync(() -> api.get("/actuator/health").as(accounts.admin()).send())
				.get(NOT_A_HANG.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("health answered: " + health)
				.isLessThan(Duration.ofSeconds(5));
			assertThat(health.status()).as("SMTP does not take the node out: " + health).isEqualTo(200);
			assertThat(health.body().path("components").path("mail").path("status").asString())
				.as("what is failing is named: " + health)
				.isEqualTo("DEGRADED");
			assertThat(ReceivedMails.to(guest.email())).isEmpty();

			proxy.resume();
			await().atMost(NOT_A_HANG)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !ReceivedMails.to(guest.email()).isEmpty());
			await().atMost(NOT_A_HANG).pollInterval(Duration.ofMillis(200)).until(() -> pending(key) == 0);
			assertThat(ReceivedMails.to(guest.email())).as("sent once").hasSize(1);
			assertThat(api.get("/actuator/health").as(accounts.admin()).send().body().path("components").path("mail")
				.path("status")
				.asString()).isEqualTo("UP");
		}
		finally {
			proxy.resume();
		}
	}

	/** Mail jobs (send-mail, booking-mail, account-token-mail, password-reset-mail) due now or running. */
	private int mailsDue() {
		return jdbc.sql("""
				select count(*) from scheduled_tasks
				where task_name like '%-mail' and (picked or execution_time <= now())""").query(Integer.class).single();
	}

	private int failures(String instance) {
		return jdbc.sql("""
				select coalesce(max(consecutive_failures), 0) from scheduled_tasks
				where task_name = 'account-token-mail' and task_instance = ?""").param(instance).query(Integer.class).single();
	}

	private int pending(String instance) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'account-token-mail' and task_instance = ?")
			.param(instance)
			.query(Integer.class)
			.single();
	}
}
