package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment operations of the GraphQL API, per role: createPayment with its idempotency key, and payment. The
 * charge itself is a background job, which this context schedules but does not run: payments stay pending here.
 */
@IntegrationTest
class PaymentGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String PAYMENT_FIELDS = """
			id bookingId amount currency paymentMethod status refundedAmount failureReason provider providerReference
			createdAt updatedAt""";

	static final String CREATE = """
			mutation($input: CreatePaymentInput!, $key: String!) {
			  createPayment(input: $input, idempotencyKey: $key) { %s }
			}""".formatted(PAYMENT_FIELDS);

	static final String PAYMENT = "query($id: ID!) { payment(id: $id) { " + PAYMENT_FIELDS + " } }";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theGuestPaysTheBookingsTotalAndThePaymentIsPending() {
		Trip trip = trips.booked();

		Map<String, Object> payment = pay(trip.guest(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString())
			.path("createPayment")
			.entity(MAP)
			.get();

		assertThat(UUID.fromString((String) payment.get("id")).version()).isEqualTo(7);
		assertThat(payment).containsEntry("bookingId", trip.bookingId().toString())
			.containsEntry("amount", "264.00")
			.containsEntry("currency", "USD")
			.containsEntry("paymentMethod", "CARD")
			.containsEntry("status", "PENDING")
			.containsEntry("refundedAmount", "0.00")
			.containsEntry("failureReason", null)
			.containsEntry("provider", "sandbox");
		assertThat(paymentRows(trip)).isEqualTo(1);
	}

	@Test
	void aRepeatWithTheSameKeyAndInputAnswersTheFirstPaymentAndChargesNothingMore() {
		Trip trip = trips.booked();
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = pay(trip.guest(), input(trip, "PAYPAL", "tok_visa"), key).path("createPayment")
			.entity(MAP)
			.get();
		Map<String, Object> repeat = pay(trip.guest(), input(trip, "PAYPAL", "tok_visa"), key).path("createPayment")
			.entity(MAP)
			.get();

		assertThat(repeat).isEqualTo(first);
		assertThat(paymentRows(trip)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherInputIsABadRequest() {
		Trip trip = trips.booked();
		String key = UUID.randomUUID().toString();
		pay(trip.guest(), input(trip, "CARD", "tok_visa"), key).path("createPayment.id").hasValue();

		assertRefused(pay(trip.guest(), input(trip, "BANK_TRANSFER", "tok_visa"), key), "createPayment",
				"BAD_REQUEST", "idempotency_key_reused");
		assertThat(paymentRows(trip)).isEqualTo(1);
	}

	@Test
	void aSecondPaymentWhileTheFirstIsPendingIsAConflict() {
		Trip trip = trips.booked();
		pay(trip.guest(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString()).path("createPayment.id")
			.hasValue();

		assertRefused(pay(trip.guest(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString()),
				"createPayment", "CONFLICT", "payment_in_progress");
		assertThat(paymentRows(trip)).isEqualTo(1);
	}

	@Test
	void onlyTheGuestPaysAndOnlyAnUnpaidBooking() {
		Trip trip = trips.booked();
		Trip paid = trips.confirmed();

		assertRefused(pay(trip.host(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString()),
				"createPayment", "FORBIDDEN", "guest_only");
		assertRefused(pay(accounts.guest(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString()),
				"createPayment", "NOT_FOUND", "not_found");
		assertRefused(graphQl.anonymous()
			.document(CREATE)
			.variable("input", input(trip, "CARD", "tok_visa"))
			.variable("key", UUID.randomUUID().toString())
			.execute(), "createPayment", "UNAUTHORIZED", "unauthorized");
		assertRefused(pay(paid.guest(), input(paid, "CARD", "tok_visa"), UUID.randomUUID().toString()),
				"createPayment", "CONFLICT", "booking_not_payable");
		assertThat(paymentRows(trip)).isZero();
	}

	@Test
	void aBadKeyOrInputIsABadRequest() {
		Trip trip = trips.booked();

		// a key sent empty or blank is an invalid key, not a missing one (it was idempotency_key_required)
		for (String blank : List.of("", " ")) {
			assertRefused(pay(trip.guest(), input(trip, "CARD", "tok_visa"), blank), "createPayment", "BAD_REQUEST",
					"invalid_idempotency_key");
		}
		// a key sent but too long is an invalid key, as on every other mutation; the message names the argument
		ResponseError tooLong = assertRefused(pay(trip.guest(), input(trip, "CARD", "tok_visa"), "k".repeat(256)),
				"createPayment", "BAD_REQUEST", "invalid_idempotency_key");
		assertThat(tooLong.getMessage()).contains("idempotencyKey").doesNotContain("Idempotency-Key");
		assertInvalid(pay(trip.guest(), input(trip, "CARD", " "), UUID.randomUUID().toString()), "createPayment",
				"paymentToken");
		assertThat(paymentRows(trip)).isZero();
	}

	@Test
	void theGuestTheHostAndAdminsReadAPaymentAndNobodyElse() {
		Trip trip = trips.booked();
		String id = pay(trip.guest(), input(trip, "CARD", "tok_visa"), UUID.randomUUID().toString())
			.path("createPayment.id")
			.entity(String.class)
			.get();

		for (TestUser viewer : new TestUser[] { trip.guest(), trip.host(), accounts.admin() }) {
			graphQl.as(viewer).document(PAYMENT).variable("id", id).execute().path("payment").entity(MAP)
				.satisfies(p -> assertThat(p).containsEntry("id", id)
					.containsEntry("bookingId", trip.bookingId().toString())
					.containsEntry("status", "PENDING"));
		}
		for (TestUser stranger : new TestUser[] { accounts.guest(), accounts.host() }) {
			var response = graphQl.as(stranger).document(PAYMENT).variable("id", id).execute();
			assertRefused(response, "payment", "NOT_FOUND", "not_found");
			response.path("payment").valueIsNull();
		}
		assertRefused(graphQl.anonymous().document(PAYMENT).variable("id", id).execute(), "payment", "UNAUTHORIZED",
				"unauthorized");
		assertRefused(graphQl.as(trip.guest()).document(PAYMENT).variable("id", UUID.randomUUID()).execute(),
				"payment", "NOT_FOUND", "not_found");
	}

	private GraphQlTester.Response pay(TestUser as, Map<String, Object> input, String key) {
		return graphQl.as(as).document(CREATE).variable("input", input).variable("key", key).execute();
	}

	private int paymentRows(Trip trip) {
		return jdbc.queryForObject("select count(*) from payments where booking_id = ?", Integer.class,
				trip.bookingId());
	}

	private static Map<String, Object> input(Trip trip, String method, String token) {
		return Map.of("bookingId", trip.bookingId().toString(), "paymentMethod", method, "paymentToken", token);
	}
}
