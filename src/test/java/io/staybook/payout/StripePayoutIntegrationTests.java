package io.staybook.payout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.staybook.booking.BookingService;
import io.staybook.payment.stripe.StripePaymentProvider;
import io.staybook.payment.stripe.StripeSettings;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payout sweep with the Stripe provider against a local WireMock answering as Stripe's API does: a Connect
 * transfer to the host's recorded account, a refusal that fails the payout until it is tried again under a new
 * attempt key, an outage retried under the same key, and a host without an account. Its stays were paid through
 * Stripe: a sweep pays out only what its own provider took (V50).
 */
@IntegrationTest
class StripePayoutIntegrationTests {

	static final String TRANSFERS = "/v1/transfers";

	static WireMockServer stripe;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	BookingService bookings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	PayoutRows rows;

	@Autowired
	PayoutSettings settings;

	@Autowired
	PayoutDeductions deductions;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	PayoutSweep sandboxSweep;

	PayoutSweep sweep;

	PayoutStays stays;

	@BeforeAll
	static void startStripe() {
		stripe = new WireMockServer(wireMockConfig().dynamicPort());
		stripe.start();
	}

	@AfterAll
	static void stopStripe() {
		stripe.stop();
	}

	@BeforeEach
	void setUp() {
		stripe.resetAll();
		stays = new PayoutStays(api, accounts, listings, bookings, jdbc, clock);
		// what other tests' stays have due by then is paid by the sandbox first, so that this sweep makes only ours
		stays.payOutWhatOthersHaveDue(sandboxSweep);
		sweep = new PayoutSweep(rows, deductions, transactions, new StripePaymentProvider(
				new StripeSettings("sk_test_staybook", null, stripe.baseUrl(), Duration.ofSeconds(5))), settings, clock);
	}

	@AfterEach
	void resetTime() {
		clock.reset();
	}

	@Test
	void aRefusedTransferFailsThePayoutAndIsTriedAgainUnderANewKeyOnceFixed() {
		String paidId = "tr_" + java.util.UUID.randomUUID();
		Stay stay = stays.checkedInThrough("stripe");
		account(stay, "acct_1Gone");
		stripe.stubFor(post(TRANSFERS).willReturn(json(400, """
				{"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "destination",
				  "message": "No such destination: 'acct_1Gone'"}}""")));
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		String id = status(stay).get("id").toString();
		assertThat(status(stay)).containsEntry("status", "failed").containsEntry("failure_reason", "resource_missing");
		stripe.verify(1, postRequestedFor(urlEqualTo(TRANSFERS))
			.withHeader("Idempotency-Key", equalTo("payout-" + id + "-1"))
			.withFormParam("amount", equalTo("21898"))
			.withFormParam("currency", equalTo("usd"))
			.withFormParam("destination", equalTo("acct_1Gone"))
			.withFormParam("transfer_group", equalTo("booking_" + stay.bookingId()))
			.withFormParam("metadata[booking_id]", equalTo(stay.bookingId().toString())));

		// the operator records the right account; the payout waits for retry-failed-after, then is paid
		account(stay, "acct_1Host");
		stripe.stubFor(post(TRANSFERS).willReturn(json(200, """
				{"id": "%s", "object": "transfer", "amount": 21898, "currency": "usd",
				 "destination": "acct_1Host", "reversed": false, "metadata": {}}""".formatted(paidId))));
		sweep.sweep();
		assertThat(status(stay)).containsEntry("status", "failed");

		clock.advance(settings.retryFailedAfter().plusMinutes(1));
		sweep.sweep();

		assertThat(status(stay)).containsEntry("status", "paid")
			.containsEntry("provider_reference", paidId)
			.containsEntry("failure_reason", null);
		stripe.verify(1, postRequestedFor(urlEqualTo(TRANSFERS))
			.withHeader("Idempotency-Key", equalTo("payout-" + id + "-2"))
			.withFormParam("destination", equalTo("acct_1Host")));
		var seen = api.get("/api/v1/payouts/" + id).as(stay.host()).send();
		assertThat(seen.body().path("provider_reference").asString()).isEqualTo(paidId);
	}

	@Test
	void anOutageLeavesThePayoutPendingAndTheNextSweepAsksWithTheSameKey() {
		String afterId = "tr_" + java.util.UUID.randomUUID();
		Stay stay = stays.checkedInThrough("stripe");
		account(stay, "acct_1Host");
		stripe.stubFor(post(TRANSFERS).willReturn(json(500, """
				{"error": {"type": "api_error", "message": "An unknown error occurred."}}""")));
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();
		assertThat(status(stay)).containsEntry("status", "pending");

		stripe.stubFor(post(TRANSFERS).willReturn(json(200, """
				{"id": "%s", "object": "transfer", "amount": 21898, "currency": "usd",
				 "destination": "acct_1Host", "reversed": false, "metadata": {}}""".formatted(afterId))));
		sweep.sweep();

		String id = status(stay).get("id").toString();
		assertThat(status(stay)).containsEntry("status", "paid").containsEntry("provider_reference", afterId);
		stripe.verify(2, postRequestedFor(urlEqualTo(TRANSFERS))
			.withHeader("Idempotency-Key", equalTo("payout-" + id + "-1")));
	}

	/**
	 * A provider that stalls holds the sweep for one timeout, not one per payout of its batch (200 of 10 s each): the
	 * first payout it does not answer ends the batch, the others are released unasked, and the next sweep pays them
	 * all under their first keys.
	 */
	@Test
	void aStalledProviderHoldsTheSweepForOneTimeoutNotOnePerPayout() {
		Stay first = stays.checkedInThrough("stripe");
		Stay second = stays.checkedInThrough("stripe");
		account(first, "acct_1Host");
		account(second, "acct_1Host");
		// past the sweep's 5 s timeout
		stripe.stubFor(post(TRANSFERS).willReturn(json(200, "{}").withFixedDelay(8000)));
		stays.travelTo((first.due().isAfter(second.due()) ? first.due() : second.due()).plus(Duration.ofMinutes(1)));

		long start = System.nanoTime();
		sweep.sweep();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one timeout, not one per payout")
			.isLessThan(Duration.ofSeconds(9));
		stripe.verify(1, postRequestedFor(urlEqualTo(TRANSFERS)));
		assertThat(status(first)).containsEntry("status", "pending");
		assertThat(status(second)).containsEntry("status", "pending");

		stripe.resetAll();
		for (Stay stay : List.of(first, second)) {
			String id = status(stay).get("id").toString();
			stripe.stubFor(post(TRANSFERS).withHeader("Idempotency-Key", equalTo("payout-" + id + "-1"))
				.willReturn(json(200, """
						{"id": "tr_%s", "object": "transfer", "amount": 21898, "currency": "usd",
						 "destination": "acct_1Host", "reversed": false, "metadata": {}}""".formatted(id))));
		}
		sweep.sweep();
		assertThat(status(first)).containsEntry("status", "paid");
		assertThat(status(second)).containsEntry("status", "paid");
	}

	@Test
	void aHostWithoutAConnectedAccountIsNotPaidAndNothingIsSent() {
		Stay stay = stays.checkedInThrough("stripe");
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		assertThat(status(stay)).containsEntry("status", "failed").containsEntry("failure_reason", "no_payout_account");
		stripe.verify(0, postRequestedFor(urlEqualTo(TRANSFERS)));
	}

	private void account(Stay stay, String accountId) {
		jdbc.update("""
				insert into payout_accounts (host_id, provider, account_id, updated_at) values (?, 'stripe', ?, now())
				on conflict (host_id, provider) do update set account_id = excluded.account_id, updated_at = now()""",
				stay.host().id(), accountId);
	}

	private Map<String, Object> status(Stay stay) {
		return jdbc.queryForMap("""
				select id, status, failure_reason, provider_reference from payouts
				where booking_id = ? and provider = 'stripe'""", stay.bookingId());
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}
}
