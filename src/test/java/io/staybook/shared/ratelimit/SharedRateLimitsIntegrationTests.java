package io.staybook.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.StaybookApplication;
import io.staybook.test.Accounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes of the service (two application contexts) on one private Redis draw from the same rate-limit buckets
 * (issue 11: before, each node kept its own login throttle, and 10 wrong passwords across two nodes passed before the
 * first 429). Then Redis is stopped: limits fall back to each node's memory, still limit, and the nodes keep
 * answering. The last test stops Redis, so the order matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRateLimitsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static RedisServer redis;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static int address;

	@BeforeAll
	static void start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		nodeA = node(port);
		nodeB = node(port);
	}

	private static ConfigurableApplicationContext node(int redisPort) {
		// arguments, since default properties would yield to application-test.yaml's generous limits
		return new SpringApplicationBuilder(StaybookApplication.class).profiles("test")
			.run("--server.port=0", "--spring.data.redis.url=redis://127.0.0.1:" + redisPort,
					"--staybook.rate-limits.limits.login-ip.capacity=20",
					"--staybook.rate-limits.limits.login-ip.period=1h",
					"--staybook.rate-limits.limits.graphql.capacity=100",
					"--staybook.rate-limits.limits.graphql.period=1h");
	}

	@AfterAll
	static void stop() throws IOException {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	/** A client address of its own for each test (the service trusts X-Forwarded-For, as configured). */
	private static String newAddress() {
		return "203.0.113." + (++address);
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext node, String path, Map<String, ?> body,
			String clientAddress) throws Exception {
		String port = node.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", clientAddress)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> login(ConfigurableApplicationContext node, String email, String password,
			String clientAddress) throws Exception {
		return post(node, "/api/v1/auth/token", Map.of("email", email, "password", password), clientAddress);
	}

	private static String register(String clientAddress) throws Exception {
		String email = Accounts.uniqueEmail("shared");
		HttpResponse<String> created = post(nodeA, "/api/v1/users", Map.of("first_name", "Ada", "last_name",
				"Lovelace", "email", email, "password", Accounts.PASSWORD), clientAddress);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return email;
	}

	private static void assertThrottled(HttpResponse<String> response, String limit) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("code").asString()).isEqualTo("too_many_login_attempts");
		assertThat(response.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
		assertThat(response.headers().allValues("RateLimit-Policy")).anySatisfy(
				policy -> assertThat(policy).matches("\"" + limit + "\";q=[0-9]+;w=[0-9]+"));
		assertThat(response.headers().allValues("RateLimit"))
			.anySatisfy(state -> assertThat(state).matches("\"" + limit + "\";r=0;t=[1-9][0-9]*"));
	}

	@Test
	@Order(1)
	void twoNodesShareOneLoginBudgetPerEmail() throws Exception {
		String email = register(newAddress());
		String from = newAddress();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> failed = login(i % 2 == 0 ? nodeA : nodeB, email, "wrong password " + i, from);
			assertThat(failed.statusCode()).as("failure %d: %s", i + 1, failed.body()).isEqualTo(401);
		}

		assertThrottled(login(nodeB, email, Accounts.PASSWORD, from), RateLimits.LOGIN_EMAIL);
		assertThrottled(login(nodeA, email, Accounts.PASSWORD, from), RateLimits.LOGIN_EMAIL);
	}

	@Test
	@Order(2)
	void manyEmailsFromOneAddressAreLimitedAcrossNodes() throws Exception {
		String from = newAddress();
		int refusedAt = -1;
		for (int i = 0; i < 40 && refusedAt < 0; i++) {
			HttpResponse<String> response = login(i % 2 == 0 ? nodeA : nodeB, Accounts.uniqueEmail("spray"),
					"guess " + i, from);
			if (response.statusCode() == 429) {
				refusedAt = i;
				assertThrottled(response, RateLimits.LOGIN_IP);
			}
			else {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
				assertThat(response.headers().allValues("RateLimit-Policy")).contains("\"login-ip\";q=20;w=3600");
				String remaining = "\"login-ip\";r=" + (19 - i) + ";t=";
				assertThat(response.headers().allValues("RateLimit"))
					.anySatisfy(state -> assertThat(state).startsWith(remaining));
			}
		}
		assertThat(refusedAt).as("the 21st attempt from the address, across both nodes, is refused").isEqualTo(20);

		// another address still logs in
		String email = register(newAddress());
		assertThat(login(nodeB, email, Accounts.PASSWORD, newAddress()).statusCode()).isEqualTo(200);
	}

	/**
	 * GraphQL is limited by cost, not by request: each operation takes its complexity from one budget per caller that
	 * both nodes share (100 units here). A one-listing page costs 4 (1 for properties, 3 for its one edge: edges, node,
	 * id); a 23-listing page with titles costs 1 + 23 x 4 = 93 and drains what is left, so that the next cheap query,
	 * on the other node, is refused as a whole: a 429 with Retry-After and a GraphQL error too_many_requests.
	 */
	@Test
	@Order(2)
	void graphQlOperationsTakeTheirCostFromOneBudgetSharedByTheNodes() throws Exception {
		String from = newAddress();
		String cheap = "{ properties(first: 1) { edges { node { id } } } }";
		String costly = "{ properties(first: 23) { edges { node { id title } } } }";

		HttpResponse<String> first = graphQl(nodeA, cheap, from);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().allValues("RateLimit-Policy")).contains("\"graphql\";q=100;w=3600");
		assertThat(first.headers().allValues("RateLimit")).anySatisfy(s -> assertThat(s).startsWith("\"graphql\";r=96;"));

		HttpResponse<String> drained = graphQl(nodeB, costly, from);
		assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
		assertThat(JSON.readTree(drained.body()).path("errors").isMissingNode()).as(drained.body()).isTrue();
		assertThat(drained.headers().allValues("RateLimit")).anySatisfy(s -> assertThat(s).startsWith("\"graphql\";r=3;"));

		HttpResponse<String> refused = graphQl(nodeA, cheap, from);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
		JsonNode error = JSON.readTree(refused.body()).path("errors").path(0);
		assertThat(error.path("extensions").path("code").asString()).as(refused.body()).isEqualTo("too_many_requests");
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(JSON.readTree(refused.body()).path("data").isNull() || JSON.readTree(refused.body()).path("data").isMissingNode())
			.as("nothing ran").isTrue();

		// another caller has a budget of its own
		assertThat(graphQl(nodeB, cheap, newAddress()).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> graphQl(ConfigurableApplicationContext node, String query, String from)
			throws Exception {
		return post(node, "/graphql", Map.of("query", query), from);
	}

	@Test
	@Order(3)
	void withRedisDownEachNodeStillLimitsAndAnswers() throws Exception {
		String email = register(newAddress());
		redis.stop();

		String from = newAddress();
		long started = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> failed = login(nodeA, email, "wrong password " + i, from);
			assertThat(failed.statusCode()).as("failure %d: %s", i + 1, failed.body()).isEqualTo(401);
		}
		assertThrottled(login(nodeA, email, Accounts.PASSWORD, from), RateLimits.LOGIN_EMAIL);
		// the other node has its own bucket now, and answers too
		assertThat(login(nodeB, email, Accounts.PASSWORD, from).statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

		List<HttpResponse<String>> more = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			more.add(login(nodeB, Accounts.uniqueEmail("down"), "x", newAddress()));
		}
		assertThat(more).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
	}
}
