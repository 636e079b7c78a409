package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The optional {@code idempotencyKey} of the creating mutations (createBooking, createProperty, createReview,
 * register), through the same mechanism as REST's {@code Idempotency-Key}: a repeat returns the first result and
 * creates nothing more, another input with the same key is BAD_REQUEST {@code idempotency_key_reused}, and a key
 * used over REST is the same key over GraphQL.
 */
@IntegrationTest
class IdempotentMutationsIntegrationTests extends GraphQlOperationTests {

	static final String CREATE_BOOKING = """
			mutation($input: CreateBookingInput!, $key: String) {
			  createBooking(input: $input, idempotencyKey: $key) { id status totalPrice }
			}""";

	static final String CREATE_PROPERTY = """
			mutation($input: PropertyInput!, $key: String) {
			  createProperty(input: $input, idempotencyKey: $key) { id title city }
			}""";

	static final String CREATE_REVIEW = """
			mutation($input: CreateReviewInput!, $key: String) {
			  createReview(input: $input, idempotencyKey: $key) { id rating comment }
			}""";

	static final String REGISTER = """
			mutation($input: RegisterInput!, $key: String) {
			  register(input: $input, idempotencyKey: $key) { id email }
			}""";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createBookingTwiceWithOneKeyBooksOnce() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(10);
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = result(book(guest, listing, checkIn, key), "createBooking");
		Map<String, Object> second = result(book(guest, listing, checkIn, key), "createBooking");
		GraphQlTester.Response otherDates = book(guest, listing, checkIn.plusDays(5), key);

		assertThat(second).isEqualTo(first);
		assertRefused(otherDates, "createBooking", "BAD_REQUEST", "idempotency_key_reused");
		assertThat(bookingsOf(listing)).isEqualTo(1);
	}

	/** GraphQL's twin of the Idempotency-Replayed header: extensions.idempotencyReplayed, on the replay only. */
	@Test
	void aReplayIsMarkedInTheResponseExtensions() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(10);
		Map<String, Object> request = Map.of("query", CREATE_BOOKING, "variables",
				Map.of("key", UUID.randomUUID().toString(), "input", Map.of("propertyId", listing.id().toString(),
						"checkIn", checkIn.toString(), "checkOut", checkIn.plusDays(2).toString(), "guests", 1)));

		var first = api.post("/graphql", request).as(guest).send();
		var replay = api.post("/graphql", request).as(guest).send();

		assertThat(first.body().path("data").path("createBooking").path("id").asString()).as(first.toString())
			.isEqualTo(replay.body().path("data").path("createBooking").path("id").asString());
		assertThat(first.body().path("extensions").has("idempotencyReplayed")).as(first.toString()).isFalse();
		assertThat(replay.body().path("extensions").path("idempotencyReplayed").asBoolean()).as(replay.toString())
			.isTrue();
	}

	@Test
	void aKeyUsedOverRestIsTheSameKeyOverGraphQl() {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(10);
		String key = UUID.randomUUID().toString();

		var rest = api.post("/api/v1/bookings", Map.of("property_id", listing.id(), "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.header("Idempotency-Key", key)
			.send();
		Map<String, Object> graphQlResult = result(book(guest, listing, checkIn, key), "createBooking");

		assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
		assertThat(graphQlResult).containsEntry("id", rest.body().path("id").asString());
		assertThat(bookingsOf(listing)).isEqualTo(1);
	}

	@Test
	void createPropertyTwiceWithOneKeyListsOnce() {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		Map<String, Object> input = new LinkedHashMap<>(Map.of("title", "Idempotent loft", "description", "Once.",
				"propertyType", "APARTMENT", "address", "1 Key Street", "city", city, "country", "Testland",
				"latitude", 10.0, "longitude", 20.0, "pricePerNight", "80.00", "maxGuests", 2));
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = result(mutate(host, CREATE_PROPERTY, input, key), "createProperty");
		Map<String, Object> second = result(mutate(host, CREATE_PROPERTY, input, key), "createProperty");

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.queryForObject("select count(*) from properties where city = ?", Integer.class, city))
			.isEqualTo(1);
	}

	@Test
	void createReviewTwiceWithOneKeyReviewsOnce() {
		Trip trip = trips.completed();
		Map<String, Object> input = Map.of("bookingId", trip.bookingId().toString(), "rating", 5, "comment",
				"Lovely, twice over.");
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = result(mutate(trip.guest(), CREATE_REVIEW, input, key), "createReview");
		Map<String, Object> second = result(mutate(trip.guest(), CREATE_REVIEW, input, key), "createReview");

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.queryForObject("select count(*) from reviews where booking_id = ?", Integer.class,
				trip.bookingId()))
			.isEqualTo(1);
	}

	@Test
	void registerTwiceWithOneKeyMakesOneAccount() {
		String email = Accounts.uniqueEmail("idem-graphql");
		Map<String, Object> input = Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password",
				Accounts.PASSWORD);
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = result(graphQl.anonymous()
			.document(REGISTER)
			.variable("input", input)
			.variable("key", key)
			.execute(), "register");
		Map<String, Object> second = result(graphQl.anonymous()
			.document(REGISTER)
			.variable("input", input)
			.variable("key", key)
			.execute(), "register");

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email))
			.isEqualTo(1);
	}

	@Test
	void registerRepeatedWithAnotherPasswordIsRefusedAndKeepsTheFirstPassword() {
		String email = Accounts.uniqueEmail("idem-graphql");
		String key = UUID.randomUUID().toString();

		Map<String, Object> first = result(register(email, "victim-secret-1", key), "register");
		Map<String, Object> samePassword = result(register(email, "victim-secret-1", key), "register");
		GraphQlTester.Response otherPassword = register(email, "attacker-guess", key);

		assertThat(samePassword).isEqualTo(first);
		assertRefused(otherPassword, "register", "BAD_REQUEST", "idempotency_key_reused");
		assertThat(loginStatus(email, "victim-secret-1")).as("the first password still logs in").isEqualTo(200);
		assertThat(loginStatus(email, "attacker-guess")).as("the second one never became the password").isEqualTo(401);
	}

	private GraphQlTester.Response register(String email, String password, String key) {
		Map<String, Object> input = Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email, "password",
				password);
		return graphQl.anonymous().document(REGISTER).variable("input", input).variable("key", key).execute();
	}

	private int loginStatus(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send().status();
	}

	private GraphQlTester.Response book(TestUser guest, Listing listing, LocalDate checkIn, String key) {
		return mutate(guest, CREATE_BOOKING, Map.of("propertyId", listing.id().toString(), "checkIn",
				checkIn.toString(), "checkOut", checkIn.plusDays(2).toString(), "guests", 1), key);
	}

	private GraphQlTester.Response mutate(TestUser as, String document, Map<String, Object> input, String key) {
		return graphQl.as(as).document(document).variable("input", input).variable("key", key).execute();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> result(GraphQlTester.Response response, String field) {
		response.errors().verify();
		return response.path(field).entity(Map.class).get();
	}

	private int bookingsOf(Listing listing) {
		return jdbc.queryForObject("select count(*) from bookings where property_id = ?", Integer.class, listing.id());
	}
}
