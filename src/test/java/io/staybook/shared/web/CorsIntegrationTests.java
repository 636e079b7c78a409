package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 9 item 4: a browser on another origin (a front end on {@code http://localhost:3000}) can call the REST and
 * GraphQL APIs, read their headers, and read their error problems. The default configuration allows any origin.
 */
@IntegrationTest
class CorsIntegrationTests {

	private static final String ORIGIN = "http://localhost:3000";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@LocalServerPort
	int port;

	@Test
	void aPreflightForAnAuthenticatedPostIsAnsweredWithoutAToken() {
		for (String path : List.of("/api/v1/bookings", "/graphql")) {
			Api.Response preflight = preflight(path, "POST", "authorization,content-type,idempotency-key");

			assertThat(preflight.status()).as(path + ": " + preflight).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
			assertThat(preflight.header("Access-Control-Allow-Credentials")).as(path).isNull();
			assertThat(list(preflight.header("Access-Control-Allow-Methods"))).as(path).contains("post");
			assertThat(list(preflight.header("Access-Control-Allow-Headers"))).as(path)
				.contains("authorization", "content-type", "idempotency-key");
			assertThat(preflight.header("Access-Control-Max-Age")).as(path).isEqualTo("3600");
		}
		Api.Response conditional = preflight("/api/v1/properties/" + UUID.randomUUID(), "GET",
				"if-none-match,x-request-id");
		assertThat(list(conditional.header("Access-Control-Allow-Headers"))).contains("if-none-match", "x-request-id");
	}

	@Test
	void aPreflightAskingForTracingOrOtherClientHeadersIsAllowedAndEchoed() {
		String headers = "traceparent,tracestate,sentry-trace,baggage,x-requested-with,cache-control,"
				+ "apollo-require-preflight,authorization,content-type";
		for (String path : List.of("/api/v1/bookings", "/graphql")) {
			Api.Response preflight = preflight(path, "POST", headers);

			assertThat(preflight.status()).as(path + ": " + preflight).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
			assertThat(preflight.header("Access-Control-Allow-Credentials")).as(path).isNull();
			assertThat(list(preflight.header("Access-Control-Allow-Headers"))).as(path)
				.containsExactlyInAnyOrder(headers.split(","));
		}
	}

	@Test
	void aPreflightAskingForAnotherMethodIsRefused() {
		Api.Response preflight = preflight("/api/v1/bookings", "TRACE", "content-type");

		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(preflight.body().path("code").asString()).isEqualTo("cors_refused");
	}

	@Test
	void responsesLetTheBrowserReadTheirHeaders() {
		Api.Response listings = api.get("/api/v1/properties").header("Origin", ORIGIN).send();

		assertThat(listings.status()).isEqualTo(200);
		assertThat(listings.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(list(listings.header("Access-Control-Expose-Headers"))).contains("location", "etag", "retry-after",
				"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy", "x-request-id",
				"idempotency-replayed");

		Api.Response graphql = api.post("/graphql", Map.of("query", "{ __typename }")).header("Origin", ORIGIN).send();
		assertThat(graphql.status()).isEqualTo(200);
		assertThat(graphql.header("Access-Control-Allow-Origin")).isEqualTo("*");
	}

	/**
	 * A browser app downloads the payouts CSV with fetch (the bearer token rules out a plain link), and needs its file
	 * name; a 405 (a GraphQL mutation sent as GET) names the method to use in {@code Allow}. Neither was exposed.
	 */
	@Test
	void aDownloadsFileNameAndARefusalsAllowedMethodsAreReadable() {
		Api.Response refused = api.get("/graphql?query=mutation%7B__typename%7D").header("Origin", ORIGIN).send();

		assertThat(refused.status()).isEqualTo(405);
		assertThat(list(refused.header("Access-Control-Expose-Headers"))).contains("content-disposition", "allow");
	}

	@Test
	void errorsCarryCorsHeadersSoTheBrowserCanReadThem() {
		List<Api.Response> errors = List.of(api.get("/api/v1/users/me").header("Origin", ORIGIN).send(),
				api.get("/api/v1/users/" + UUID.randomUUID()).header("Origin", ORIGIN).send(),
				api.get("/api/v1/no-such-thing").as(accounts.guest()).header("Origin", ORIGIN).send(),
				api.post("/api/v1/users", "").raw(" ".repeat(1024 * 1024 + 1)).header("Origin", ORIGIN).send(),
				api.post("/api/v1/users", "").raw("{").header("Origin", ORIGIN).send());

		assertThat(errors).extracting(Api.Response::status).containsExactly(401, 404, 404, 413, 400);
		for (Api.Response error : errors) {
			assertProblem(error, error.status());
			assertThat(error.header("Access-Control-Allow-Origin")).as(error.toString()).isEqualTo("*");
		}
	}

	/**
	 * A browser app calls the API with an expired token, and to tell that from no token (to refresh, not to sign in)
	 * reads the 401's challenge: it was neither sent nor exposed.
	 */
	@Test
	void aRefusedTokensChallengeIsReadable() {
		Api.Response refused = api.get("/api/v1/users/me").header("Authorization", "Bearer expired.or.forged")
			.header("Origin", ORIGIN).send();

		assertProblem(refused, 401);
		assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"staybook\", error=\"invalid_token\"");
		assertThat(list(refused.header("Access-Control-Expose-Headers"))).contains("www-authenticate");
	}

	/**
	 * A page on another origin subscribes over the GraphQL WebSocket: its browser sends the page's {@code Origin} on
	 * the handshake, which Spring for GraphQL refused (403) for every origin but the service's own, whatever
	 * {@code staybook.cors.allowed-origins} said, so the page could query {@code /graphql} but never subscribe.
	 */
	@Test
	void aPageOnAnotherOriginCanSubscribeOverTheWebSocket() {
		try (GraphQlSocket socket = GraphQlSocket.open(port, accounts.guest().accessToken(), ORIGIN)) {
			assertThat(socket.next("connection_ack")).isNotNull();
		}
	}

	private Api.Response preflight(String path, String method, String headers) {
		return api.request("OPTIONS", path)
			.header("Origin", ORIGIN)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", headers)
			.send();
	}

	private static List<String> list(String header) {
		return header == null ? List.of()
				: Arrays.stream(header.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
	}
}
