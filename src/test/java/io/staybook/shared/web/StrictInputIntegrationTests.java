package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 6: a value of the wrong type is refused (400 naming the field), never converted, in bodies and in query
 * parameters; and {@code null} for a field that cannot be empty is refused instead of meaning "unchanged".
 */
@IntegrationTest
class StrictInputIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void aStringIsNotANumberABooleanOrADate() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		assertFieldErrors(listings.post(host, Map.of("max_guests", "4")), "max_guests");
		assertFieldErrors(listings.post(host, Map.of("latitude", "52.3")), "latitude");
		assertFieldErrors(listings.post(host, Map.of("bedrooms", "")), "bedrooms");
		assertFieldErrors(listings.post(host, Map.of("bedrooms", true)), "bedrooms");
		assertFieldErrors(listings.post(host, Map.of("max_guests", 4.0)), "max_guests");
		assertFieldErrors(listings.post(host, Map.of("property_type", 0)), "property_type");
		assertFieldErrors(listings.post(host, Map.of("price_per_night", true)), "price_per_night");

		String property = UUID.randomUUID().toString();
		for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("guests", "2"),
				Map.entry("check_in", "2027-01-05T00:00:00"), Map.entry("check_in", " 2027-01-05"),
				Map.entry("check_in", "2027-1-5"), Map.entry("check_in", "2027-02-30"), Map.entry("check_in", 20270105),
				Map.entry("check_out", List.of(2027, 1, 9)))) {
			Map<String, Object> booking = new HashMap<>(Map.of("property_id", property, "check_in", "2027-01-05",
					"check_out", "2027-01-09", "guests", 2));
			booking.put(wrong.getKey(), wrong.getValue());
			assertFieldErrors(api.post("/api/v1/bookings", booking).as(guest).send(), wrong.getKey());
		}
	}

	@Test
	void moneyStaysADecimalString() {
		JsonNode listing = listings.create(accounts.host(), Map.of("price_per_night", "99.50", "cleaning_fee", "10"));

		assertThat(listing.path("price_per_night").asString()).isEqualTo("99.50");
		assertThat(listing.path("cleaning_fee").asString()).isEqualTo("10.00");

		// a decimal string, not anything BigDecimal or Jackson could make a number of
		TestUser host = accounts.host();
		for (String wrong : List.of(" 120.00", "120.00 ", "1e3", "+120", "0x10", "12,50", "NaN")) {
			assertFieldErrors(listings.post(host, Map.of("price_per_night", wrong)), "price_per_night");
		}
	}

	@Test
	void queryParametersAreReadAsStrictly() {
		TestUser admin = accounts.admin();
		String property = Listings.id(listings.create(accounts.host()));
		Map<String, String> wrong = Map.of("guests=2.5", "guests", "guests=0x2", "guests", "guests=%202", "guests",
				"check_in=2027-01-05T00:00:00&check_out=2027-01-09", "check_in",
				"check_in=2027-01-05%2B01:00&check_out=2027-01-09", "check_in", "limit=abc", "limit", "lat=0x1p3&lng=4",
				"lat", "lat=NaN&lng=4", "lat", "radius_km=Infinity&lat=1&lng=1", "radius_km", "max_price=1e3",
				"max_price");
		List<String> accepted = new java.util.ArrayList<>();
		wrong.forEach((query, field) -> {
			Api.Response response = api.get("/api/v1/properties?" + query).send();
			if (response.status() != 400) {
				accepted.add(query + " -> " + response.status());
			}
			else {
				assertFieldErrors(response, field);
			}
		});
		assertThat(accepted).isEmpty();
		assertFieldErrors(api.get("/api/v1/properties/" + property + "/availability?from=2027-01-05T00:00").send(),
				"from");
		assertFieldErrors(api.get("/api/v1/users?limit=+5").as(admin).send(), "limit");

		assertThat(api.get("/api/v1/properties?guests=2&lat=52.3&lng=4.88&radius_km=10&min_price=50.5")
			.send()
			.status()).isEqualTo(200);
	}

	/**
	 * A query parameter the endpoint does not take is refused as an unknown JSON field is, never dropped: a misspelt
	 * filter used to show every listing as if filtered.
	 */
	@Test
	void anUnknownQueryParameterIsRefusedNotIgnored() {
		String property = Listings.id(listings.create(accounts.host()));

		Api.Response misspelt = api.get("/api/v1/properties?city=Lisbon&max_prise=100").send();
		JsonNode problem = assertFieldErrors(misspelt, "max_prise");
		assertThat(misspelt.fieldErrors()).containsExactly("max_prise");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("max_price", "city");
		JsonNode none = assertFieldErrors(api.get("/api/v1/properties/" + property + "?expand=host").send(), "expand");
		assertThat(none.path("errors").get(0).path("message").asString()).contains("takes none");
		assertThat(api.get("/api/v1/properties/" + property + "/photos?limit=5&page=2").send().fieldErrors())
			.containsExactly("page");

		// a creating request with one changes nothing
		String email = "query-" + UUID.randomUUID() + "@example.com";
		Map<String, Object> registration = Map.of("first_name", "Ada", "last_name", "Lovelace", "email", email,
				"password", "correct horse battery");
		assertFieldErrors(api.post("/api/v1/users?referrer=friend", registration).send(), "referrer");
		assertThat(api.post("/api/v1/auth/token", Map.of("email", email, "password", "correct horse battery"))
			.send()
			.status()).isEqualTo(401);

		// a parameter sent twice: Spring used the first id and dropped the other; a list is one comma-separated value
		Api.Response twice = api
			.get("/api/v1/properties?host_id=" + UUID.randomUUID() + "&host_id=" + UUID.randomUUID())
			.send();
		assertThat(twice.fieldErrors()).containsExactly("host_id");
		assertThat(twice.body().path("errors").get(0).path("message").asString()).contains("2 times");
		assertThat(api.get("/api/v1/properties?amenities=wifi&amenities=pool").send().fieldErrors())
			.containsExactly("amenities");

		// what the endpoints take is still taken, percent-encoded too; other paths are not ours to judge
		assertThat(api.get("/api/v1/properties?city=Lisbon&amenities=wifi,pool&%6Cimit=5").send().status())
			.isEqualTo(200);
		assertThat(api.get("/api/v1/properties/" + property + "/photos?limit=5").send().status()).isEqualTo(200);
		assertThat(api.get("/actuator/health?verbose=1").send().status()).isEqualTo(200);
	}

	/**
	 * A text that must not be blank must show something: no-break spaces (U+00A0, U+202F), a zero-width space
	 * (U+200B) or a byte order mark alone passed Hibernate Validator's trim and were stored as names and titles.
	 */
	@Test
	void aTextOfInvisibleOrNoBreakSpacesIsBlank() {
		String email = "blank-" + UUID.randomUUID() + "@example.com";
		Map<String, Object> registration = new HashMap<>(Map.of("first_name", "\u00a0\u00a0", "last_name", "\u200b",
				"email", email, "password", "correct horse battery"));
		assertThat(assertFieldErrors(api.post("/api/v1/users", registration).send(), "first_name", "last_name")
			.path("errors")
			.size()).isEqualTo(2);
		assertThat(api.post("/api/v1/auth/token", Map.of("email", email, "password", "correct horse battery"))
			.send()
			.status()).isEqualTo(401);

		TestUser guest = accounts.guest();
		assertFieldErrors(api.patch("/api/v1/users/me", Map.of("first_name", "\u202f")).as(guest).send(), "first_name");

		TestUser host = accounts.host();
		assertFieldErrors(listings.post(host, Map.of("title", "\u00a0")), "title");
		JsonNode listing = listings.create(host);
		String path = "/api/v1/properties/" + Listings.id(listing);
		assertFieldErrors(api.patch(path, Map.of("city", "\ufeff")).as(host).send(), "city");
		assertThat(api.get(path).send().body().path("city").asString()).isEqualTo(listing.path("city").asString());

		// text with something to show stays welcome, spaces around it included
		assertThat(api.patch("/api/v1/users/me", Map.of("first_name", "\u00a0Zoë\u00a0")).as(guest).send().status())
			.isEqualTo(200);
	}

	@Test
	void nullForAFieldThatCannotBeEmptyIsRefused() {
		TestUser host = accounts.host();
		JsonNode listing = listings.create(host);
		String path = "/api/v1/properties/" + Listings.id(listing);

		assertFieldErrors(api.patch(path, nulls("title")).as(host).send(), "title");
		for (String field : List.of("description", "max_guests", "price_per_night", "amenities", "currency")) {
			assertFieldErrors(api.patch(path, nulls(field)).as(host).send(), field);
		}
		assertThat(api.get(path).send().body().path("title").asString()).isEqualTo(listing.path("title").asString());
		assertThat(api.patch(path, Map.of()).as(host).send().status()).isEqualTo(200);

		TestUser guest = accounts.guest();
		assertFieldErrors(api.patch("/api/v1/users/me", nulls("first_name")).as(guest).send(), "first_name");
		assertFieldErrors(api.patch("/api/v1/users/me", nulls("role")).as(guest).send(), "role");
		assertFieldErrors(api.patch("/api/v1/reviews/" + UUID.randomUUID(), nulls("rating")).as(guest).send(),
				"rating");
		assertFieldErrors(api.patch("/api/v1/reviews/" + UUID.randomUUID(), nulls("comment")).as(guest).send(),
				"comment");
		assertFieldErrors(api.patch("/api/v1/bookings/" + UUID.randomUUID(), nulls("guests")).as(guest).send(),
				"guests");
		assertFieldErrors(api.patch("/api/v1/bookings/" + UUID.randomUUID(), nulls("check_in")).as(guest).send(),
				"check_in");
	}

	@Test
	void nullClearsAnOptionalField() {
		TestUser guest = accounts.guest();
		var set = api.patch("/api/v1/users/me", Map.of("phone_number", "+44 20 7946 0958")).as(guest).send();
		assertThat(set.body().path("phone_number").asString()).isEqualTo("+44 20 7946 0958");

		var untouched = api.patch("/api/v1/users/me", Map.of("last_name", "Other")).as(guest).send();
		assertThat(untouched.body().path("phone_number").asString()).isEqualTo("+44 20 7946 0958");

		var cleared = api.patch("/api/v1/users/me", nulls("phone_number")).as(guest).send();
		assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
		assertThat(cleared.body().path("phone_number").isNull()).as(cleared.toString()).isTrue();
	}

	private static Map<String, Object> nulls(String field) {
		Map<String, Object> body = new HashMap<>();
		body.put(field, null);
		return body;
	}
}
