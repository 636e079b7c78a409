package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.fieldsOf;
import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Trip;
import io.staybook.shared.validation.Characters;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GraphQL's twin of {@code shared.web.ControlCharactersIntegrationTests}: a String argument or input field is a single
 * line with no control character, one marked {@code @multiLine} (a description, a message's body, a review's comment,
 * a reason) takes tab, line feed and carriage return, one marked {@code @secret} (a password) anything but NUL. A
 * refusal is BAD_REQUEST {@code validation_failed} naming the argument, from a literal and a variable alike, and
 * nothing changes. Also the consistency of the idempotency key's errors and of an empty weekend price with REST.
 */
@IntegrationTest
class ControlCharactersGraphQlIntegrationTests extends GraphQlOperationTests {

	static final List<String> CONTROLS = List.of("a\u0007b", "a\u001b[2Jb", "a\u0008b", "a\u007fb", "a\u0085b",
			"a\ufffeb");

	static final List<String> LINE_BREAKS = List.of("a\nb", "a\rb", "a\tb");

	static final String UPDATE_ME = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { lastName } }";

	static final String UPDATE_PROPERTY = "mutation($id: ID!, $input: PropertyInput!) {"
			+ " updateProperty(id: $id, input: $input) { description weekendPrice } }";

	static final String WISHLIST = "mutation($input: WishlistInput!, $key: String) {"
			+ " createWishlist(input: $input, idempotencyKey: $key) { id } }";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aControlCharacterOrALineBreakInASingleLineArgumentIsABadRequestNamingIt() {
		TestUser guest = accounts.guest();
		for (String bad : concat(CONTROLS, LINE_BREAKS)) {
			refused(graphQl.as(guest).document(UPDATE_ME).variable("input", Map.of("lastName", bad)).execute(),
					"updateMe", "lastName", bad);
			refused(graphQl.as(guest).document(WISHLIST).variable("input", Map.of("name", bad)).execute(),
					"createWishlist", "name", bad);
			refused(graphQl.as(guest)
				.document("query($city: String) { properties(filter: {city: $city}) { edges { node { id } } } }")
				.variable("city", bad)
				.execute(), "properties", "city", bad);
		}
		// a literal's escapes are the same characters
		refused(graphQl.as(guest).document("mutation { updateMe(input: {lastName: \"a\\u001b[2Jb\"}) { lastName } }")
			.execute(), "updateMe", "lastName", "\u001b");
		refused(graphQl.as(guest).document("mutation { updateMe(input: {lastName: \"a\\nb\"}) { lastName } }")
			.execute(), "updateMe", "lastName", "\n");
		assertThat(jdbc.queryForObject("select last_name from users where id = ?", String.class, guest.id()))
			.isEqualTo("guest");
		assertThat(jdbc.queryForObject("select count(*) from wishlists where user_id = ?", Integer.class, guest.id()))
			.isZero();
	}

	@Test
	void aMultiLineArgumentTakesTabsAndLineBreaksButNoOtherControlCharacter() {
		Trips.Listing listing = trips.listing();
		String paragraphs = "Two rooms.\r\n\r\nBig windows,\tquiet street.\nNear the station.";
		graphQl.as(listing.host())
			.document(UPDATE_PROPERTY)
			.variable("id", listing.id())
			.variable("input", Map.of("description", paragraphs))
			.execute()
			.path("updateProperty.description")
			.entity(String.class)
			.isEqualTo(paragraphs);
		for (String bad : CONTROLS) {
			refused(graphQl.as(listing.host())
				.document(UPDATE_PROPERTY)
				.variable("id", listing.id())
				.variable("input", Map.of("description", bad))
				.execute(), "updateProperty", "description", bad);
		}
		Trip trip = trips.booked(listing, accounts.guest(), trips.today().plusDays(10), 2);
		String cancel = "mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { status } }";
		for (String bad : CONTROLS) {
			refused(graphQl.as(trip.guest()).document(cancel).variable("id", trip.bookingId()).variable("reason", bad)
				.execute(), "cancelBooking", "reason", bad);
		}
		graphQl.as(trip.guest())
			.document(cancel)
			.variable("id", trip.bookingId())
			.variable("reason", "Plans changed:\n\tflight cancelled")
			.execute()
			.path("cancelBooking.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");
		assertThat(jdbc.queryForObject("select cancel_reason from bookings where id = ?", String.class,
				trip.bookingId()))
			.isEqualTo("Plans changed:\n\tflight cancelled");
	}

	/**
	 * A GET's variables are read by no filter of JSON bodies (Utf8JsonFilter refuses a POST's unpaired surrogate as
	 * malformed JSON): an unpaired surrogate or U+FFFE reached the search, and PostgreSQL's driver writes the first as
	 * {@code ?}.
	 */
	@Test
	void anUnpairedSurrogateOrANoncharacterInAGetsVariablesIsABadRequestNamingTheArgument() {
		String query = "query($c: String) { properties(filter: {city: $c}) { edges { node { id } } } }";
		for (String variables : List.of("{\"c\": \"a\\ud800b\"}", "{\"c\": \"a\\ufffeb\"}")) {
			var response = api.get("/graphql?query=" + encode(query) + "&variables=" + encode(variables)).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("errors").size()).as(response.toString()).isEqualTo(1);
			var error = response.body().path("errors").get(0);
			assertThat(error.at("/extensions/classification").asString()).as(response.toString())
				.isEqualTo("BAD_REQUEST");
			assertThat(error.at("/extensions/errors/0/field").asString()).as(response.toString()).isEqualTo("city");
			assertThat(error.at("/extensions/errors/0/message").asString()).isEqualTo(Characters.NOT_TEXT);
		}
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Test
	void aPasswordTakesControlCharactersButNoNul() {
		String email = Accounts.uniqueEmail("gql-secret");
		String password = "bell\u0007 tab\t escape\u001b";
		graphQl.anonymous()
			.document("mutation($input: RegisterInput!) { register(input: $input) { id } }")
			.variable("input", Map.of("firstName", "Ada", "lastName", "L", "email", email, "password", password))
			.execute()
			.path("register.id")
			.hasValue();
		graphQl.anonymous()
			.document("mutation($input: LoginInput!) { login(input: $input) { accessToken } }")
			.variable("input", Map.of("email", email, "password", password))
			.execute()
			.path("login.accessToken")
			.hasValue();
	}

	/**
	 * An idempotency key over 255 characters is {@code invalid_idempotency_key} on every mutation, createPayment
	 * included (it answered {@code idempotency_key_required}), and the messages name the {@code idempotencyKey}
	 * argument, not REST's header.
	 */
	@Test
	void anIdempotencyKeysErrorNamesTheArgument() {
		TestUser guest = accounts.guest();
		ResponseError tooLong = GraphQlAssertions.assertRefused(graphQl.as(guest)
			.document(WISHLIST)
			.variable("input", Map.of("name", "Summer"))
			.variable("key", "k".repeat(256))
			.execute(), "createWishlist", "BAD_REQUEST", "invalid_idempotency_key");
		assertThat(tooLong.getMessage()).contains("idempotencyKey").doesNotContain("Idempotency-Key");
		String key = UUID.randomUUID().toString();
		graphQl.as(guest).document(WISHLIST).variable("input", Map.of("name", "Summer")).variable("key", key).execute()
			.path("createWishlist.id")
			.hasValue();
		ResponseError reused = GraphQlAssertions.assertRefused(graphQl.as(guest)
			.document(WISHLIST)
			.variable("input", Map.of("name", "Winter"))
			.variable("key", key)
			.execute(), "createWishlist", "BAD_REQUEST", "idempotency_key_reused");
		assertThat(reused.getMessage()).contains("idempotencyKey").doesNotContain("Idempotency-Key");
	}

	/**
	 * An idempotencyKey sent empty or as spaces only is {@code invalid_idempotency_key}, as REST's blank header is
	 * (shared.web.BlankIdempotencyKeyIntegrationTests), and the mutation changes nothing: it was taken for no key and
	 * run without the protection asked for.
	 */
	@Test
	void aBlankIdempotencyKeyIsAnInvalidKeyAndChangesNothing() {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		String email = "blank-key-" + UUID.randomUUID() + "@example.com";
		for (String blank : List.of("", "   ")) {
			GraphQlAssertions.assertRefused(graphQl.as(host)
				.document(WISHLIST)
				.variable("input", Map.of("name", city))
				.variable("key", blank)
				.execute(), "createWishlist", "BAD_REQUEST", "invalid_idempotency_key");
			GraphQlAssertions.assertRefused(graphQl.as(host)
				.document("mutation($input: PropertyInput!, $key: String) {"
						+ " createProperty(input: $input, idempotencyKey: $key) { id } }")
				.variable("input", Map.of("title", "T", "description", "D", "propertyType", "HOUSE", "address", "A",
						"city", city, "country", "C", "pricePerNight", "100.00", "maxGuests", 2, "latitude", 38.7,
						"longitude", -9.1))
				.variable("key", blank)
				.execute(), "createProperty", "BAD_REQUEST", "invalid_idempotency_key");
			GraphQlAssertions.assertRefused(graphQl.anonymous()
				.document("mutation($input: RegisterInput!, $key: String) {"
						+ " register(input: $input, idempotencyKey: $key) { id } }")
				.variable("input", Map.of("firstName", "Ada", "lastName", "L", "email", email, "password",
						"correct horse battery"))
				.variable("key", blank)
				.execute(), "register", "BAD_REQUEST", "invalid_idempotency_key");
		}
		assertThat(jdbc.queryForObject("select count(*) from wishlists where name = ?", Integer.class, city)).isZero();
		assertThat(jdbc.queryForObject("select count(*) from properties where city = ?", Integer.class, city)).isZero();
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email)).isZero();
	}

	/** An amount is a decimal string or null (the contract); REST refuses "" for weekend_price as well. */
	@Test
	void anEmptyWeekendPriceIsABadRequestNotNone() {
		Trips.Listing listing = trips.listing(accounts.host(), Map.of("weekend_price", "150.00"));
		assertInvalid(graphQl.as(listing.host())
			.document(UPDATE_PROPERTY)
			.variable("id", listing.id())
			.variable("input", Map.of("weekendPrice", ""))
			.execute(), "updateProperty", "weekendPrice");
		assertFieldErrors(api.patch("/api/v1/properties/" + listing.id(), Map.of("weekend_price", ""))
			.as(listing.host())
			.send(), "weekend_price");
		assertThat(jdbc.queryForObject("select weekend_price::text from properties where id = ?", String.class,
				listing.id()))
			.isEqualTo("150.00");
		assertInvalid(graphQl.as(listing.host())
			.document("mutation($input: PropertyInput!) { createProperty(input: $input) { id } }")
			.variable("input", Map.of("title", "T", "description", "D", "propertyType", "HOUSE", "address", "A", "city",
					Listings.uniqueCity(), "country", "C", "pricePerNight", "100.00", "maxGuests", 2, "weekendPrice",
					""))
			.execute(), "createProperty", "weekendPrice");
		graphQl.as(listing.host())
			.document(UPDATE_PROPERTY)
			.variable("id", listing.id())
			.variable("input", java.util.Collections.singletonMap("weekendPrice", null))
			.execute()
			.path("updateProperty.weekendPrice")
			.valueIsNull();
	}

	private static void refused(GraphQlTester.Response response, String field, String argument, String bad) {
		ResponseError error = assertInvalid(response, field, argument);
		@SuppressWarnings("unchecked")
		Object message = ((List<Map<String, Object>>) error.getExtensions().get("errors")).getFirst().get("message");
		String single = Characters.fault(bad, false);
		assertThat(message).as("%s for %s", error, bad.replaceAll("\\p{Cntrl}", "?"))
			.isEqualTo(Characters.HAS_LINE_BREAK.equals(single) ? single : Characters.fault(bad, true));
		assertThat(fieldsOf(error)).containsExactly(argument);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}
}
