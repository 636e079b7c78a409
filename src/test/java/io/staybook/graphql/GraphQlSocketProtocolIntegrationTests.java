package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL WebSocket ({@code /graphql-ws}, graphql-transport-ws) as graphql-ws clients (Apollo Client, urql) meet
 * it: a message as long as a request {@code POST /graphql} takes is taken, a longer one (in UTF-8 bytes, as over
 * HTTP) closes the socket with 1009; an operation refused before it runs is one {@code error} message and no
 * {@code complete}.
 */
@IntegrationTest
class GraphQlSocketProtocolIntegrationTests extends GraphQlOperationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The request body limit of {@code POST /graphql} (and every body but a photo's). */
	private static final int BODY_LIMIT = 1024 * 1024;

	/** RFC 6455's close code for a message too big to process. */
	private static final int TOO_BIG = 1009;

	private static final String SUBSCRIBE = """
			subscription($id: ID!) { messageAdded(conversationId: $id) { id body } }""";

	private String conversation(TestUser guest, TestUser host) {
		return graphQl.as(guest).document(MessageGraphQlIntegrationTests.OPEN)
			.variable("input", Map.of("propertyId", Listings.id(listings.create(host)), "body", "Hello"))
			.execute().path("openConversation.id").entity(String.class).get();
	}

	/**
	 * A subscription whose document names its fields through fragments, as generated clients write them, is longer
	 * than 8 KiB here: the socket closed with 1009 (the container's message buffer) before the server read it.
	 */
	@Test
	void aSubscriptionOfMoreThan8KiBIsTaken() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = conversation(guest, host);
		StringBuilder aliases = new StringBuilder();
		for (int i = 0; i < 700; i++) {
			aliases.append("\n  body").append(i).append(": body");
		}
		String document = """
				subscription MessageAdded($id: ID!) {
				  messageAdded(conversationId: $id) { ...MessageFields ...MessageBodies }
				}
				fragment MessageFields on Message { id conversationId senderId body createdAt }
				fragment MessageBodies on Message {%s
				}""".formatted(aliases);
		assertThat(document.length()).isGreaterThan(8 * 1024);
		try (GraphQlSocket socket = GraphQlSocket.open(port, host.accessToken())) {
			socket.next("connection_ack");
			socket.subscribe("big", document, Map.of("id", id));
			GraphQlSocket.awaitLive(List.of(socket), i -> api
				.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
			api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Welcome")).as(guest).send();
			JsonNode added = socket.next("next").path("payload").path("data").path("messageAdded");
			assertThat(added.path("body").asString()).isEqualTo("Welcome");
			assertThat(added.path("body699").asString()).isEqualTo("Welcome");
			assertThat(added.path("conversationId").asString()).isEqualTo(id);
		}
	}

	/**
	 * The longest request {@code POST /graphql} takes (a body of exactly its limit) is taken over the socket as the
	 * payload of a {@code subscribe} message, with the same answer; one character more than that message's room closes
	 * the socket with 1009, as a body over the limit is a 413 over HTTP.
	 */
	@Test
	void whatPostGraphQlTakesTheSocketTakesToo() throws Exception {
		TestUser guest = accounts.guest();
		// a document with a long comment (one token, as the parser counts them; spaces are one each)
		String query = "{ __typename } #";
		String envelope = "{\"query\":\"\"}";
		String body = "{\"query\":\"" + query + "x".repeat(BODY_LIMIT - envelope.length() - query.length()) + "\"}";
		assertThat(body.length()).isEqualTo(BODY_LIMIT);
		HttpResponse<String> overHttp = post(guest, body);
		assertThat(overHttp.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(overHttp.body()).path("data").path("__typename").asString())
			.as(overHttp.body().substring(0, Math.min(500, overHttp.body().length())))
			.isEqualTo("Query");
		assertThat(post(guest, body.replace("#", "#x")).statusCode()).isEqualTo(413);

		String message = "{\"type\":\"subscribe\",\"id\":\"q1\",\"payload\":" + body + "}";
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(message);
			JsonNode next = socket.next("next");
			assertThat(next.path("id").asString()).isEqualTo("q1");
			assertThat(next.path("payload").path("data").path("__typename").asString()).isEqualTo("Query");
			assertThat(socket.next("complete").path("id").asString()).isEqualTo("q1");
		}
		// the envelope's room: 4 KiB over the body limit, for the type, the id and the braces
		int room = BODY_LIMIT + 4096;
		String tooLong = message.replace("#", "#" + "x".repeat(room - message.length() + 1));
		assertThat(tooLong.length()).isEqualTo(room + 1);
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(tooLong);
			assertThat(socket.closeCode()).isEqualTo(TOO_BIG);
		}
	}

	/**
	 * The socket counts a message's UTF-8 bytes, as {@code POST /graphql} counts a body's: a body of its limit in bytes
	 * written mostly in three-byte characters (CJK, an emoji) is taken both ways, one byte more is a 413, and a
	 * message of exactly the socket's room in bytes is taken while one byte more closes the socket with 1009. The
	 * socket counted characters: that message, about a third of the room in characters, was taken, so the socket took
	 * three times what {@code POST /graphql} refused.
	 */
	@Test
	void theSocketCountsBytesAsPostGraphQlDoes() throws Exception {
		TestUser guest = accounts.guest();
		String body = "{\"query\":\"{ __typename } #" + filler(BODY_LIMIT - utf8("{\"query\":\"{ __typename } #\"}"))
				+ "\"}";
		assertThat(utf8(body)).isEqualTo(BODY_LIMIT);
		assertThat(body.length()).isLessThan(BODY_LIMIT / 2);
		assertThat(post(guest, body).statusCode()).isEqualTo(200);
		assertThat(post(guest, body.replace("#", "#x")).statusCode()).isEqualTo(413);
		String envelope = "{\"type\":\"subscribe\",\"id\":\"q1\",\"payload\":%s}";
		String taken = envelope.formatted(body);
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(taken);
			assertThat(socket.next("next").path("payload").path("data").path("__typename").asString())
				.isEqualTo("Query");
			assertThat(socket.next("complete").path("id").asString()).isEqualTo("q1");
		}
		int room = BODY_LIMIT + 4096;
		String longest = taken.replace("#", "#" + filler(room - utf8(taken)));
		assertThat(utf8(longest)).isEqualTo(room);
		assertThat(longest.length()).isLessThan(room / 2);
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(longest);
			assertThat(socket.next("next").path("payload").path("data").path("__typename").asString())
				.isEqualTo("Query");
		}
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.sendText(longest.replace("#", "#x"));
			assertThat(socket.closeCode()).isEqualTo(TOO_BIG);
		}
	}

	/** Text of exactly {@code bytes} UTF-8 bytes (at least 4), mostly three-byte characters, one of them an emoji. */
	private static String filler(int bytes) {
		String text = "\uD83D\uDE00" + "\u5B57".repeat((bytes - 4) / 3) + "x".repeat((bytes - 4) % 3);
		assertThat(utf8(text)).isEqualTo(bytes);
		return text;
	}

	private static int utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * A subscription refused before it runs (an unknown field, a missing required argument, a document that does not
	 * parse, a variable of the wrong type) is one {@code error} message whose payload is the array of its GraphQL
	 * errors, and no {@code complete} follows, as graphql-transport-ws says; it was a {@code next} with the errors and a
	 * {@code complete}. The id is free again at once, and the socket stays open.
	 */
	@Test
	void aSubscriptionRefusedBeforeItRunsIsOneErrorMessage() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = conversation(guest, host);
		Map<String, Map<String, Object>> refused = Map.of(
				"subscription($id: ID!) { messageAdded(conversationId: $id) { id nope } }", Map.of("id", id),
				"subscription { messageAdded { id } }", Map.of(),
				"subscription($id: ID!) { messageAdded(conversationId: $id) { id ", Map.of("id", id),
				SUBSCRIBE, Map.of("id", List.of(1, 2)),
				"subscription { nothingAdded { id } }", Map.of());
		try (GraphQlSocket socket = GraphQlSocket.open(port, host.accessToken())) {
			socket.next("connection_ack");
			for (Map.Entry<String, Map<String, Object>> each : refused.entrySet()) {
				socket.subscribe("s1", each.getKey(), each.getValue());
				JsonNode error = socket.next();
				assertThat(error.path("type").asString()).as(each.getKey() + " -> " + error).isEqualTo("error");
				assertThat(error.path("id").asString()).isEqualTo("s1");
				assertThat(error.path("payload").isArray()).as(error.toString()).isTrue();
				assertThat(error.path("payload")).as(error.toString()).isNotEmpty();
				for (JsonNode one : error.path("payload")) {
					assertThat(one.path("message").asString()).as(error.toString()).isNotBlank();
				}
				assertThat(socket.quietFor(Duration.ofMillis(200))).as("nothing after the error: " + each.getKey())
					.isTrue();
			}
			// the same id, now valid: subscribed
			socket.subscribe("s1", SUBSCRIBE, Map.of("id", id));
			GraphQlSocket.awaitLive(List.of(socket), i -> api
				.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
		}
	}

	/**
	 * Over the socket a query shares the path: one refused before it runs is an {@code error} message too, while one
	 * that runs and fails on a field (its {@code data} there, null) is still a {@code next} with its errors and a
	 * {@code complete}, as are the errors of any operation that ran.
	 */
	@Test
	void aQueryRefusedBeforeItRunsIsAnErrorAndOneThatFailsRunningANext() {
		TestUser guest = accounts.guest();
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.subscribe("q1", "query { me { id nope } }", Map.of());
			JsonNode error = socket.next("error");
			assertThat(error.path("id").asString()).isEqualTo("q1");
			assertThat(error.path("payload").get(0).path("message").asString()).contains("nope");

			socket.subscribe("q2", "query($id: ID!) { property(id: $id) { id } }",
					Map.of("id", UUID.randomUUID().toString()));
			JsonNode next = socket.next("next");
			assertThat(next.path("id").asString()).isEqualTo("q2");
			assertThat(next.path("payload").has("data")).as(next.toString()).isTrue();
			assertThat(next.path("payload").path("errors").get(0).path("extensions").path("classification").asString())
				.as(next.toString())
				.isEqualTo("NOT_FOUND");
			assertThat(socket.next("complete").path("id").asString()).isEqualTo("q2");
		}
	}

	private HttpResponse<String> post(TestUser who, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Authorization", "Bearer " + who.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}
}
