package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertRefused;

import io.staybook.graphql.Trips.Trip;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import io.staybook.test.IntegrationTest;

/**
 * The removal rules over GraphQL: {@code deleteProperty}, by the host or an admin, cancels the listing's holds exactly
 * as the REST delete does (one service method behind both), so that the hold can no longer be paid or booked again.
 * There is no GraphQL mutation that deletes an account.
 */
@IntegrationTest
class RemovalGraphQlIntegrationTests extends GraphQlOperationTests {

	static final String DELETE = "mutation($id: ID!) { deleteProperty(id: $id) }";

	static final String BOOKING = "query($id: ID!) { booking(id: $id) { id status } }";

	static final String PAY = """
			mutation($input: CreatePaymentInput!, $key: String!) {
			  createPayment(input: $input, idempotencyKey: $key) { id status }
			}""";

	@Test
	void deletePropertyByTheHostCancelsTheHoldsWhichCanNoLongerBePaid() {
		Trip trip = trips.booked();

		graphQl.as(trip.host()).document(DELETE).variable("id", trip.propertyId()).execute()
			.path("deleteProperty").entity(Boolean.class).isEqualTo(true);

		graphQl.as(trip.guest()).document(BOOKING).variable("id", trip.bookingId()).execute()
			.path("booking.status").entity(String.class).isEqualTo("CANCELLED");
		assertRefused(graphQl.as(trip.guest())
			.document(PAY)
			.variable("input", Map.of("bookingId", trip.bookingId().toString(), "paymentMethod", "CARD",
					"paymentToken", "tok_visa"))
			.variable("key", UUID.randomUUID().toString())
			.execute(), "createPayment", "CONFLICT", "booking_not_payable");
	}

	@Test
	void deletePropertyByAnAdminCancelsTheHoldsToo() {
		Trip trip = trips.booked();

		graphQl.as(accounts.admin()).document(DELETE).variable("id", trip.propertyId()).execute()
			.path("deleteProperty").entity(Boolean.class).isEqualTo(true);

		graphQl.as(trip.host()).document(BOOKING).variable("id", trip.bookingId()).execute()
			.path("booking.status").entity(String.class).isEqualTo("CANCELLED");
	}
}
