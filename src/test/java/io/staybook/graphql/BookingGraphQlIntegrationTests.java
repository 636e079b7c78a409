package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The booking operations of the GraphQL API, per role: createBooking, booking, bookings, updateBooking, cancelBooking,
 * checkIn and checkOut, and a booking's nested property, guest and payment.
 */
@IntegrationTest
class BookingGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String BOOKING_FIELDS = """
			id propertyId guestId checkIn checkOut guests nights pricePerNight cleaningFee serviceFee totalPrice
			currency cancellationPolicy status expiresAt cancelledAt refundAmount createdAt updatedAt""";

	static final String CREATE = "mutation($input: CreateBookingInput!) { createBooking(input: $input) { "
			+ BOOKING_FIELDS + " } }";

	static final String BOOKING = "query($id: ID!) { booking(id: $id) { " + BOOKING_FIELDS + " } }";

	static final String NESTED = """
			query($id: ID!) {
			  booking(id: $id) {
			    id
			    property { id title host { id firstName } }
			    guest { id firstName }
			    payment { id bookingId status amount currency paymentMethod }
			  }
			}""";

	static final String LIST = """
			query($as: BookingScope, $status: BookingStatus, $first: Int, $after: String) {
			  bookings(as: $as, status: $status, first: $first, after: $after) {
			    edges { cursor node { id status property { id } guest { id } } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	static final String UPDATE = "mutation($id: ID!, $input: UpdateBookingInput!) { updateBooking(id: $id, input: "
			+ "$input) { " + BOOKING_FIELDS + " } }";

	static final String CANCEL = "mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { "
			+ BOOKING_FIELDS + " } }";

	static final String CHECK_IN = "mutation($id: ID!) { checkIn(id: $id) { id status } }";

	static final String CHECK_OUT = "mutation($id: ID!) { checkOut(id: $id) { id status } }";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	// createBooking

	@Test
	void aGuestBooksAndIsHeldUntilPayment() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(20);

		Map<String, Object> booking = create(guest, input(listing.id(), checkIn, checkIn.plusDays(2), 2))
			.path("createBooking")
			.entity(MAP)
			.get();

		assertThat(UUID.fromString((String) booking.get("id")).version()).isEqualTo(7);
		assertThat(booking).containsEntry("propertyId", listing.id().toString())
			.containsEntry("guestId", guest.id().toString())
			.containsEntry("checkIn", checkIn.toString())
			.containsEntry("checkOut", checkIn.plusDays(2).toString())
			.containsEntry("guests", 2)
			.containsEntry("nights", 2)
			.containsEntry("pricePerNight", "120.00")
			.containsEntry("cleaningFee", "0.00")
			.containsEntry("serviceFee", "24.00")
			.containsEntry("totalPrice", "264.00")
			.containsEntry("currency", "USD")
			.containsEntry("cancellationPolicy", "FLEXIBLE")
			.containsEntry("status", "PENDING_PAYMENT")
			.containsEntry("cancelledAt", null)
			.containsEntry("refundAmount", null);
		assertThat(booking.get("expiresAt")).isNotNull();
	}

	/**
	 * createBooking by a guest whose account is being deleted: refused as REST refuses it (V49's
	 * {@code bookings_guest_active}), UNAUTHORIZED as for any deleted account's request; nothing is held.
	 */
	@Test
	void aGuestBeingDeletedBooksNothing() throws Exception {
		Listing listing = trips.listing();
		TestUser leaving = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(20);

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, leaving, () -> DeletionRace.graphQl(api,
				leaving, CREATE, Map.of("input", input(listing.id(), checkIn, checkIn.plusDays(2), 1))));

		assertRefused(late, "createBooking", "UNAUTHORIZED", "unauthorized");
		assertThat(jdbc.sql("select count(*) from bookings where guest_id = ?")
			.param(leaving.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aHostCannotBookTheirOwnListing() {
		Listing listing = trips.listing();
		LocalDate checkIn = trips.today().plusDays(20);

		assertRefused(create(listing.host(), input(listing.id(), checkIn, checkIn.plusDays(2), 1)), "createBooking",
				"FORBIDDEN", "own_listing");
	}

	@Test
	void overlappingDatesAreAConflict() {
		Trip trip = trips.booked();

		var response = create(accounts.guest(),
				input(trip.propertyId(), trip.checkIn().plusDays(1), trip.checkOut().plusDays(1), 1));

		assertRefused(response, "createBooking", "CONFLICT", "dates_unavailable");
	}

	@Test
	void aPastCheckInIsRefusedNamingTheField() {
		Listing listing = trips.listing();
		LocalDate yesterday = trips.today().minusDays(1);

		assertInvalid(create(accounts.guest(), input(listing.id(), yesterday, yesterday.plusDays(2), 1)),
				"createBooking", "checkIn");
	}

	@Test
	void badDatesAndGuestsAreRefusedNamingTheirFields() {
		Listing listing = trips.listing();
		LocalDate checkIn = trips.today().plusDays(20);
		TestUser guest = accounts.guest();

		Map<String, Object> unparsable = input(listing.id(), checkIn, checkIn.plusDays(2), 1);
		unparsable.put("checkIn", "next friday");
		assertInvalid(create(guest, unparsable), "createBooking", "checkIn");
		assertInvalid(create(guest, input(listing.id(), checkIn, checkIn, 1)), "createBooking", "checkOut");
		assertInvalid(create(guest, input(listing.id(), checkIn, checkIn.plusDays(2), 5)), "createBooking",
				"guests");
		assertInvalid(create(guest, input(listing.id(), checkIn, checkIn.plusDays(2), 0)), "createBooking",
				"guests");
	}

	@Test
	void bookingNeedsATokenAndAListing() {
		LocalDate checkIn = trips.today().plusDays(20);
		assertRefused(graphQl.anonymous()
			.document(CREATE)
			.variable("input", input(trips.listing().id(), checkIn, checkIn.plusDays(2), 1))
			.execute(), "createBooking", "UNAUTHORIZED", "unauthorized");
		assertRefused(create(accounts.guest(), input(UUID.randomUUID(), checkIn, checkIn.plusDays(2), 1)),
				"createBooking", "NOT_FOUND", "not_found");
	}

	// booking(id)

	@Test
	void theGuestTheHostAndAdminsSeeABookingAndNobodyElse() {
		Trip trip = trips.booked();

		for (TestUser viewer : new TestUser[] { trip.guest(), trip.host(), accounts.admin() }) {
			graphQl.as(viewer).document(BOOKING).variable("id", trip.bookingId()).execute().path("booking").entity(MAP)
				.satisfies(b -> assertThat(b).containsEntry("id", trip.bookingId().toString())
					.containsEntry("status", "PENDING_PAYMENT"));
		}
		for (TestUser stranger : new TestUser[] { accounts.guest(), accounts.host() }) {
			var response = graphQl.as(stranger).document(BOOKING).variable("id", trip.bookingId()).execute();
			assertRefused(response, "booking", "NOT_FOUND", "not_found");
			response.path("booking").valueIsNull();
		}
		assertRefused(graphQl.anonymous().document(BOOKING).variable("id", trip.bookingId()).execute(), "booking",
				"UNAUTHORIZED", "unauthorized");
	}

	@Test
	void aBookingsPropertyGuestAndPaymentResolve() {
		Trip trip = trips.booked();

		Map<String, Object> unpaid = graphQl.as(trip.guest())
			.document(NESTED)
			.variable("id", trip.bookingId())
			.execute()
			.path("booking")
			.entity(MAP)
			.get();
		assertThat(unpaid).containsEntry("property",
				Map.of("id", trip.propertyId().toString(), "title", "Sunny loft by the canal", "host",
						Map.of("id", trip.host().id().toString(), "firstName", "Test")))
			.containsEntry("guest", Map.of("id", trip.guest().id().toString(), "firstName", "Test"))
			.containsEntry("payment", null);

		var paid = api.post("/api/v1/payments",
				Map.of("booking_id", trip.bookingId(), "payment_method", "card", "payment_token", "tok_visa"))
			.as(trip.guest())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.send();
		assertThat(paid.status()).as(paid.toString()).isEqualTo(201);

		graphQl.as(trip.host())
			.document(NESTED)
			.variable("id", trip.bookingId())
			.execute()
			.path("booking.payment")
			.entity(MAP)
			.satisfies(payment -> assertThat(payment).containsEntry("id", paid.body().path("id").asString())
				.containsEntry("bookingId", trip.bookingId().toString())
				.containsEntry("status", "PENDING")
				.containsEntry("amount", "264.00")
				.containsEntry("currency", "USD")
				.containsEntry("paymentMethod", "CARD"));
	}

	// bookings(as:, status:)

	@Test
	void guestsListTheirTripsAndHostsTheBookingsOfTheirListings() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		Trip first = trips.booked(listing, guest, trips.today().plusDays(10), 2);
		Trip second = trips.confirmed(listing, guest, trips.today().plusDays(20), 2);
		Trip other = trips.booked(listing, accounts.guest(), trips.today().plusDays(30), 2);

		assertThat(ids(list(guest, Map.of()))).containsExactly(second.bookingId().toString(),
				first.bookingId().toString());
		assertThat(ids(list(guest, Map.of("as", "GUEST", "status", "CONFIRMED"))))
			.containsExactly(second.bookingId().toString());
		assertThat(ids(list(listing.host(), Map.of("as", "HOST")))).containsExactly(other.bookingId().toString(),
				second.bookingId().toString(), first.bookingId().toString());
		assertThat(ids(list(listing.host(), Map.of("as", "HOST", "status", "PENDING_PAYMENT"))))
			.containsExactly(other.bookingId().toString(), first.bookingId().toString());
		assertThat(ids(list(listing.host(), Map.of("as", "GUEST")))).isEmpty();

		// nested fields resolve for the whole page
		List<Map<String, Object>> page = list(listing.host(), Map.of("as", "HOST"));
		assertThat(page).allSatisfy(edge -> assertThat(node(edge).get("property"))
			.isEqualTo(Map.of("id", listing.id().toString())));
		assertThat(page).extracting(edge -> node(edge).get("guest"))
			.containsExactly(Map.of("id", other.guest().id().toString()), Map.of("id", guest.id().toString()),
					Map.of("id", guest.id().toString()));
	}

	@Test
	void aListPagesWithFirstAndAfter() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		Trip older = trips.booked(listing, guest, trips.today().plusDays(10), 2);
		Trip newer = trips.booked(listing, guest, trips.today().plusDays(20), 2);

		var firstPage = graphQl.as(guest).document(LIST).variable("first", 1).execute();
		firstPage.path("bookings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		assertThat(ids(firstPage.path("bookings.edges").entityList(MAP).get()))
			.containsExactly(newer.bookingId().toString());
		String after = firstPage.path("bookings.pageInfo.endCursor").entity(String.class).get();

		var secondPage = graphQl.as(guest).document(LIST).variable("first", 1).variable("after", after).execute();
		assertThat(ids(secondPage.path("bookings.edges").entityList(MAP).get()))
			.containsExactly(older.bookingId().toString());
		secondPage.path("bookings.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

		// first is 1 or more; above 100 it is clamped to 100, as REST's limit (the contract's "clamped to 100")
		assertInvalid(graphQl.as(guest).document(LIST).variable("first", 0).execute(), "bookings", "first");
		graphQl.as(guest).document(LIST).variable("first", 101).execute().errors().verify();
	}

	@Test
	void onlyAdminsListAllBookings() {
		Trip trip = trips.booked();

		for (TestUser notAdmin : new TestUser[] { trip.guest(), trip.host() }) {
			assertRefused(graphQl.as(notAdmin).document(LIST).variable("as", "ALL").execute(), "bookings",
					"FORBIDDEN", "admin_only");
		}
		assertThat(ids(list(accounts.admin(), Map.of("as", "ALL", "status", "PENDING_PAYMENT", "first", 100))))
			.contains(trip.bookingId().toString());
		assertRefused(graphQl.anonymous().document(LIST).execute(), "bookings", "UNAUTHORIZED", "unauthorized");
	}

	// updateBooking

	@Test
	void theGuestChangesAnUnpaidBookingAndItIsRepriced() {
		Trip trip = trips.booked();

		Map<String, Object> changed = update(trip.guest(), trip.bookingId(),
				Map.of("checkOut", trip.checkIn().plusDays(3).toString(), "guests", 3))
			.path("updateBooking")
			.entity(MAP)
			.get();

		assertThat(changed).containsEntry("checkIn", trip.checkIn().toString())
			.containsEntry("checkOut", trip.checkIn().plusDays(3).toString())
			.containsEntry("guests", 3)
			.containsEntry("nights", 3)
			.containsEntry("serviceFee", "36.00")
			.containsEntry("totalPrice", "396.00")
			.containsEntry("status", "PENDING_PAYMENT");
	}

	/** As over REST: a changed booking is sold again under the listing's cancellation policy of now. */
	@Test
	void aChangedBookingTakesTheListingsCurrentCancellationPolicy() {
		Trip trip = trips.booked();
		graphQl.as(trip.guest()).document(BOOKING).variable("id", trip.bookingId()).execute()
			.path("booking.cancellationPolicy").entity(String.class).satisfies(p -> assertThat(p).isNotEqualTo("STRICT"));
		graphQl.as(trip.host())
			.document("mutation($id: ID!) { updateProperty(id: $id, input: {cancellationPolicy: STRICT}) { id } }")
			.variable("id", trip.propertyId())
			.execute()
			.path("updateProperty.id").hasValue();

		Map<String, Object> changed = update(trip.guest(), trip.bookingId(), Map.of("guests", 1))
			.path("updateBooking")
			.entity(MAP)
			.get();

		assertThat(changed).containsEntry("cancellationPolicy", "STRICT").containsEntry("guests", 1);
	}

	@Test
	void onlyTheGuestChangesOnlyAnUnpaidBookingAndOnlyToFreeDates() {
		Trip trip = trips.booked();
		Trip next = trips.booked(trip.listing(), accounts.guest(), trip.checkOut().plusDays(5), 2);
		Trip paid = trips.confirmed();

		assertRefused(update(trip.host(), trip.bookingId(), Map.of("guests", 2)), "updateBooking", "FORBIDDEN",
				"guest_only");
		assertRefused(update(accounts.guest(), trip.bookingId(), Map.of("guests", 2)), "updateBooking", "NOT_FOUND",
				"not_found");
		assertRefused(update(paid.guest(), paid.bookingId(), Map.of("guests", 2)), "updateBooking", "CONFLICT",
				"illegal_status_change");
		assertRefused(update(trip.guest(), trip.bookingId(), Map.of("checkOut", next.checkIn().plusDays(1).toString())),
				"updateBooking", "CONFLICT", "dates_unavailable");
		assertInvalid(update(trip.guest(), trip.bookingId(), Map.of("checkIn", trips.today().minusDays(1).toString())),
				"updateBooking", "checkIn");
		assertInvalid(update(trip.guest(), trip.bookingId(), Map.of("guests", 0)), "updateBooking", "guests");
	}

	// cancelBooking

	@Test
	void theGuestCancelsAnUnpaidBookingWithoutARefund() {
		Trip trip = trips.booked();

		Map<String, Object> cancelled = cancel(trip.guest(), trip.bookingId(), "Plans changed").path("cancelBooking")
			.entity(MAP)
			.get();

		assertThat(cancelled).containsEntry("status", "CANCELLED").containsEntry("refundAmount", null);
		assertThat(cancelled.get("cancelledAt")).isNotNull();
		assertRefused(cancel(trip.guest(), trip.bookingId(), null), "cancelBooking", "CONFLICT",
				"illegal_status_change");
	}

	@Test
	void aTooLongReasonIsRefusedNamingTheFieldAndCancelsNothing() {
		Trip trip = trips.booked();

		// REST's rule (at most 1,000 characters), not the column's refusal of the row ("constraint_violated")
		assertInvalid(cancel(trip.guest(), trip.bookingId(), "x".repeat(1001)), "cancelBooking", "reason");
		assertThat(graphQl.as(trip.guest()).document("query($id: ID!) { booking(id: $id) { status } }")
			.variable("id", trip.bookingId())
			.execute()
			.path("booking.status")
			.entity(String.class)
			.get()).isEqualTo("PENDING_PAYMENT");
		cancel(trip.guest(), trip.bookingId(), "x".repeat(1000)).path("cancelBooking.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");
	}

	@Test
	void theHostCancelsAPaidBookingWithAFullRefund() {
		Trip trip = trips.confirmed();

		cancel(trip.host(), trip.bookingId(), null).path("cancelBooking")
			.entity(MAP)
			.satisfies(b -> assertThat(b).containsEntry("status", "CANCELLED").containsEntry("refundAmount", "264.00"));
	}

	@Test
	void anAdminCancelsAndStrangersCannot() {
		Trip trip = trips.booked();

		assertRefused(cancel(accounts.guest(), trip.bookingId(), null), "cancelBooking", "NOT_FOUND", "not_found");
		assertRefused(graphQl.anonymous().document(CANCEL).variable("id", trip.bookingId()).execute(),
				"cancelBooking", "UNAUTHORIZED", "unauthorized");
		cancel(accounts.admin(), trip.bookingId(), null).path("cancelBooking.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");
	}

	// checkIn and checkOut

	@Test
	void theHostChecksTheGuestInFromTheCheckInDateAndOut() {
		Trip trip = trips.confirmed();

		assertRefused(hostAction(CHECK_IN, trip.host(), trip), "checkIn", "CONFLICT", "illegal_status_change");
		assertRefused(hostAction(CHECK_OUT, trip.host(), trip), "checkOut", "CONFLICT", "illegal_status_change");

		trips.moveToCheckIn(trip);
		TestUser host = trips.fresh(trip.host());
		TestUser guest = trips.fresh(trip.guest());
		assertRefused(hostAction(CHECK_IN, guest, trip), "checkIn", "FORBIDDEN", "host_only");
		assertRefused(hostAction(CHECK_IN, accounts.host(), trip), "checkIn", "NOT_FOUND", "not_found");
		hostAction(CHECK_IN, host, trip).path("checkIn.status").entity(String.class).isEqualTo("CHECKED_IN");
		assertRefused(hostAction(CHECK_IN, host, trip), "checkIn", "CONFLICT", "illegal_status_change");

		assertRefused(hostAction(CHECK_OUT, guest, trip), "checkOut", "FORBIDDEN", "host_only");
		hostAction(CHECK_OUT, host, trip).path("checkOut.status").entity(String.class).isEqualTo("COMPLETED");
	}

	@Test
	void anAdminChecksInAndOutAndAnUnpaidBookingCannotBe() {
		Trip paid = trips.confirmed();
		Trip unpaid = trips.booked();

		trips.moveToCheckIn(paid);
		TestUser admin = accounts.admin();
		hostAction(CHECK_IN, admin, paid).path("checkIn.status").entity(String.class).isEqualTo("CHECKED_IN");
		hostAction(CHECK_OUT, admin, paid).path("checkOut.status").entity(String.class).isEqualTo("COMPLETED");

		trips.moveToCheckIn(unpaid);
		assertRefused(hostAction(CHECK_IN, trips.fresh(unpaid.host()), unpaid), "checkIn", "CONFLICT", "illegal_status_change");
		assertRefused(graphQl.anonymous().document(CHECK_OUT).variable("id", unpaid.bookingId()).execute(),
				"checkOut", "UNAUTHORIZED", "unauthorized");
	}

	private GraphQlTester.Response create(TestUser as, Map<String, Object> input) {
		return graphQl.as(as).document(CREATE).variable("input", input).execute();
	}

	private GraphQlTester.Response update(TestUser as, UUID id, Map<String, Object> input) {
		return graphQl.as(as).document(UPDATE).variable("id", id).variable("input", input).execute();
	}

	private GraphQlTester.Response cancel(TestUser as, UUID id, String reason) {
		return graphQl.as(as).document(CANCEL).variable("id", id).variable("reason", reason).execute();
	}

	private GraphQlTester.Response hostAction(String document, TestUser as, Trip trip) {
		return graphQl.as(as).document(document).variable("id", trip.bookingId()).execute();
	}

	private List<Map<String, Object>> list(TestUser as, Map<String, Object> variables) {
		return graphQl.as(as).document(LIST).variables(new HashMap<>(variables)).execute().path("bookings.edges")
			.entityList(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> node(Map<String, Object> edge) {
		return (Map<String, Object>) edge.get("node");
	}

	private static List<String> ids(List<Map<String, Object>> edges) {
		return edges.stream().map(edge -> (String) node(edge).get("id")).toList();
	}

	private static Map<String, Object> input(UUID propertyId, LocalDate checkIn, LocalDate checkOut, int guests) {
		Map<String, Object> input = new HashMap<>();
		input.put("propertyId", propertyId.toString());
		input.put("checkIn", checkIn.toString());
		input.put("checkOut", checkOut.toString());
		input.put("guests", guests);
		return input;
	}
}
