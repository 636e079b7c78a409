package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.staybook.graphql.BadArguments.Case;
import io.staybook.graphql.BadArguments.Expect;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import io.staybook.test.TableChecksums;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every root field of Query, Mutation and Subscription, swept with bad arguments derived from the running schema
 * ({@link BadArguments}): real records, a caller allowed to act on them, and one bad value at a time. Whatever the
 * value, the answer is a GraphQL response (200) whose errors carry the contract's classification and a code, none a
 * server error, none betraying the implementation (stack trace, class or package name, SQL); a value that is bad
 * whatever the field is refused (a client error naming the argument, the field's data null) and changes nothing in
 * the domain's tables.
 */
@IntegrationTest
class BadArgumentSweepIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The contract's classifications of a client's error (and of a rate limit). */
	private static final Set<String> CLIENT_ERRORS = Set.of("BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND",
			"CONFLICT", "TOO_MANY_REQUESTS");

	/** What must never reach a client: stack traces, class and package names, SQL. */
	private static final List<String> LEAKS = List.of("io.staybook", "java.", "javax.", "jakarta.",
			"org.springframework", "graphql.", "tools.jackson", "com.fasterxml", "org.hibernate", "org.postgresql",
			"Exception", "\tat ", "SQL", "insert into", "select ", "violates", "duplicate key", "relation \"");

	/** The tables a refused mutation must leave as they were (jobs do not run in tests, so nothing else writes). */
	private static final List<String> TABLES = List.of("users", "properties", "bookings", "payments", "reviews",
			"wishlists", "wishlist_properties", "conversations", "messages", "property_blocks", "property_prices",
			"property_photos", "ical_imports", "ical_exports", "idempotency_keys", "account_tokens", "refresh_tokens",
			"scheduled_tasks", "refunds", "payouts");

	/**
	 * Values the sweep calls bad that a field takes on purpose, by the end of the case's name, and why: they are only
	 * held to "no server error, no leak".
	 */
	private static final Map<String, String> TAKEN = Map.of(
			"properties(filter.city: 10,001 characters)",
			"a search term, compared with the listings' cities: an over-long one matches none (REST's city= alike)",
			"properties(filter.country: 10,001 characters)",
			"a search term, compared with the listings' countries: an over-long one matches none (REST's country= alike)",
			"updateMe(input.currentPassword: 10,001 characters)",
			"read only beside a new password or email, and then refused as not the current one (REST's alike)");

	/** graphql-transport-ws's close code for a message it does not specify. */
	static final int INVALID_MESSAGE = 4400;

	/** RFC 6455's close code for a message too big to process (over POST /graphql's body limit and an envelope). */
	static final int TOO_BIG = 1009;

	private static final Pattern HOSTS_FIELD = Pattern.compile(
			"(?i).*(propert|photo|ical|prices|payout|checkin|checkout|approve|decline|respond|calendar).*");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlSource graphQl;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	private TableChecksums checksums;

	/** The records the sweep acts on, and who may act on them. */
	record Fixture(TestUser host, TestUser guest, String propertyId, String bookingId, String reviewId,
			String conversationId, String wishlistId) {

		String id(String path) {
			String[] parts = path.split("\\.");
			String field = parts[0];
			String name = parts[parts.length - 1];
			return switch (name) {
				case "propertyId" -> propertyId;
				case "bookingId" -> bookingId;
				case "conversationId" -> conversationId;
				case "hostId" -> host.id().toString();
				case "authorId", "guestId" -> guest.id().toString();
				case "id" -> byField(field);
				default -> UUID.randomUUID().toString();
			};
		}

		private String byField(String field) {
			String lower = field.toLowerCase(java.util.Locale.ROOT);
			if (lower.contains("wishlist")) {
				return wishlistId;
			}
			if (lower.contains("review")) {
				return reviewId;
			}
			if (lower.contains("conversation")) {
				return conversationId;
			}
			if (lower.contains("booking") || lower.equals("checkin") || lower.equals("checkout")) {
				return bookingId;
			}
			if (lower.contains("property")) {
				return propertyId;
			}
			if (lower.equals("user")) {
				return guest.id().toString();
			}
			return UUID.randomUUID().toString();
		}

		String token(String caller) {
			return "host".equals(caller) ? host.accessToken() : guest.accessToken();
		}
	}

	@TestFactory
	Stream<DynamicTest> everyRootFieldRefusesBadArguments() {
		Fixture fixture = fixture();
		GraphQLSchema schema = graphQl.schema();
		BadArguments bad = new BadArguments(today(), fixture::id,
				field -> HOSTS_FIELD.matcher(field).matches() ? "host" : "guest");
		List<Case> cases = new ArrayList<>();
		for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
			String operation = root == schema.getQueryType() ? "query" : "mutation";
			for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
				cases.addAll(bad.cases(operation, field));
			}
		}
		cases.replaceAll(each -> TAKEN.keySet().stream().anyMatch(each.name()::endsWith)
				? new Case(each.name(), each.field(), each.operation(), each.caller(), each.document(), each.variables(),
						Expect.SAFE, each.names())
				: each);
		// the refusals first: a SAFE case may succeed (a cancel with an odd reason) and change the records after it
		cases.sort(Comparator.comparing(Case::expect));
		return cases.stream().map(each -> DynamicTest.dynamicTest(each.name(), () -> run(each, fixture)));
	}

	/** The subscription's fields over WebSocket ({@code graphql-transport-ws}): an {@code error} message, no leak. */
	@TestFactory
	Stream<DynamicTest> everySubscriptionFieldRefusesBadArguments() {
		Fixture fixture = fixture();
		GraphQLSchema schema = graphQl.schema();
		BadArguments bad = new BadArguments(today(), fixture::id, field -> "guest");
		List<Case> cases = new ArrayList<>();
		for (GraphQLFieldDefinition field : schema.getSubscriptionType().getFieldDefinitions()) {
			cases.addAll(bad.cases("subscription", field));
		}
		assertThat(cases).isNotEmpty();
		return cases.stream().map(each -> DynamicTest.dynamicTest(each.name(), () -> subscribe(each, fixture)));
	}

	/**
	 * A subscribe message the server cannot read as the protocol's JSON (a NUL in a variable, which the JSON mapper
	 * refuses in every body; text that is no JSON; a payload that is no object) closes the socket with the protocol's
	 * 4400. It was 1011, the server's own failure, logged at ERROR with a stack trace.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = {
			"{\"type\": \"subscribe\", \"id\": \"s1\", \"payload\": {\"query\": \"subscription { __typename }\","
					+ " \"variables\": {\"id\": \"a\\u0000b\"}}}",
			"not json", "[]", "{\"type\": \"subscribe\", \"id\": \"s1\", \"payload\": 7}",
			"{\"type\": \"subscribe\", \"id\": \"s1\", \"payload\": {\"query\": 7}}",
			"{\"type\": \"subscribe\", \"id\": \"s1\", \"payload\": {\"query\": \"subscription { __typename }\","
					+ " \"variables\": [1]}}",
			"{\"type\": \"subscribe\", \"id\": 7, \"payload\": {\"query\": \"subscription { __typename }\"}}",
			"{\"type\": 7}", "null" })
	void aMessageThatIsNotTheProtocolsClosesTheSocketWith4400(String message) {
		TestUser guest = accounts.guest();
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(message);
			assertThat(socket.closeCode()).isEqualTo(INVALID_MESSAGE);
		}
	}

	/**
	 * An amount of a listing ({@code pricePerNight}, {@code cleaningFee}, {@code extraGuestFee}) sent as an empty text is
	 * no decimal: refused, naming it, and the listing is left as it was. Spring's conversion of a text to a number
	 * reads an empty one as null, so an update took it for a field left out (the price stayed, the answer said done) and
	 * a create for the default (a cleaning fee of 0.00), where {@code setPrices} and the search's bounds refused it.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "pricePerNight", "cleaningFee", "extraGuestFee" })
	void anEmptyAmountOfAListingIsRefused(String field) throws Exception {
		TestUser host = accounts.host();
		String propertyId = Listings.id(listings.create(host));
		String before = checksum();
		Case update = new Case("update", "updateProperty", "mutation", "host",
				"mutation ($input: PropertyInput!) { updateProperty(id: \"" + propertyId + "\", input: $input) { id } }",
				Map.of("input", Map.of(field, "")), Expect.REFUSED, Set.of(field));
		Case create = new Case("create", "createProperty", "mutation", "host",
				"mutation ($input: PropertyInput!) { createProperty(input: $input) { id } }",
				Map.of("input", Map.of("title", "Loft", "description", "Two rooms", "propertyType", "APARTMENT",
						"address", "Main street 1", "city", "Utrecht", "country", "Netherlands", "latitude", 52.1,
						"longitude", 5.1, "pricePerNight", "120.00", "maxGuests", 2)),
				Expect.REFUSED, Set.of(field));
		@SuppressWarnings("unchecked")
		Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) create.variables().get("input"));
		input.put(field, "");
		create = new Case("create", "createProperty", "mutation", "host", create.document(), Map.of("input", input),
				Expect.REFUSED, Set.of(field));
		for (Case each : List.of(update, create)) {
			JsonNode error = JSON.readTree(post(each, host.accessToken()).body()).path("errors").path(0);
			assertThat(error.path("extensions").path("code").asString()).as(error.toString())
				.isEqualTo("validation_failed");
			assertThat(error.path("extensions").path("errors").findValuesAsString("field")).as(error.toString())
				.containsExactly(field);
		}
		assertThat(checksum()).isEqualTo(before);
	}

	private void run(Case each, Fixture fixture) throws Exception {
		String before = each.operation().equals("mutation") ? checksum() : null;
		HttpResponse<String> response = post(each, fixture.token(each.caller()));
		String shown = each.document().length() > 600 ? each.document().substring(0, 600) + "..." : each.document();
		String context = shown + " " + abbreviated(JSON.writeValueAsString(each.variables())) + " -> "
				+ response.statusCode() + " " + abbreviated(response.body());
		assertNoLeak(response.body(), context);
		JsonNode body = JSON.readTree(response.body());
		if (response.statusCode() == 400 && response.headers()
			.firstValue("Content-Type")
			.orElse("")
			.startsWith("application/problem+json")) {
			// the request's JSON itself is refused before GraphQL reads it (a NUL in a variable), as a REST body is
			assertThat(body.path("errors").findValuesAsString("field")).as(context)
				.anyMatch(field -> each.names().contains(field.substring(field.lastIndexOf('.') + 1)));
			if (before != null) {
				assertThat(checksum()).as("nothing changed: " + context).isEqualTo(before);
			}
			return;
		}
		assertThat(response.statusCode()).as(context).isEqualTo(200);
		JsonNode errors = body.path("errors");
		for (JsonNode error : errors) {
			assertThat(error.path("extensions").path("classification").asString()).as(context).isIn(CLIENT_ERRORS);
			assertThat(error.path("extensions").path("code").asString()).as(context).isNotBlank();
			assertThat(error.path("message").asString()).as(context).isNotBlank();
		}
		if (each.expect() == Expect.SAFE) {
			return;
		}
		assertThat(errors.isArray() && !errors.isEmpty()).as("refused: " + context).isTrue();
		assertThat(body.path("data").path(each.field()).isMissingNode() || body.path("data").path(each.field()).isNull())
			.as(context)
			.isTrue();
		if (errors.get(0).path("extensions").path("classification").asString().equals("BAD_REQUEST")) {
			assertThat(namesArgument(errors, each.names())).as("an error names one of %s: %s", each.names(), context)
				.isTrue();
		}
		if (before != null) {
			assertThat(checksum()).as("nothing changed: " + context).isEqualTo(before);
		}
	}

	private void subscribe(Case each, Fixture fixture) throws Exception {
		try (GraphQlSocket socket = GraphQlSocket.open(port, fixture.token(each.caller()))) {
			socket.next("connection_ack");
			socket.subscribe("s1", each.document(), each.variables());
			JsonNode message;
			try {
				message = socket.next();
			}
			catch (AssertionError silent) {
				// a message the protocol cannot take closes the socket: 4400 (not its JSON), 1009 (over the body limit)
				assertThat(socket.closeCode()).as(each.document() + " "
						+ abbreviated(JSON.writeValueAsString(each.variables()))).isIn(INVALID_MESSAGE, TOO_BIG);
				return;
			}
			String context = each.document() + " " + abbreviated(JSON.writeValueAsString(each.variables())) + " -> "
					+ abbreviated(message.toString());
			assertNoLeak(message.toString(), context);
			if (each.expect() == Expect.SAFE && !message.path("type").asString().equals("error")) {
				return;
			}
			// a subscription refused as a whole, its document invalid included, is an error message (no complete)
			assertThat(message.path("type").asString()).as(context).isEqualTo("error");
			JsonNode errors = message.path("payload");
			assertThat(errors.isArray() && !errors.isEmpty()).as(context).isTrue();
			for (JsonNode error : errors) {
				assertThat(error.path("extensions").path("classification").asString()).as(context).isIn(CLIENT_ERRORS);
				assertThat(error.path("extensions").path("code").asString()).as(context).isNotBlank();
			}
		}
	}

	private static boolean namesArgument(JsonNode errors, Set<String> names) {
		for (JsonNode error : errors) {
			String message = error.path("message").asString();
			if (names.stream().anyMatch(name -> message.contains("'" + name + "'") || message.contains(name + " ")
					|| message.contains("$" + name) || message.contains("." + name))) {
				return true;
			}
			String letters = message.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
			if (names.stream().anyMatch(name -> name.length() > 4
					&& letters.contains(name.toLowerCase(java.util.Locale.ROOT)))) {
				// "An Idempotency-Key has at most 255 characters." names idempotencyKey
				return true;
			}
			for (JsonNode fieldError : error.path("extensions").path("errors")) {
				if (names.contains(fieldError.path("field").asString())) {
					return true;
				}
			}
		}
		return false;
	}

	private HttpResponse<String> post(Case each, String token) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", each.document());
		body.put("variables", each.variables());
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertNoLeak(String text, String context) {
		for (String leak : LEAKS) {
			assertThat(text).as("no %s in %s", leak, context).doesNotContain(leak);
		}
	}

	private static String abbreviated(String text) {
		return text.length() > 1_500 ? text.substring(0, 1_500) + "...(" + text.length() + " characters)" : text;
	}

	/** The domain's tables: each one's row count and the sum of its rows' hashes ({@link TableChecksums}). */
	private String checksum() {
		if (checksums == null) {
			checksums = new TableChecksums(jdbc, TABLES);
		}
		return checksums.now().toString();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * A host's listing; a guest's unpaid booking of it 60 days ahead (clear of the sweep's own dates), a completed
	 * stay there with the guest's review, a conversation and a wishlist.
	 */
	private Fixture fixture() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		String bookingId = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in",
				today().plusDays(60).toString(), "check_out", today().plusDays(62).toString(), "guests", 1))
			.as(guest)
			.send()
			.body()
			.path("id")
			.asString();
		String stayId = completedStay(propertyId, guest);
		String reviewId = api.post("/api/v1/reviews", Map.of("booking_id", stayId, "rating", 4, "comment", "Lovely"))
			.as(guest)
			.send()
			.body()
			.path("id")
			.asString();
		String conversationId = api.post("/api/v1/conversations", Map.of("property_id", propertyId, "body", "Hello"))
			.as(guest)
			.send()
			.body()
			.path("id")
			.asString();
		String wishlistId = api.post("/api/v1/wishlists", Map.of("name", "Summer")).as(guest).send().body().path("id")
			.asString();
		for (String id : List.of(bookingId, stayId, reviewId, conversationId, wishlistId)) {
			assertThat(id).as("the sweep's records are made").hasSize(36);
		}
		return new Fixture(host, guest, propertyId, bookingId, reviewId, conversationId, wishlistId);
	}

	/** A stay that ended yesterday, written into the table as {@link io.staybook.test.StoredBookings} does. */
	private String completedStay(String propertyId, TestUser guest) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				                      cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone,
				                      status, created_at, updated_at)
				select ?, p.id, ?, p.host_id, ?, ?, 1, 100.00, 0, 0, 200.00, p.currency, p.cancellation_policy,
				       p.timezone, 'completed', now(), now()
				from properties p where p.id = ?""", id, guest.id(), today().minusDays(3), today().minusDays(1),
				UUID.fromString(propertyId));
		return id.toString();
	}
}
