package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The GraphQL twins of request to book: {@code Property.instantBook} (createProperty, updateProperty), the statuses
 * {@code REQUESTED} and {@code DECLINED} with {@code declineReason}, and the mutations {@code approveBooking} and
 * {@code declineBooking} with the REST rules (host or admin; the guest FORBIDDEN, others NOT_FOUND; CONFLICT out of
 * turn or past the deadline).
 */
@IntegrationTest
class RequestToBookGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String FIELDS = "id status expiresAt declineReason";

	static final String APPROVE = "mutation($id: ID!, $key: String) { approveBooking(id: $id, idempotencyKey: $key) { "
			+ FIELDS + " } }";

	static final String DECLINE = "mutation($id: ID!, $reason: String) { declineBooking(id: $id, reason: $reason) { "
			+ FIELDS + " } }";

	static final String PROPERTY = "query($id: ID!) { property(id: $id) { id instantBook } }";

	static final String LIST = """
			query($as: BookingScope, $status: BookingStatus) {
			  bookings(as: $as, status: $status) { edges { node { id status declineReason } } }
			}""";

	private Listing requestListing() {
		return trips.listing(accounts.host(), Map.of("instant_book", false));
	}

	private Trip requested(Listing listing) {
		return trips.booked(listing, accounts.guest(), trips.today().plusDays(10), 2);
	}

	@Test
	void instantBookIsReadAndWrittenThroughGraphQl() {
		TestUser host = accounts.host();
		Map<String, Object> input = Map.of("title", "Loft", "description", "Quiet", "propertyType", "APARTMENT",
				"address", "1 Street", "city", "GraphQl-" + UUID.randomUUID(), "country", "Testland", "latitude", 1.0,
				"longitude", 2.0, "pricePerNight", "100.00", "maxGuests", 2);
		Map<String, Object> created = graphQl.as(host)
			.document("mutation($input: PropertyInput!) { createProperty(input: $input) { id instantBook } }")
			.variable("input", new java.util.HashMap<>(input) {
				{
					put("instantBook", false);
				}
			})
			.execute()
			.path("createProperty")
			.entity(MAP)
			.get();
		assertThat(created).containsEntry("instantBook", false);

		Map<String, Object> updated = graphQl.as(host)
			.document("mutation($id: ID!) { updateProperty(id: $id, input: {instantBook: true}) { id instantBook } }")
			.variable("id", created.get("id"))
			.execute()
			.path("updateProperty")
			.entity(MAP)
			.get();

		assertThat(updated).containsEntry("instantBook", true);
		assertThat(graphQl.anonymous().document(PROPERTY).variable("id", created.get("id")).execute()
			.path("property.instantBook").entity(Boolean.class).get()).isTrue();
	}

	@Test
	void theHostApprovesARequest() {
		Listing listing = requestListing();
		Trip trip = requested(listing);

		Map<String, Object> approved = graphQl.as(listing.host())
			.document(APPROVE)
			.variable("id", trip.bookingId())
			.execute()
			.path("approveBooking")
			.entity(MAP)
			.get();

		assertThat(approved).containsEntry("status", "PENDING_PAYMENT").containsEntry("declineReason", null);
	}

	@Test
	void anAdminDeclinesARequestWithAReason() {
		Trip trip = requested(requestListing());

		Map<String, Object> declined = graphQl.as(accounts.admin())
			.document(DECLINE)
			.variable("id", trip.bookingId())
			.variable("reason", "Overbooked")
			.execute()
			.path("declineBooking")
			.entity(MAP)
			.get();

		assertThat(declined).containsEntry("status", "DECLINED").containsEntry("declineReason", "Overbooked");
		List<Map<String, Object>> listed = graphQl.as(trip.guest())
			.document(LIST)
			.variable("status", "DECLINED")
			.execute()
			.path("bookings.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(listed).extracting(node -> node.get("id")).containsExactly(trip.bookingId().toString());
	}

	@Test
	void theGuestIsForbiddenAStrangerFindsNothingAndOutOfTurnIsAConflict() {
		Listing listing = requestListing();
		Trip trip = requested(listing);

		assertRefused(graphQl.as(trip.guest()).document(APPROVE).variable("id", trip.bookingId()).execute(),
				"approveBooking", "FORBIDDEN", "host_only");
		assertRefused(graphQl.as(accounts.host()).document(DECLINE).variable("id", trip.bookingId()).execute(),
				"declineBooking", "NOT_FOUND", null);
		graphQl.as(listing.host()).document(DECLINE).variable("id", trip.bookingId()).execute().path("declineBooking").hasValue();
		assertRefused(graphQl.as(listing.host()).document(APPROVE).variable("id", trip.bookingId()).execute(),
				"approveBooking", "CONFLICT", "illegal_status_change");
		assertRefused(graphQl.as(listing.host()).document(DECLINE)
			.variable("id", requested(listing).bookingId())
			.variable("reason", "x".repeat(1001))
			.execute(), "declineBooking", "BAD_REQUEST", "validation_failed");
	}

	@Test
	void pastItsDeadlineARequestCannotBeApproved() {
		Listing listing = requestListing();
		Trip trip = requested(listing);
		clock.advance(Duration.ofHours(24).plusMinutes(1));
		// a token issued before the jump has expired by the service's clock
		TestUser host = accounts.login(listing.host().email(), listing.host().password());

		assertRefused(graphQl.as(host).document(APPROVE).variable("id", trip.bookingId()).execute(),
				"approveBooking", "CONFLICT", "request_expired");
	}
}
