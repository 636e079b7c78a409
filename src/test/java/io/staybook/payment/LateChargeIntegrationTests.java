package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A provider's success that arrives after we recorded the payment as failed (a charge given up after timeouts, then
 * the provider's webhook): the money was taken, so it is either the booking's payment, if the booking still awaits it
 * and its hold lasts, or a surplus charge given back in full. Never money kept for a booking left unconfirmed, and
 * never two payments for one booking, whatever the order of the answers.
 */
@JobsTest
class LateChargeIntegrationTests {

	static final String SECRET = WebhookIntegrationTests.SECRET;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	PaymentService payments;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		sandbox.loseNextResponses(0);
		sandbox.beUnreachableFor(0);
		clock.reset();
	}

	/**
	 * Every answer of the provider is lost: the charge is given up as failed ({@code provider_unavailable}), though the
	 * provider took the money. Its webhook then says so, while the hold still lasts: the booking is confirmed with that
	 * payment, and nothing is refunded. Before, the event found the payment failed and changed nothing: the guest paid
	 * for a booking that then expired.
	 */
	@Test
	void aSuccessAfterTheChargeWasGivenUpConfirmsTheBookingWhileItsHoldLasts() {
		Stay stay = fixtures.stay();
		int refundsBefore = sandbox.refundsMade();
		sandbox.loseNextResponses(1_000);
		UUID payment = fixtures.payCreated(stay, "tok_visa");
		JsonNode failed = fixtures.awaitPayment(stay.guest(), payment, "failed");
		sandbox.loseNextResponses(0);
		assertThat(failed.path("failure_reason").asString()).isEqualTo("provider_unavailable");

		var response = deliver(WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.succeeded", payment,
				""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode completed = fixtures.payment(stay.guest(), payment);
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		assertThat(completed.path("failure_reason").isNull()).isTrue();
		assertThat(completed.path("provider_reference").asString()).isNotBlank();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore));
	}

	/**
	 * The charge was given up, the hold's time ran out and the booking expired; then the provider's success arrives:
	 * the dates are no longer the guest's, so the money is given back in full.
	 */
	@Test
	void aSuccessAfterTheHoldExpiredIsRefunded() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
		clock.advance(Duration.ofMinutes(16));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("expired"));
		int refundsBefore = sandbox.refundsMade();

		payments.apply("sandbox", PaymentFixtures.succeeded(payment));

		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.total().toPlainString());
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1));
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("expired");
	}

	/**
	 * The guest paid again after the first attempt failed, and that second payment confirmed the booking; then the
	 * first one's success arrives. It is a second charge for one booking: recorded and given back in full, while the
	 * booking keeps its payment, and a later cancellation refunds that payment (not the surplus one). Before, the event
	 * was dropped and the second charge kept.
	 */
	@Test
	void aSuccessAfterAnotherPaymentPaidIsASurplusChargeGivenBack() {
		Stay stay = fixtures.stay();
		UUID first = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
		UUID second = UUID.fromString(fixtures.paid(stay).path("id").asString());

		payments.apply("sandbox", PaymentFixtures.succeeded(first));

		JsonNode surplus = fixtures.awaitPayment(stay.guest(), first, "refunded");
		assertThat(surplus.path("refunded_amount").asString()).isEqualTo(stay.total().toPlainString());
		assertThat(fixtures.payment(stay.guest(), second).path("status").asString()).isEqualTo("completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		assertThat(bookingPayment(stay)).isEqualTo(second);

		var cancelled = fixtures.cancel(stay.host(), stay.bookingId());

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		JsonNode refunded = fixtures.awaitPayment(stay.guest(), second, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.total().toPlainString());
		assertThat(PaymentFixtures.refunds(jdbc, first)).hasSize(1);
	}

	/**
	 * The booking was repriced (its dates changed) after its first payment failed; then that payment's success
	 * arrives for the old amount. The booking does not owe it: it is given back, and the booking can still be paid at
	 * its new price, and changed, since the surplus charge is not its payment.
	 */
	@Test
	void aSuccessForAnOldPriceIsGivenBackAndTheBookingStaysPayable() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
		String longer = LocalDate.parse(stay.booking().path("check_out").asString()).plusDays(1).toString();
		var changed = api.patch("/api/v1/bookings/" + stay.bookingId(), Map.of("check_out", longer))
			.as(stay.guest())
			.send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

		payments.apply("sandbox", PaymentFixtures.succeeded(payment));

		fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
		var again = api.patch("/api/v1/bookings/" + stay.bookingId(), Map.of("guests", 1))
			.as(stay.guest())
			.send();
		assertThat(again.status()).as("a surplus charge does not freeze the booking: " + again).isEqualTo(200);
		UUID paid = UUID.fromString(fixtures.paid(stay).path("id").asString());
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		assertThat(bookingPayment(stay)).isEqualTo(paid);
	}

	/**
	 * Two failed attempts of one booking both turn out to have succeeded, and their events arrive at the same moment:
	 * exactly one pays for the booking, the other is given back, and neither event fails.
	 */
	@Test
	void twoLateSuccessesAtOnceConfirmOnceAndGiveTheOtherBack() throws Exception {
		for (int round = 0; round < 3; round++) {
			Stay stay = fixtures.stay();
			UUID first = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
			UUID second = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> done = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
				for (UUID payment : List.of(first, second)) {
					done.add(pool.submit(() -> {
						start.await();
						payments.apply("sandbox", PaymentFixtures.succeeded(payment));
						return null;
					}));
				}
				start.countDown();
				for (Future<?> each : done) {
					each.get();
				}
			}

			await().atMost(PaymentFixtures.PATIENCE)
				.untilAsserted(() -> assertThat(statuses(stay)).containsExactlyInAnyOrder("completed", "refunded"));
			assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("confirmed");
			assertThat(jdbc.queryForObject("select count(*) from payments where booking_id = ? and not surplus"
					+ " and status <> 'failed'", Integer.class, stay.bookingId())).isEqualTo(1);
		}
	}

	/**
	 * The host cancels at the moment a failed payment's late success arrives: whichever comes first, the booking ends
	 * cancelled and the guest gets every cent back (as a surplus charge, or as the host's full cancellation refund).
	 */
	@Test
	void aCancelRacingALateSuccessGivesEverythingBack() throws Exception {
		for (int round = 0; round < 3; round++) {
			Stay stay = fixtures.stay();
			UUID payment = PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
			CountDownLatch start = new CountDownLatch(1);
			try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
				Future<?> success = pool.submit(() -> {
					start.await();
					payments.apply("sandbox", PaymentFixtures.succeeded(payment));
					return null;
				});
				Future<Api.Response> cancel = pool.submit(() -> {
					start.await();
					return fixtures.cancel(stay.host(), stay.bookingId());
				});
				start.countDown();
				success.get();
				assertThat(cancel.get().status()).as(cancel.get().toString()).isEqualTo(200);
			}

			JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
			assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.total().toPlainString());
			assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("cancelled");
		}
	}

	/**
	 * The reconciliation asks the provider about a payment we recorded as declined, and the provider holds the whole
	 * charge: it is recorded as the success it was (here the hold lasts: the booking is confirmed).
	 */
	@Test
	void theReconciliationRecordsAChargeTheProviderTookForAFailedPayment() {
		Stay stay = fixtures.stay();
		String reference = sandbox.charge("charge-" + UUID.randomUUID(), stay.total(), "USD", "tok_visa").reference();
		UUID payment = PaymentFixtures.insertPayment(jdbc, stay, "failed", reference, clock);

		var run = api.get("/api/v1/admin/reconciliation?refresh=true").as(accounts.admin()).send();

		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		JsonNode completed = fixtures.payment(stay.guest(), payment);
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		assertThat(completed.path("provider_reference").asString()).isEqualTo(reference);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	/**
	 * Every answer of the provider is lost, the charge is given up as failed without ever learning the provider's
	 * reference, and the provider's webhook never comes: the reconciliation asks the provider by the charge's key and
	 * records the charge it finds. Before, it asked only about payments with a reference, and the guest stayed charged
	 * for a booking that then expired.
	 */
	@Test
	void theReconciliationFindsAChargeGivenUpWithoutItsReferenceByItsKey() {
		Stay stay = fixtures.stay();
		sandbox.loseNextResponses(1_000);
		UUID payment = fixtures.payCreated(stay, "tok_visa");
		JsonNode failed = fixtures.awaitPayment(stay.guest(), payment, "failed");
		sandbox.loseNextResponses(0);
		assertThat(failed.path("provider_reference").isNull()).as(failed.toString()).isTrue();

		var run = api.get("/api/v1/admin/reconciliation?refresh=true").as(accounts.admin()).send();

		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		JsonNode completed = fixtures.payment(stay.guest(), payment);
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		assertThat(completed.path("provider_reference").asString()).isNotBlank();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	/** A charge given up while the provider was down made nothing there: the reconciliation leaves it failed. */
	@Test
	void theReconciliationLeavesAChargeGivenUpDuringAnOutageFailed() {
		Stay stay = fixtures.stay();
		sandbox.beUnreachableFor(1_000);
		UUID payment = fixtures.payCreated(stay, "tok_visa");
		fixtures.awaitPayment(stay.guest(), payment, "failed");
		sandbox.beUnreachableFor(0);

		var run = api.get("/api/v1/admin/reconciliation?refresh=true").as(accounts.admin()).send();

		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("failed");
		assertThat(run.body().toString()).doesNotContain(payment.toString());
	}

	private List<String> statuses(Stay stay) {
		return jdbc.queryForList("select status from payments where booking_id = ?", String.class, stay.bookingId());
	}

	/** The payment a booking shows (GraphQL's {@code Booking.payment}): its own, not a surplus charge. */
	private UUID bookingPayment(Stay stay) {
		return payments.forBookings(List.of(stay.bookingId())).get(stay.bookingId()).id();
	}

	private Api.Response deliver(String body) {
		return api.post("/api/v1/payments/webhooks/sandbox", null)
			.raw(body)
			.header("Content-Type", "application/json")
			.header("Staybook-Signature", WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body))
			.send();
	}
}
