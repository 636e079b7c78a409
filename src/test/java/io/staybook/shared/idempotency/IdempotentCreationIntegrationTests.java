package io.staybook.shared.idempotency;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code Idempotency-Key} on every creating POST: a repeat with the same key and body answers what the first did
 * (status, body, {@code Location}) with {@code Idempotency-Replayed: true} and creates nothing more; the same key with
 * another body is a 400; simultaneous repeats create once. Registration, which has no user to scope keys by, scopes
 * them by the address registered.
 */
@IntegrationTest
class IdempotentCreationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	// POST /bookings: the example

	@Test
	void theSameBookingSentTwiceWithOneKeyIsBookedOnceAndAnsweredTheSameTwice() {
		String propertyId = Listings.id(listings.create(accounts.host()));
		TestUser guest = accounts.guest();
		String key = newKey();

		var first = book(guest, propertyId, 10, 2, key);
		var second = book(guest, propertyId, 10, 2, key);

		assertCreatedThenReplayed(first, second, "/api/v1/bookings/");
		assertThat(count("bookings", "property_id", propertyId)).isEqualTo(1);
	}

	@Test
	void withoutAKeyTheRepeatIsANewRequest() {
		String propertyId = Listings.id(listings.create(accounts.host()));
		TestUser guest = accounts.guest();

		var first = book(guest, propertyId, 10, 2, null);
		var second = book(guest, propertyId, 10, 2, null);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header(IdempotentResponses.REPLAYED_HEADER)).isNull();
		assertThat(second.status()).as(second.toString()).isEqualTo(409);
		assertThat(second.body().path("code").asString()).isEqualTo("dates_unavailable");
	}

	@Test
	void theSameKeyWithAnotherBodyIsA400AndCreatesNothing() {
		String propertyId = Listings.id(listings.create(accounts.host()));
		TestUser guest = accounts.guest();
		String key = newKey();
		var first = book(guest, propertyId, 10, 2, key);

		var otherDates = book(guest, propertyId, 20, 2, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertReused(otherDates);
		assertThat(count("bookings", "property_id", propertyId)).isEqualTo(1);
	}

	@Test
	void aKeyUsedForABookingIsAnotherRequestOnAnotherEndpoint() {
		String propertyId = Listings.id(listings.create(accounts.host()));
		TestUser host = accounts.host();
		String key = newKey();
		var booking = book(host, propertyId, 10, 2, key);

		var listing = api.post("/api/v1/properties", Listings.body(Map.of()))
			.as(host)
			.header(IdempotentResponses.KEY_HEADER, key)
			.send();

		assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
		assertReused(listing);
	}

	@Test
	void keysAreTheCallersOwn() {
		String propertyId = Listings.id(listings.create(accounts.host()));
		String key = newKey();

		var mine = book(accounts.guest(), propertyId, 10, 2, key);
		var theirs = book(accounts.guest(), propertyId, 20, 2, key);

		assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
		assertThat(theirs.status()).as("another guest's key is another key: " + theirs).isEqualTo(201);
		assertThat(count("bookings", "property_id", propertyId)).isEqualTo(2);
	}

	@Test
	void twentySimultaneousBookingsWithOneKeyMakeOneBooking() throws Exception {
		String propertyId = Listings.id(listings.create(accounts.host()));
		TestUser guest = accounts.guest();
		String key = newKey();

		List<Api.Response> responses = Concurrently.send(20, i -> book(guest, propertyId, 10, 2, key));

		List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
		assertThat(created).as("the first request succeeds: " + responses).isNotEmpty();
		assertThat(created).as("every 201 is the first answer")
			.allMatch(r -> r.text().equals(created.getFirst().text()), "same body");
		assertThat(responses).as("anything else is a 409 while the first request runs")
			.allMatch(r -> r.status() == 201
					|| (r.status() == 409 && r.body().path("code").asString().equals("request_in_progress")),
					"201 or 409 request_in_progress");
		assertThat(count("bookings", "property_id", propertyId)).isEqualTo(1);
	}

	@Test
	void aKeyOverTheLengthLimitIsA400() {
		String propertyId = Listings.id(listings.create(accounts.host()));

		var response = book(accounts.guest(), propertyId, 10, 2, "k".repeat(256));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body().path("code").asString()).isEqualTo("invalid_idempotency_key");
		assertThat(count("bookings", "property_id", propertyId)).isZero();
	}

	/**
	 * Found by the bad-input sweep: a key with a control character was taken as a key (and the request run), where the
	 * key is a Structured Field String of visible ASCII and spaces (RFC 8941 §3.3.3); so was one with non-ASCII bytes,
	 * sent here over a socket since {@code java.net.http} turns such a character into '?'.
	 */
	@Test
	void aKeyWithAControlOrNonAsciiCharacterIsA400AndCreatesNothing() throws IOException {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		var response = api.post("/api/v1/wishlists", Map.of("name", city))
			.as(host)
			.header(IdempotentResponses.KEY_HEADER, "a\tb")
			.send();

		assertProblem(response, 400);
		assertThat(response.body().path("code").asString()).isEqualTo("invalid_idempotency_key");

		byte[] body = ("{\"name\": \"" + city + "\"}").getBytes(StandardCharsets.UTF_8);
		byte[] head = ("POST /api/v1/wishlists HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Authorization: Bearer " + host.accessToken() + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII);
		try (Socket socket = new Socket("localhost", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.write("schl\u00fcssel".getBytes(StandardCharsets.UTF_8));
			out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid_idempotency_key");
		}
		assertThat(count("wishlists", "name", city)).isZero();
	}

	// the other creating POSTs

	@Test
	void theSameListingPostedTwiceWithOneKeyIsListedOnce() {
		TestUser host = accounts.host();
		Map<String, Object> body = Listings.body(Map.of());
		String key = newKey();

		var first = api.post("/api/v1/properties", body).as(host).header(IdempotentResponses.KEY_HEADER, key).send();
		var second = api.post("/api/v1/properties", body).as(host).header(IdempotentResponses.KEY_HEADER, key).send();
		var otherTitle = api.post("/api/v1/properties", Listings.body(Map.of("title", "Another loft")))
			.as(host)
			.header(IdempotentResponses.KEY_HEADER, key)
			.send();

		assertCreatedThenReplayed(first, second, "/api/v1/properties/");
		assertReused(otherTitle);
		assertThat(count("properties", "city", (String) body.get("city"))).isEqualTo(1);
	}

	@Test
	void theSameBlockPostedTwiceWithOneKeyClosesTheDatesOnce() {
		TestUser host = accounts.host();
		String propertyId = Listings.id(listings.create(host));
		String otherPropertyId = Listings.id(listings.create(host));
		LocalDate start = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);
		Map<String, Object> body = Map.of("start", start.toString(), "end", start.plusDays(3).toString());
		String key = newKey();

		var first = block(host, propertyId, body, key);
		var second = block(host, propertyId, body, key);
		var otherListing = block(host, otherPropertyId, body, key);

		assertCreatedThenReplayed(first, second, "/api/v1/properties/" + propertyId + "/blocks/");
		assertReused(otherListing);
		assertThat(count("property_blocks", "property_id", propertyId)).isEqualTo(1);
	}

	@Test
	void theSameRegistrationSentTwiceWithOneKeyMakesOneAccount() {
		String email = Accounts.uniqueEmail("idem");
		String key = newKey();

		var first = register(email, "Ada", key);
		var second = register(email, "Ada", key);
		var otherName = register(email, "Grace", key);

		assertCreatedThenReplayed(first, second, "/api/v1/users/");
		assertReused(otherName);
		assertThat(count("users", "email", email)).isEqualTo(1);
	}

	@Test
	void aRegistrationRepeatedWithAnotherPasswordIsAnotherRequestNotAReplay() {
		String email = Accounts.uniqueEmail("idem");
		String key = newKey();

		var first = register(email, "Ada", "victim-secret-1", key);
		var samePassword = register(email, "Ada", "victim-secret-1", key);
		var otherPassword = register(email, "Ada", "attacker-guess", key);

		assertCreatedThenReplayed(first, samePassword, "/api/v1/users/");
		assertReused(otherPassword);
		assertThat(loginStatus(email, "victim-secret-1")).as("the first password still logs in").isEqualTo(200);
		assertThat(loginStatus(email, "attacker-guess")).as("the second one never became the password").isEqualTo(401);
	}

	@Test
	void aRegistrationRepeatedAfterItsAccountWasDeletedIsToldSoNotCalledAnotherRequest() {
		String email = Accounts.uniqueEmail("idem");
		String key = newKey();
		var first = register(email, "Ada", key);
		TestUser user = accounts.login(email, Accounts.PASSWORD);
		assertThat(api.delete("/api/v1/users/" + user.id()).as(user).send().status()).isEqualTo(204);

		var repeat = register(email, "Ada", key);

		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(assertProblem(repeat, 409).path("code").asString()).as(repeat.toString())
			.isEqualTo("account_deleted");
		var withNewKey = register(email, "Ada", newKey());
		assertThat(withNewKey.status()).as("a new key registers again: " + withNewKey).isEqualTo(201);
	}

	@Test
	void anonymousKeysAreScopedByTheAddressRegistered() {
		String key = newKey();

		var one = register(Accounts.uniqueEmail("idem"), "Ada", key);
		var another = register(Accounts.uniqueEmail("idem"), "Ada", key);

		assertThat(one.status()).as(one.toString()).isEqualTo(201);
		assertThat(another.status()).as("another address, another key: " + another).isEqualTo(201);
		assertThat(another.header(IdempotentResponses.REPLAYED_HEADER)).isNull();
		assertThat(another.body().path("id").asString()).isNotEqualTo(one.body().path("id").asString());
	}

	private void assertCreatedThenReplayed(Api.Response first, Api.Response second, String locationPrefix) {
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header(IdempotentResponses.REPLAYED_HEADER)).as("a first answer is no replay").isNull();
		assertThat(first.header("Location")).startsWith(locationPrefix);
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(second.text()).as("the first body, byte for byte").isEqualTo(first.text());
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(second.header(IdempotentResponses.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(second.contentType()).startsWith("application/json");
	}

	private static void assertReused(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("code").asString()).isEqualTo("idempotency_key_reused");
	}

	private Api.Response book(TestUser guest, String propertyId, int daysAhead, int nights, String key) {
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(daysAhead);
		Api.Call call = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(nights).toString(), "guests", 2))
			.as(guest);
		return key == null ? call.send() : call.header(IdempotentResponses.KEY_HEADER, key).send();
	}

	private Api.Response block(TestUser host, String propertyId, Map<String, Object> body, String key) {
		return api.post("/api/v1/properties/" + propertyId + "/blocks", body)
			.as(host)
			.header(IdempotentResponses.KEY_HEADER, key)
			.send();
	}

	private Api.Response register(String email, String firstName, String key) {
		return register(email, firstName, Accounts.PASSWORD, key);
	}

	private Api.Response register(String email, String firstName, String password, String key) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", firstName);
		body.put("last_name", "Lovelace");
		body.put("email", email);
		body.put("password", password);
		return api.post("/api/v1/users", body).header(IdempotentResponses.KEY_HEADER, key).send();
	}

	private int loginStatus(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send().status();
	}

	private int count(String table, String column, String value) {
		return jdbc.queryForObject("select count(*) from " + table + " where " + column + "::text = ?", Integer.class,
				value);
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}
}
