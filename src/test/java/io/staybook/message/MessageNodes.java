package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.StaybookApplication;
import io.staybook.test.Accounts;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.Listings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes of the service (two application contexts on random ports) sharing the database, and Redis when
 * {@link #redisUrl()} names one: a {@code messageAdded} subscription on node A receives a message sent over REST to
 * node B, masked for the subscriber. Subclasses choose the bus between the nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MessageNodes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ConfigurableApplicationContext nodeA;

	ConfigurableApplicationContext nodeB;

	/** The Redis both nodes use, or blank for none. */
	abstract String redisUrl();

	@BeforeAll
	void start() {
		nodeA = node();
		nodeB = node();
	}

	private ConfigurableApplicationContext node() {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				// one signing key for both nodes, as a deployment's nodes share theirs: a token from A is good on B
				"--staybook.jwt.secret=two-nodes-share-this-test-signing-key-0123456789"));
		if (!redisUrl().isBlank()) {
			args.add("--spring.data.redis.url=" + redisUrl());
		}
		return new SpringApplicationBuilder(StaybookApplication.class).profiles("test").run(args.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
	}

	static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static JsonNode call(ConfigurableApplicationContext node, String method, String path, Object body,
			String token, int expected) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(node) + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

	/** Registers on node B and logs in on node A: the account and its token are good on every node. */
	String[] user(String role) throws Exception {
		String email = Accounts.uniqueEmail("nodes-" + role);
		JsonNode created = call(nodeB, "POST", "/api/v1/users", Map.of("first_name", "Node", "last_name", role, "email",
				email, "password", Accounts.PASSWORD, "role", role), null, 201);
		String token = call(nodeA, "POST", "/api/v1/auth/token", Map.of("email", email, "password", Accounts.PASSWORD),
				null, 200).path("access_token").asString();
		return new String[] { created.path("id").asString(), token };
	}

	/** A host and a guest ({id, token} each), and the id of the guest's conversation about the host's listing. */
	record Parties(String[] host, String[] guest, String id) {
	}

	/** New parties to a new conversation, opened on node B. */
	Parties conversation() throws Exception {
		String[] host = user("host");
		String[] guest = user("guest");
		String propertyId = call(nodeA, "POST", "/api/v1/properties", Listings.defaults(), host[1], 201).path("id")
			.asString();
		String id = call(nodeB, "POST", "/api/v1/conversations", Map.of("property_id", propertyId, "body", "Hello"),
				guest[1], 201).path("id").asString();
		return new Parties(host, guest, id);
	}

	/** Subscribes on node A as {@code reader} ({id, token}) and waits until pings sent to node B arrive. */
	GraphQlSocket subscribeOnA(String[] reader, String[] sender, String id) throws Exception {
		GraphQlSocket socket = GraphQlSocket.open(port(nodeA), reader[1]);
		socket.next("connection_ack");
		socket.subscribe("a", """
				subscription($id: ID!) { messageAdded(conversationId: $id) { id senderId body } }""", Map.of("id", id));
		awaitPingsFromB(socket, sender, id);
		return socket;
	}

	/** Sends pings to node B until {@code socket} receives one (see {@link GraphQlSocket#awaitLive}). */
	void awaitPingsFromB(GraphQlSocket socket, String[] sender, String id) throws Exception {
		GraphQlSocket.awaitLive(List.of(socket), i -> {
			try {
				call(nodeB, "POST", "/api/v1/conversations/" + id + "/messages", Map.of("body", "ping " + i), sender[1],
						201);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void aSubscriberOnOneNodeReceivesAMessageSentToTheOther() throws Exception {
		Parties parties = conversation();
		try (GraphQlSocket socket = subscribeOnA(parties.host(), parties.guest(), parties.id())) {
			JsonNode sent = call(nodeB, "POST", "/api/v1/conversations/" + parties.id() + "/messages",
					Map.of("body", "Text me on +1 415 555 0100"), parties.guest()[1], 201);
			JsonNode next = socket.next("next");
			JsonNode message = next.path("payload").path("data").path("messageAdded");
			assertThat(message.path("id").asString()).isEqualTo(sent.path("id").asString());
			assertThat(message.path("senderId").asString()).isEqualTo(parties.guest()[0]);
			assertThat(message.path("body").asString()).isEqualTo("Text me on [hidden]");
		}
	}
}
