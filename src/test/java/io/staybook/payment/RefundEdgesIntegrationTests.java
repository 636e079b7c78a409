package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Refunds that a provider tells of and refunds a cancellation decides, when they meet: what is refunded never exceeds
 * what was paid, a valid cancellation is never refused for it, and a provider's amount is never rounded into another.
 */
@IntegrationTest
class RefundEdgesIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PaymentService payments;

	PaymentFixtures fixtures;

	/** Every response of the test, to show that none was a server error. */
	final List<Api.Response> responses = new ArrayList<>();

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void noServerErrorAndResetClock() {
		clock.reset();
		assertThat(responses).as("no 5xx anywhere").allMatch(r -> r.status() < 500, "status < 500");
	}

	/**
	 * The provider's refund of the whole payment (its dashboard, told by a webhook) is being recorded when the host
	 * cancels: the cancellation waits for it and refunds only what is left (nothing), instead of deciding a refund
	 * from a sum read before that one committed and being refused by the database (a 400 to a valid request).
	 */
	@Test
	void aCancellationWhileAProviderRefundIsRecordedRefundsOnlyWhatIsLeft() throws Exception {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);

		CompletableFuture<Api.Response> cancel;
		try (Connection webhook = dataSource.getConnection()) {
			webhook.setAutoCommit(false);
			// what recordRefund does: the payment's row, then a provider refund of all of it
			try (PreparedStatement lock = webhook.prepareStatement(
					"select 1 from payments where id = ? for no key update")) {
				lock.setObject(1, payment);
				lock.executeQuery().close();
			}
			try (PreparedStatement refund = webhook.prepareStatement("""
					insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
					                     idempotency_key, provider_reference, created_at, updated_at)
					select ?, id, booking_id, amount, currency, 'provider', 'succeeded', provider, ?, ?, now(), now()
					from payments where id = ?""")) {
				UUID id = UUID.randomUUID();
				refund.setObject(1, id);
				refund.setString(2, "refund-" + id);
				refund.setString(3, "re_dashboard_" + id);
				refund.setObject(4, payment);
				assertThat(refund.executeUpdate()).isEqualTo(1);
			}
			int pid = pid(webhook);

			cancel = CompletableFuture.supplyAsync(() -> fixtures.cancel(stay.host(), stay.bookingId()));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> jdbc.queryForObject(
						"select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Integer.class,
						pid) > 0);
			assertThat(cancel).isNotDone();
			webhook.commit();
		}
		Api.Response cancelled = cancel.get(30, TimeUnit.SECONDS);
		responses.add(cancelled);

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("status").asString()).isEqualTo("cancelled");
		assertThat(notFailedRefunds(payment)).isEqualByComparingTo(stay.total());
		JsonNode after = fixtures.payment(stay.guest(), payment);
		assertThat(after.path("status").asString()).isEqualTo("refunded");
		assertThat(after.path("refunded_amount").asString()).isEqualTo(after.path("amount").asString());
	}

	/**
	 * The host and the guest cancel while the provider tells of growing refund totals, all at once: one cancel wins,
	 * nothing is a server error or refused as a broken rule, and the refunds that have not failed never exceed the
	 * payment, whose refunded amount is the sum of those that succeeded.
	 */
	@Test
	void cancelsAndProviderRefundEventsAtOnceNeverRefundMoreThanWasPaid() throws Exception {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);
		int events = 6;

		List<Api.Response> answers = Concurrently.send(events + 2, i -> switch (i) {
			case 0 -> fixtures.cancel(stay.host(), stay.bookingId());
			case 1 -> fixtures.cancel(stay.guest(), stay.bookingId());
			default -> deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
					",\"amount\":\"" + (i - 1) * 40 + ".00\""));
		});
		responses.addAll(answers);

		assertThat(answers.subList(0, 2).stream().map(Api.Response::status).sorted().toList())
			.as(answers.subList(0, 2).toString())
			.containsExactly(200, 409);
		assertThat(answers.subList(2, events + 2)).allMatch(r -> r.status() == 200, "events acknowledged");
		assertThat(notFailedRefunds(payment)).isLessThanOrEqualTo(stay.total());
		assertThat(new BigDecimal(fixtures.payment(stay.guest(), payment).path("refunded_amount").asString()))
			.isEqualByComparingTo(jdbc.queryForObject(
					"select coalesce(sum(amount), 0) from refunds where payment_id = ? and status = 'succeeded'",
					BigDecimal.class, payment));
	}

	/**
	 * Money has two fraction digits: a provider's refund total with more (a fraction of a cent) is not a valid event.
	 * It is refused with a 400 and changes nothing, rather than being rounded by the column into a refund the provider
	 * never made (99.999 of a 100.00 payment recorded as all of it) or refused by it as a refund of zero.
	 */
	@Test
	void aRefundTotalWithFractionsOfACentIsA400AndChangesNothing() {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);
		JsonNode before = fixtures.payment(stay.guest(), payment);
		BigDecimal almostAll = stay.total().subtract(new BigDecimal("0.001"));

		var almostAllOfIt = deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.refunded",
				payment, ",\"amount\":\"" + almostAll.toPlainString() + "\""));
		var aTenthOfACent = deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.refunded",
				payment, ",\"amount\":\"0.001\""));

		for (var refused : List.of(almostAllOfIt, aTenthOfACent)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(fixtures.payment(stay.guest(), payment)).isEqualTo(before);
		assertThat(PaymentFixtures.refunds(jdbc, payment)).isEmpty();
	}

	/** Trailing zeros are still two fraction digits' worth: "10.000" is 10.00. */
	@Test
	void aRefundTotalWithTrailingZerosIsTheSameAmount() {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);

		var response = deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"10.000\""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(fixtures.payment(stay.guest(), payment).path("refunded_amount").asString()).isEqualTo("10.00");
	}

	/**
	 * Stripe's {@code charge.refunded} for a charge without a PaymentIntent (one made outside Staybook on the same
	 * account) names no payment of ours: its currency is looked up by a null reference, which must find nothing rather
	 * than every payment without a reference yet (pending or failed ones: more than one is a server error, and Stripe
	 * retries a 500 for days).
	 */
	@Test
	void aRefundEventWithoutAProviderReferenceFindsNoPaymentsCurrency() {
		PaymentFixtures.insertPendingPayment(jdbc, fixtures.stay(), clock);
		PaymentFixtures.insertPayment(jdbc, fixtures.stay(), "failed", null, clock);

		assertThat(payments.currencyOf(null)).isEmpty();
	}

	/**
	 * An event moves only payments made with the provider that sent it: a sandbox-signed event (its secret left set
	 * after Stripe was selected, say) must not complete, fail or refund a Stripe payment, nor confirm its booking.
	 */
	@Test
	void aSandboxEventNeverMovesAPaymentOfAnotherProvider() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPayment(jdbc, stay, "pending", null, "stripe", clock);
		JsonNode before = fixtures.payment(stay.guest(), payment);

		var succeeded = deliver(
				WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, ""));
		var failed = deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.failed", payment, ""));

		assertThat(List.of(succeeded, failed)).allMatch(r -> r.status() == 200, "200: acknowledged, ignored");
		assertThat(fixtures.payment(stay.guest(), payment)).isEqualTo(before);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
	}

	private BigDecimal notFailedRefunds(UUID payment) {
		return jdbc.queryForObject("select coalesce(sum(amount), 0) from refunds where payment_id = ? and status <> 'failed'",
				BigDecimal.class, payment);
	}

	/** A pending payment of the stay (without its job), completed by a signed event: the booking is confirmed. */
	private UUID completedByEvent(Stay stay) {
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		var succeeded = deliver(
				WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, ""));
		assertThat(succeeded.status()).as(succeeded.toString()).isEqualTo(200);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		return payment;
	}

	private Api.Response deliver(String body) {
		Api.Response response = fixtures.sandboxEvent(body);
		responses.add(response);
		return response;
	}

	private static int pid(Connection connection) throws java.sql.SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}
}
