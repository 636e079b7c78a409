package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.DeletionRace;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StoredBookings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The GraphQL twins of the messaging rows (openConversation, conversations, conversation, messages, sendMessage,
 * markConversationRead) with the REST rules, and the messageAdded subscription over WebSocket (graphql-transport-ws):
 * each message delivered masked as its subscriber sees it, a non-participant refused with NOT_FOUND, a bad token
 * closing the socket with 4401.
 */
@IntegrationTest
class MessageGraphQlIntegrationTests extends GraphQlOperationTests {

	static final String OPEN = """
			mutation($input: OpenConversationInput!, $key: String) {
			  openConversation(input: $input, idempotencyKey: $key) {
			    id propertyId bookingId guest { id firstName } host { id firstName } lastMessageAt unreadCount
			  }
			}""";

	static final String SEND = """
			mutation($id: ID!, $body: String!) {
			  sendMessage(conversationId: $id, input: { body: $body }) { id conversationId senderId body createdAt }
			}""";

	static final String READ = "mutation($id: ID!) { markConversationRead(conversationId: $id) }";

	static final String ONE = "query($id: ID!) { conversation(id: $id) { id unreadCount host { id } } }";

	static final String LIST = """
			query($first: Int, $after: String) {
			  conversations(first: $first, after: $after) {
			    edges { cursor node { id unreadCount } } pageInfo { hasNextPage endCursor }
			  }
			}""";

	static final String MESSAGES = """
			query($id: ID!, $first: Int, $after: String) {
			  messages(conversationId: $id, first: $first, after: $after) {
			    edges { cursor node { id senderId body } } pageInfo { hasNextPage endCursor }
			  }
			}""";

	/** The container's asynchronous request timeout while a quiet subscription must outlive it (Tomcat's: 30 s). */
	static final Duration CONTAINER_ASYNC_TIMEOUT = Duration.ofSeconds(2);

	static final String SUBSCRIBE = """
			subscription($id: ID!) { messageAdded(conversationId: $id) { id conversationId senderId body createdAt } }""";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	ServletWebServerApplicationContext server;

	private String open(TestUser guest, String propertyId, String body) {
		return graphQl.as(guest).document(OPEN).variable("input", Map.of("propertyId", propertyId, "body", body))
			.execute().path("openConversation.id").entity(String.class).get();
	}

	private List<String> bodies(TestUser as, String id) {
		return graphQl.as(as).document(MESSAGES).variable("id", id).variable("first", 100).execute()
			.path("messages.edges[*].node.body").entityList(String.class).get();
	}

	/** The guest's read time of the conversation, as text (null while unset). */
	private String readAt(String id) {
		return jdbc.queryForObject("select guest_read_at::text from conversations where id = ?", String.class,
				UUID.fromString(id));
	}

	/** The twin of the REST read made while its reader's account is deleted: UNAUTHORIZED, nothing stamped. */
	@Test
	void aReadWhoseReadersAccountIsDeletedMeanwhileIsRefused() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");

		String before = readAt(id);
		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, guest,
				() -> DeletionRace.graphQl(api, guest, READ, Map.of("id", id)));

		assertRefused(late, "markConversationRead", "UNAUTHORIZED", "unauthorized");
		assertThat(readAt(id)).isEqualTo(before);
	}

	@Test
	void theTwinsFollowTheRestRules() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		var opened = graphQl.as(guest).document(OPEN)
			.variable("input", Map.of("propertyId", propertyId, "body", "Write to ana@example.com"))
			.execute();
		String id = opened.path("openConversation.id").entity(String.class).get();
		opened.path("openConversation.host.id").entity(String.class).isEqualTo(host.id().toString());
		opened.path("openConversation.guest.firstName").entity(String.class).isEqualTo("Test");
		assertThat(open(guest, propertyId, "Again")).isEqualTo(id);

		graphQl.as(host).document(SEND).variable("id", id).variable("body", "Call +44 20 7946 0958").execute()
			.path("sendMessage.body").entity(String.class).isEqualTo("Call +44 20 7946 0958");
		assertThat(bodies(guest, id)).containsExactly("Write to ana@example.com", "Again", "Call [hidden]");
		assertThat(bodies(host, id)).containsExactly("Write to [hidden]", "Again", "Call +44 20 7946 0958");

		graphQl.as(host).document(ONE).variable("id", id).execute().path("conversation.unreadCount").entity(Long.class)
			.isEqualTo(2L);
		graphQl.as(host).document(READ).variable("id", id).execute().path("markConversationRead").entity(Boolean.class)
			.isEqualTo(true);
		graphQl.as(host).document(LIST).variable("first", 10).execute().path("conversations.edges[0].node.unreadCount")
			.entity(Long.class).isEqualTo(0L);

		// paging: one message a page, oldest first
		var page = graphQl.as(guest).document(MESSAGES).variable("id", id).variable("first", 1).execute();
		page.path("messages.edges[0].node.body").entity(String.class).isEqualTo("Write to ana@example.com");
		String after = page.path("messages.pageInfo.endCursor").entity(String.class).get();
		graphQl.as(guest).document(MESSAGES).variable("id", id).variable("first", 1).variable("after", after).execute()
			.path("messages.edges[0].node.body").entity(String.class).isEqualTo("Again");

		// after a confirmed booking, nothing is hidden
		StoredBookings.confirmed(jdbc, UUID.fromString(propertyId), guest.id(), LocalDate.now().plusDays(20),
				LocalDate.now().plusDays(22));
		assertThat(bodies(host, id)).containsExactly("Write to ana@example.com", "Again", "Call +44 20 7946 0958");
	}

	@Test
	void othersAreRefusedAsOverRest() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		String id = open(guest, propertyId, "Hello");
		TestUser stranger = accounts.guest();
		assertRefused(graphQl.as(stranger).document(ONE).variable("id", id).execute(), "conversation", "NOT_FOUND", null);
		assertRefused(graphQl.as(accounts.admin()).document(MESSAGES).variable("id", id).execute(), "messages",
				"NOT_FOUND", null);
		assertRefused(graphQl.as(stranger).document(SEND).variable("id", id).variable("body", "hi").execute(),
				"sendMessage", "NOT_FOUND", null);
		assertRefused(graphQl.as(stranger).document(READ).variable("id", id).execute(), "markConversationRead",
				"NOT_FOUND", null);
		assertRefused(graphQl.anonymous().document(LIST).execute(), "conversations", "UNAUTHORIZED", null);
		assertRefused(graphQl.as(host).document(OPEN).variable("input", Map.of("propertyId", propertyId, "body", "Me"))
			.execute(), "openConversation", "FORBIDDEN", "own_listing");
		assertInvalid(graphQl.as(guest).document(SEND).variable("id", id).variable("body", " ").execute(),
				"sendMessage", "body");
		assertInvalid(graphQl.as(guest).document(SEND).variable("id", id).variable("body", "z".repeat(5001)).execute(),
				"sendMessage", "body");
		assertThat(bodies(guest, id)).containsExactly("Hello");
	}

	@Test
	void aSubscriberGetsEachNewMessageMaskedAsTheySeeIt() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		String id = open(guest, propertyId, "Hello");
		try (GraphQlSocket hostSocket = GraphQlSocket.open(port, host.accessToken());
				GraphQlSocket guestSocket = GraphQlSocket.open(port, guest.accessToken())) {
			hostSocket.next("connection_ack");
			guestSocket.next("connection_ack");
			hostSocket.subscribe("1", SUBSCRIBE, Map.of("id", id));
			guestSocket.subscribe("1", SUBSCRIBE, Map.of("id", id));
			GraphQlSocket.awaitLive(List.of(hostSocket, guestSocket), i -> api
				.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
			// a message over REST reaches both subscribers: masked for the host, as written for its sender
			String sent = api.post("/api/v1/conversations/" + id + "/messages",
					Map.of("body", "My number is (415) 555-0100, see www.example.com")).as(guest).send().body()
				.path("id").asString();
			JsonNode forHost = hostSocket.next("next");
			assertThat(forHost.path("id").asString()).isEqualTo("1");
			JsonNode message = forHost.path("payload").path("data").path("messageAdded");
			assertThat(message.path("id").asString()).isEqualTo(sent);
			assertThat(message.path("conversationId").asString()).isEqualTo(id);
			assertThat(message.path("senderId").asString()).isEqualTo(guest.id().toString());
			assertThat(message.path("body").asString()).isEqualTo("My number is [hidden], see [hidden]");
			assertThat(guestSocket.next("next").path("payload").path("data").path("messageAdded").path("body")
				.asString()).isEqualTo("My number is (415) 555-0100, see www.example.com");

			// a message in another conversation does not reach them
			String other = open(guest, Listings.id(listings.create(accounts.host())), "Elsewhere");
			assertThat(other).isNotEqualTo(id);
			graphQl.as(host).document(SEND).variable("id", id).variable("body", "Welcome!").execute();
			assertThat(hostSocket.next("next").path("payload").path("data").path("messageAdded").path("body").asString())
				.isEqualTo("Welcome!");
			assertThat(guestSocket.next("next").path("payload").path("data").path("messageAdded").path("body")
				.asString()).isEqualTo("Welcome!");
		}
	}

	@Test
	void aSubscriptionEndsWhenItsAccountsTokensAreRevoked() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket hostSocket = GraphQlSocket.open(port, host.accessToken())) {
			hostSocket.next("connection_ack");
			hostSocket.subscribe("1", SUBSCRIBE, Map.of("id", id));
			GraphQlSocket.awaitLive(List.of(hostSocket), i -> api
				.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
			// a new password ends every session of the account, this socket's included
			assertThat(api.patch("/api/v1/users/me", Map.of("password", "a brand new password", "current_password",
					host.password())).as(host).send().status()).isEqualTo(200);
			api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Still there?")).as(guest).send();
			JsonNode ended = hostSocket.next();
			assertThat(ended.path("type").asString()).as(ended.toString()).isEqualTo("complete");
			assertThat(ended.path("id").asString()).isEqualTo("1");
		}
	}

	@Test
	void aSubscriptionOverServerSentEventsEndsWhenItsAccountsTokensAreRevoked() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
		HttpRequest subscribe = serverSentEvents(host, id);
		HttpClient client = HttpClient.newHttpClient();
		try {
			// the headers come with the first event or keep-alive: read the lines in the background from then on
			client.sendAsync(subscribe, HttpResponse.BodyHandlers.ofLines())
				.thenAccept(response -> response.body().forEach(lines::add));
			boolean live = false;
			for (int i = 0; i < 50 && !live; i++) {
				api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send();
				live = nextLineContaining(lines, "ping " + i, Duration.ofMillis(300)) != null;
			}
			assertThat(live).as("the subscription never received a ping").isTrue();
			// a new password ends every session of the account, this stream's included
			assertThat(api.patch("/api/v1/users/me", Map.of("password", "a brand new password", "current_password",
					host.password())).as(host).send().status()).isEqualTo(200);
			api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Still there?")).as(guest).send();
			String next = nextLineContaining(lines, "event:", Duration.ofSeconds(10));
			assertThat(next).as("the stream after the revocation").isEqualTo("event:complete");
			assertThat(lines).noneMatch(line -> line.contains("Still there?"));
		}
		finally {
			// close() would wait for the stream to end
			client.shutdownNow();
		}
	}

	/**
	 * A subscription over server-sent events (graphql-sse, or a page's fetch) on a quiet conversation: its headers
	 * waited for the first message, and after 30 s without one, the servlet container's asynchronous request timeout
	 * ended the stream with a 503. It now gets its headers and a keep-alive comment at once every few seconds, and
	 * stays open until its access token expires.
	 * <p>
	 * The container's timeout is lowered to {@link #CONTAINER_ASYNC_TIMEOUT} for this test's request (Tomcat reads its
	 * connector's at each {@code startAsync}; tests run one at a time), so that outliving it takes seconds, not 35 s,
	 * and in the shared context: a context of its own would cost more than the wait it saves.
	 */
	@Test
	void aQuietSubscriptionOverServerSentEventsStaysOpen() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
		HttpRequest subscribe = serverSentEvents(host, id);
		HttpClient client = HttpClient.newHttpClient();
		Connector connector = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector();
		long containerDefault = connector.getAsyncTimeout();
		connector.setAsyncTimeout(CONTAINER_ASYNC_TIMEOUT.toMillis());
		try {
			long start = System.nanoTime();
			HttpResponse<java.util.stream.Stream<String>> response = client
				.sendAsync(subscribe, HttpResponse.BodyHandlers.ofLines())
				.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("text/event-stream"));
			Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
			// past the container's timeout (its poller looks about once a second), with nothing written to the
			// conversation, and past one keep-alive comment (5 s)
			Duration quiet = CONTAINER_ASYNC_TIMEOUT.plusSeconds(4).minusNanos(System.nanoTime() - start);
			assertThat(nextLineContaining(lines, "event:", quiet)).as("the stream while quiet").isNull();
			api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Still there?")).as(guest).send();
			assertThat(nextLineContaining(lines, "Still there?", Duration.ofSeconds(10)))
				.as("the stream after the container's asynchronous request timeout")
				.isNotNull();
		}
		finally {
			connector.setAsyncTimeout(containerDefault);
			client.shutdownNow();
		}
	}

	/** {@code messageAdded} of conversation {@code id} as {@code who}, over server-sent events. */
	private HttpRequest serverSentEvents(TestUser who, String id) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Authorization", "Bearer " + who.accessToken())
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("query", SUBSCRIBE, "variables", Map.of("id", id)))))
			.build();
	}

	/** The first line containing {@code text} within {@code wait} (those before it dropped, except data lines), or null. */
	private static String nextLineContaining(LinkedBlockingQueue<String> lines, String text, Duration wait)
			throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null || line.contains(text)) {
				return line;
			}
			assertThat(line).doesNotContain("Still there?");
		}
	}

	@Test
	void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket hostSocket = GraphQlSocket.open(port, host.accessToken())) {
			hostSocket.next("connection_ack");
			hostSocket.subscribe("1", SUBSCRIBE, Map.of("id", id));
			GraphQlSocket.awaitLive(List.of(hostSocket), i -> api
				.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
			// past the access token's 15 minutes: the next message is not delivered, the subscription completes
			clock.advance(Duration.ofMinutes(16));
			TestUser guestAgain = accounts.login(guest.email(), guest.password());
			assertThat(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Later")).as(guestAgain)
				.send().status()).isEqualTo(201);
			JsonNode ended = hostSocket.next();
			assertThat(ended.path("type").asString()).as(ended.toString()).isEqualTo("complete");
		}
	}

	@Test
	void anAccountHoldsAtMostTenSubscriptionsAtOnce() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket socket = GraphQlSocket.open(port, host.accessToken())) {
			socket.next("connection_ack");
			for (int i = 0; i < 10; i++) {
				socket.subscribe("s" + i, SUBSCRIBE, Map.of("id", id));
			}
			// "Hello" reaches subscribers through the bus a moment after its commit (over PostgreSQL a NOTIFY, then a
			// query on the listening node): on a loaded machine it came to s0 as a "next" ahead of the "error" awaited
			// below (6 runs in 40). Once all ten have received the same later ping, they are all registered and
			// nothing written before the ping is still on its way (a subscription keeps the order).
			socket.awaitLive(10, i -> api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i))
				.as(guest).send());
			socket.subscribe("s10", SUBSCRIBE, Map.of("id", id));
			JsonNode error = socket.next("error");
			assertThat(error.path("id").asString()).isEqualTo("s10");
			assertThat(error.path("payload").get(0).path("extensions").path("code").asString())
				.isEqualTo("too_many_subscriptions");
		}
		// closing the socket ends its subscriptions (a moment after the close): the account may subscribe again
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
			try (GraphQlSocket socket = GraphQlSocket.open(port, host.accessToken())) {
				socket.next("connection_ack");
				socket.subscribe("again", SUBSCRIBE, Map.of("id", id));
				GraphQlSocket.awaitLive(List.of(socket), i -> api
					.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i)).as(guest).send());
				return true;
			}
			catch (AssertionError refused) {
				// the first socket's subscriptions were not released yet: try again
				return false;
			}
		});
	}

	/**
	 * A conversation id that is no UUID is the caller's bad input, as it is to the query {@code conversation}: it was an
	 * INTERNAL_ERROR ("Something went wrong on our side", logged as an unhandled error), over WebSocket and SSE alike.
	 */
	@Test
	void aSubscriptionToAMalformedIdIsABadRequestAsAQueryIs() throws Exception {
		TestUser guest = accounts.guest();
		assertInvalid(graphQl.as(guest).document(ONE).variable("id", "not-a-uuid").execute(), "conversation", "id");
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			socket.subscribe("s1", SUBSCRIBE, Map.of("id", "not-a-uuid"));
			JsonNode error = socket.next("error").path("payload").get(0);
			assertThat(error.path("extensions").path("classification").asString()).as(error.toString())
				.isEqualTo("BAD_REQUEST");
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("validation_failed");
			assertThat(error.path("extensions").path("errors").get(0).path("field").asString())
				.isEqualTo("conversationId");
		}
		HttpResponse<String> overSse = HttpClient.newHttpClient()
			.send(serverSentEvents(guest, "not-a-uuid"), HttpResponse.BodyHandlers.ofString());
		assertThat(overSse.body()).contains("\"classification\":\"BAD_REQUEST\"")
			.contains("\"code\":\"validation_failed\"")
			.doesNotContain("INTERNAL_ERROR");
	}

	/**
	 * A {@code connection_init} whose {@code Authorization} is not a Bearer credential (another scheme, a bare token,
	 * a blank string, a number, an object, a token of characters no token has) closes the socket with 4401, as HTTP
	 * answers such a header with a 401; a blank, a number or an object was taken for no credential and the socket went
	 * on as anonymous, and a bare token was accepted where HTTP refuses it. A NUL in any message closes it with 4400
	 * (invalid message); it was a 1011 and an ERROR stack trace that logged the token. A Bearer credential, and a
	 * bare token under {@code token}, are acknowledged.
	 */
	@Test
	void anAuthorizationOfAnotherSchemeClosesTheSocketAs4401() {
		String token = accounts.guest().accessToken();
		List<Object> refused = List.of("Basic dXNlcjpwYXNz", "garbage", "", "   ", token, "Token " + token, 42,
				Map.of("Bearer", token), "Bearer " + token + " x", "Bearer \u0085");
		for (Object credentials : refused) {
			for (String key : List.of("Authorization", "authorization")) {
				try (GraphQlSocket socket = GraphQlSocket.init(port, Map.of(key, credentials))) {
					assertThat(socket.closeCode()).as(key + ": " + credentials).isEqualTo(4401);
				}
			}
		}
		// a NUL is refused in every JSON the service reads: the message is invalid (4400), not a server error (1011)
		for (String credentials : List.of("Bearer " + token + "\u0000", "Basic\u0000", "Bearer \u0000")) {
			try (GraphQlSocket socket = GraphQlSocket.init(port, Map.of("Authorization", credentials))) {
				assertThat(socket.closeCode()).as(credentials.replace("\u0000", "<NUL>")).isEqualTo(4400);
			}
		}
		try (GraphQlSocket socket = GraphQlSocket.open(port, token)) {
			socket.next("connection_ack");
			socket.subscribe("s1", SUBSCRIBE, Map.of("id", "a\u0000b"));
			assertThat(socket.closeCode()).isEqualTo(4400);
		}
		for (Map<String, Object> accepted : List.<Map<String, Object>>of(Map.of("Authorization", "Bearer " + token),
				Map.of("authorization", "bearer " + token), Map.of("token", token), Map.of())) {
			try (GraphQlSocket socket = GraphQlSocket.init(port, accepted)) {
				socket.next("connection_ack");
			}
		}
	}

	@Test
	void aNonParticipantGetsANotFoundErrorNotAStream() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket socket = GraphQlSocket.open(port, accounts.guest().accessToken())) {
			socket.next("connection_ack");
			socket.subscribe("s1", SUBSCRIBE, Map.of("id", id));
			JsonNode error = socket.next("error");
			assertThat(error.path("id").asString()).isEqualTo("s1");
			assertThat(error.path("payload").get(0).path("extensions").path("classification").asString())
				.isEqualTo("NOT_FOUND");
			api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Secret")).as(guest).send();
			assertThat(socket.quietFor(Duration.ofMillis(500))).isTrue();
		}
		try (GraphQlSocket anonymous = GraphQlSocket.open(port, null)) {
			anonymous.next("connection_ack");
			anonymous.subscribe("s2", SUBSCRIBE, Map.of("id", id));
			assertThat(anonymous.next("error").path("payload").get(0).path("extensions").path("classification")
				.asString()).isEqualTo("UNAUTHORIZED");
		}
		try (GraphQlSocket forged = GraphQlSocket.open(port, "not-a-token")) {
			assertThat(forged.closeCode()).isEqualTo(4401);
		}
	}

	/** The classification of the first error of an operation's result over the socket. */
	private static String classification(JsonNode result) {
		return result.path("errors").path(0).path("extensions").path("classification").asString();
	}

	/**
	 * Queries and mutations over the socket (graphql-ws clients send them there too) run as the socket's caller, as
	 * over HTTP with that token: they ran as if anonymous, refused UNAUTHORIZED, since only the subscription read the
	 * socket's caller.
	 */
	@Test
	void queriesAndMutationsOverTheSocketRunAsItsCaller() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			JsonNode one = socket.execute("q1", ONE, Map.of("id", id));
			assertThat(one.path("errors").isMissingNode()).as(one.toString()).isTrue();
			assertThat(one.path("data").path("conversation").path("id").asString()).isEqualTo(id);
			assertThat(one.path("data").path("conversation").path("host").path("id").asString())
				.isEqualTo(host.id().toString());
			JsonNode list = socket.execute("q2", LIST, Map.of("first", 10));
			assertThat(list.path("data").path("conversations").path("edges").path(0).path("node").path("id")
				.asString()).as(list.toString()).isEqualTo(id);

			JsonNode sent = socket.execute("m1", SEND, Map.of("id", id, "body", "Over the socket"));
			assertThat(sent.path("errors").isMissingNode()).as(sent.toString()).isTrue();
			assertThat(sent.path("data").path("sendMessage").path("senderId").asString())
				.isEqualTo(guest.id().toString());
		}
		assertThat(bodies(host, id)).containsExactly("Hello", "Over the socket");
	}

	/**
	 * An anonymous socket stays anonymous for every operation, and another account's socket is refused a
	 * conversation it is not part of as over HTTP (NOT_FOUND), for a query and a mutation alike.
	 */
	@Test
	void anAnonymousOrAnotherAccountsSocketIsRefusedAsOverHttp() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket anonymous = GraphQlSocket.open(port, null)) {
			anonymous.next("connection_ack");
			assertThat(classification(anonymous.execute("q1", ONE, Map.of("id", id)))).isEqualTo("UNAUTHORIZED");
			assertThat(classification(anonymous.execute("m1", SEND, Map.of("id", id, "body", "hi"))))
				.isEqualTo("UNAUTHORIZED");
		}
		try (GraphQlSocket stranger = GraphQlSocket.open(port, accounts.guest().accessToken())) {
			stranger.next("connection_ack");
			JsonNode one = stranger.execute("q1", ONE, Map.of("id", id));
			assertThat(classification(one)).as(one.toString()).isEqualTo("NOT_FOUND");
			assertThat(one.path("data").path("conversation").isNull()).isTrue();
			assertThat(classification(stranger.execute("m1", SEND, Map.of("id", id, "body", "hi"))))
				.isEqualTo("NOT_FOUND");
			assertThat(stranger.execute("q2", LIST, Map.of("first", 10)).path("data").path("conversations")
				.path("edges").isEmpty()).isTrue();
		}
		assertThat(bodies(guest, id)).containsExactly("Hello");
	}

	/**
	 * An operation over the socket after its sign-in ended (the token expired, or the account's tokens revoked) is
	 * refused UNAUTHORIZED before it runs (an {@code error} message), as HTTP refuses that token; it runs neither as
	 * the caller nor as anonymous.
	 */
	@Test
	void anOperationAfterTheSocketsSignInEndedIsRefused() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = open(guest, Listings.id(listings.create(host)), "Hello");
		try (GraphQlSocket socket = GraphQlSocket.open(port, guest.accessToken())) {
			socket.next("connection_ack");
			assertThat(socket.execute("q1", ONE, Map.of("id", id)).path("data").path("conversation").path("id")
				.asString()).isEqualTo(id);
			clock.advance(Duration.ofMinutes(16));
			assertThat(refused(socket, "q2", ONE, Map.of("id", id))).isEqualTo("UNAUTHORIZED");
		}
		clock.reset();
		TestUser hostAgain = accounts.login(host.email(), host.password());
		try (GraphQlSocket socket = GraphQlSocket.open(port, hostAgain.accessToken())) {
			socket.next("connection_ack");
			assertThat(socket.execute("q1", ONE, Map.of("id", id)).path("data").path("conversation").path("id")
				.asString()).isEqualTo(id);
			assertThat(api.patch("/api/v1/users/me", Map.of("password", "a brand new password", "current_password",
					host.password())).as(hostAgain).send().status()).isEqualTo(200);
			assertThat(refused(socket, "m1", SEND, Map.of("id", id, "body", "hi"))).isEqualTo("UNAUTHORIZED");
		}
		assertThat(bodies(guest, id)).containsExactly("Hello");
	}

	/** The classification of the {@code error} message refusing an operation before it runs (no complete after it). */
	private static String refused(GraphQlSocket socket, String id, String document, Map<String, Object> variables) {
		socket.subscribe(id, document, variables);
		JsonNode error = socket.next("error");
		assertThat(error.path("id").asString()).isEqualTo(id);
		return error.path("payload").path(0).path("extensions").path("classification").asString();
	}
}
