package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertRefused;

import io.staybook.test.IntegrationTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Anonymous callers reach over GraphQL exactly what REST lets them reach: registering, logging in, refreshing, and
 * reading listings, availability, reviews and public profiles (each shown in its module's tests). Every other
 * operation is UNAUTHORIZED, before anything is looked up: even for records that do not exist, an anonymous caller
 * learns nothing but that it must sign in.
 */
@IntegrationTest
class GraphQlAnonymousAccessIntegrationTests {

	static final String ID = UUID.randomUUID().toString();

	@LocalServerPort
	int port;

	GraphQlTesters graphQl;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
	}

	static Stream<Arguments> operationsThatNeedAnAccount() {
		String property = """
				{title: "T", description: "D", propertyType: HOUSE, address: "A", city: "C", country: "X",
				 latitude: 1.0, longitude: 2.0, pricePerNight: "10.00", maxGuests: 2}""";
		return Stream.of(Arguments.of("me", "{ me { id } }"),
				Arguments.of("booking", "{ booking(id: \"" + ID + "\") { id } }"),
				Arguments.of("bookings", "{ bookings { edges { cursor } } }"),
				Arguments.of("payment", "{ payment(id: \"" + ID + "\") { id } }"),
				Arguments.of("updateMe", "mutation { updateMe(input: {firstName: \"Eve\"}) { id } }"),
				Arguments.of("createProperty", "mutation { createProperty(input: " + property + ") { id } }"),
				Arguments.of("updateProperty",
						"mutation { updateProperty(id: \"" + ID + "\", input: {title: \"T\"}) { id } }"),
				Arguments.of("deleteProperty", "mutation { deleteProperty(id: \"" + ID + "\") }"),
				Arguments.of("createBooking", "mutation { createBooking(input: {propertyId: \"" + ID
						+ "\", checkIn: \"2030-01-01\", checkOut: \"2030-01-03\", guests: 1}) { id } }"),
				Arguments.of("updateBooking",
						"mutation { updateBooking(id: \"" + ID + "\", input: {guests: 2}) { id } }"),
				Arguments.of("cancelBooking", "mutation { cancelBooking(id: \"" + ID + "\") { id } }"),
				Arguments.of("checkIn", "mutation { checkIn(id: \"" + ID + "\") { id } }"),
				Arguments.of("checkOut", "mutation { checkOut(id: \"" + ID + "\") { id } }"),
				Arguments.of("createPayment", "mutation { createPayment(input: {bookingId: \"" + ID
						+ "\", paymentMethod: CARD, paymentToken: \"tok_visa\"}, idempotencyKey: \"k1\") { id } }"),
				Arguments.of("createReview", "mutation { createReview(input: {bookingId: \"" + ID
						+ "\", rating: 5, comment: \"Nice\"}) { id } }"),
				Arguments.of("updateReview",
						"mutation { updateReview(id: \"" + ID + "\", input: {rating: 4}) { id } }"),
				Arguments.of("deleteReview", "mutation { deleteReview(id: \"" + ID + "\") }"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operationsThatNeedAnAccount")
	void needsAnAccount(String field, String document) {
		assertRefused(graphQl.anonymous().document(document).execute(), field, "UNAUTHORIZED", "unauthorized");
	}
}
