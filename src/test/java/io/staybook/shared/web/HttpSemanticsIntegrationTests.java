package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP semantics as clients, proxies and caches use them (RFC 9110): HEAD, OPTIONS and the 405's {@code Allow} on the
 * GraphQL endpoint as on the REST API, {@code Accept} ranges that refuse everything ({@code q=0}) or take only problem
 * documents, or that refuse JSON by a range more specific than the one taking it, on REST and GraphQL alike, the payouts
 * summary that varies by {@code Accept}, a request with two {@code Authorization} or {@code Content-Type} headers, and
 * {@code Expect: 100-continue}.
 */
@IntegrationTest
class HttpSemanticsIntegrationTests {

	private static final String TYPENAME = "/graphql?query=" + URLEncoder.encode("{ __typename }", StandardCharsets.UTF_8);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@LocalServerPort
	int port;

	@Test
	void graphQlTakesHeadAndOptionsAndAnswersAnyOtherMethod405WithAllow() {
		Api.Response get = api.get(TYPENAME).send();
		Api.Response head = api.request("HEAD", TYPENAME).send();

		assertThat(head.status()).as(head.toString()).isEqualTo(get.status()).isEqualTo(200);
		assertThat(head.text()).isEmpty();
		assertThat(head.contentType()).isEqualTo(get.contentType());

		Api.Response options = api.request("OPTIONS", "/graphql").send();
		assertThat(options.status()).as(options.toString()).isEqualTo(200);
		assertThat(methods(options)).containsExactlyInAnyOrder("GET", "HEAD", "POST", "OPTIONS");

		for (String method : List.of("PUT", "PATCH", "DELETE")) {
			Api.Response refused = api.request(method, "/graphql").send();
			assertThat(assertProblem(refused, 405).path("code").asString()).isEqualTo("method_not_allowed");
			assertThat(methods(refused)).as(method).isEqualTo(methods(options));
		}
	}

	@Test
	void graphiQlsPageTakesHead() {
		Api.Response get = api.get("/graphiql").send();
		Api.Response head = api.request("HEAD", "/graphiql").send();

		assertThat(head.status()).as(head.toString()).isEqualTo(get.status()).isEqualTo(200);
		assertThat(head.text()).isEmpty();
		assertThat(head.contentType()).isEqualTo(get.contentType());
		assertThat(head.header("Content-Security-Policy")).isEqualTo(get.header("Content-Security-Policy"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "*/*;q=0", "application/problem+json",
			"application/json;q=0, application/graphql-response+json;q=0" })
	void aGraphQlGetWhoseAcceptTakesNoGraphQlAnswerIsA406Problem(String accept) {
		Api.Response refused = api.get(TYPENAME).header("Accept", accept).send();

		assertThat(assertProblem(refused, 406).path("code").asString()).isEqualTo("not_acceptable");
		assertThat(api.get(TYPENAME).header("Accept", "application/json;q=0, application/graphql-response+json")
			.send()
			.contentType()).startsWith("application/graphql-response+json");
	}

	/** The 405's Allow is what OPTIONS lists, HEAD and OPTIONS included (RFC 9110 §15.5.6), token or not. */
	@Test
	void a405ListsEveryMethodThePathTakes() {
		String property = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));
		for (String path : List.of("/api/v1/properties", property, "/api/v1/users/me", "/api/v1/payouts/summary")) {
			Set<String> options = methods(api.request("OPTIONS", path).send());
			Api.Response anonymous = api.request("PUT", path).send();
			Api.Response signedIn = api.request("PUT", path).as(accounts.host()).send();

			assertProblem(anonymous, 405);
			assertProblem(signedIn, 405);
			assertThat(methods(anonymous)).as(path).isEqualTo(options).contains("HEAD", "OPTIONS");
			assertThat(methods(signedIn)).as(path).isEqualTo(options);
		}
	}

	/** {@code q=0} is "not acceptable" (RFC 9110 §12.4.2); no listing is a problem document. */
	@ParameterizedTest
	@ValueSource(strings = { "*/*;q=0", "application/json;q=0", "application/problem+json" })
	void anAcceptThatRefusesJsonOrTakesOnlyProblemsIsA406Problem(String accept) {
		String property = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));

		Api.Response refused = api.get(property).header("Accept", accept).send();

		assertThat(assertProblem(refused, 406).path("code").asString()).isEqualTo("not_acceptable");
		assertThat(api.get(property).header("Accept", "application/json, application/problem+json").send().status())
			.isEqualTo(200);
		// an error is a problem whatever the Accept
		assertProblem(api.get("/api/v1/properties/00000000-0000-7000-8000-000000000000").header("Accept", accept).send(),
				404);
	}

	/**
	 * Objects are JSON and nothing else: springdoc's Jackson 2 YAML on the class path had Spring MVC answer
	 * {@code Accept: application/yaml} with a 200 in YAML (camelCase names, dates as arrays of numbers, a listing's
	 * detail as an empty body), and read a YAML body past the strict JSON reader, a token included.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "application/yaml", "application/*+yaml", "application/yaml, text/yaml;q=0.5",
			"application/x-yaml", "text/yaml", "application/cbor", "application/x-jackson-smile", "application/xml",
			"application/x-protobuf" })
	void anObjectIsWrittenInNoFormatButJson(String accept) {
		Accounts.TestUser host = accounts.host();
		String property = "/api/v1/properties/" + Listings.id(listings.create(host));
		for (String path : List.of(property, property + "/calendar?from=2030-01-01&to=2030-01-03", "/api/v1/users/me",
				"/api/v1/bookings")) {
			Api.Response refused = api.get(path).as(host).header("Accept", accept).send();
			assertThat(assertProblem(refused, 406).path("code").asString()).as(path).isEqualTo("not_acceptable");
			assertThat(java.util.Objects.toString(refused.header("Accept"), "")).as(path).doesNotContain("yaml")
				.doesNotContain("cbor");
		}
		Api.Response json = api.get(property).header("Accept", accept + ", application/json;q=0.1").send();
		assertThat(json.status()).as(json.toString()).isEqualTo(200);
		assertThat(json.contentType()).startsWith("application/json");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/yaml", "application/x-yaml", "application/cbor", "application/xml" })
	void aBodyInAnotherFormatThanJsonIsA415AndChangesNothing(String type) {
		Accounts.TestUser guest = accounts.guest();
		Api.Response token = api.post("/api/v1/auth/token", null)
			.header("Content-Type", type)
			.raw("email: " + guest.email() + "\npassword: " + guest.password() + "\n")
			.send();
		assertThat(assertProblem(token, 415).path("code").asString()).isEqualTo("unsupported_media_type");
		assertThat(token.text()).doesNotContain("access_token");

		String before = api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString();
		Api.Response patch = api.patch("/api/v1/users/me", null).as(guest)
			.header("Content-Type", type)
			.raw("first_name: Yaml\n")
			.send();
		assertProblem(patch, 415);
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString()).isEqualTo(before);
	}

	/** JSON or CSV by Accept: anything else is a 406, and both say Vary: Accept (RFC 9110 §12.5.5). */
	@Test
	void thePayoutSummaryRefusesWhatItCannotWriteAndVariesByAccept() {
		Accounts.TestUser host = accounts.host();
		for (String accept : List.of("text/html", "application/xml", "*/*;q=0", "application/problem+json")) {
			Api.Response refused = api.get("/api/v1/payouts/summary").as(host).header("Accept", accept).send();
			assertThat(assertProblem(refused, 406).path("code").asString()).as(accept).isEqualTo("not_acceptable");
		}
		Api.Response json = api.get("/api/v1/payouts/summary").as(host).send();
		Api.Response csv = api.get("/api/v1/payouts/summary").as(host).header("Accept", "text/csv").send();

		assertThat(json.contentType()).startsWith("application/json");
		assertThat(csv.contentType()).startsWith("text/csv");
		for (Api.Response response : List.of(json, csv)) {
			assertThat(response.headers().allValues("Vary").stream().flatMap(v -> Arrays.stream(v.split(",")))
				.map(String::strip)).contains("Accept");
		}
	}

	/** Authorization holds one credential; of two, Spring took the first where a proxy may have judged the last. */
	@Test
	void twoAuthorizationHeadersAreRefused() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/me"))
				.header("Authorization", "Bearer " + accounts.guest().accessToken())
				.header("Authorization", "Bearer " + accounts.host().accessToken())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("email");
	}

	/**
	 * The most specific range decides (RFC 9110 §12.5.1): {@code application/json;q=0, *}{@code /*} refuses JSON
	 * although {@code *}{@code /*} takes it, so a listing is a 406 and the payout summary comes as CSV; both were JSON.
	 */
	@Test
	void aRangeThatRefusesJsonWinsOverAWildcardThatTakesIt() {
		String property = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));
		for (String accept : List.of("application/json;q=0, */*", "application/json;q=0, application/*",
				"*/*, application/json;q=0")) {
			Api.Response refused = api.get(property).header("Accept", accept).send();
			assertThat(assertProblem(refused, 406).path("code").asString()).as(accept).isEqualTo("not_acceptable");
		}
		assertThat(api.get(property).header("Accept", "application/json;q=0.1, */*").send().status()).isEqualTo(200);

		Accounts.TestUser host = accounts.host();
		Api.Response csv = api.get("/api/v1/payouts/summary").as(host).header("Accept", "application/json;q=0, */*").send();
		assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		// a malformed Accept is a 406 here as on every other operation, not JSON regardless
		assertProblem(api.get("/api/v1/payouts/summary").as(host).header("Accept", "not a type").send(), 406);
	}

	/**
	 * GraphQL's answer type by the Accept's qualities, GET and POST alike (GraphQL over HTTP, "Accept"): Spring took
	 * the first listed type it knew, ignoring q, and fell back to JSON; a malformed Accept on a GET was a 500.
	 */
	@Test
	void graphQlChoosesItsAnswerTypeByQuality() {
		Map<String, String> chosen = new java.util.LinkedHashMap<>();
		chosen.put("application/json;q=0, */*", "application/graphql-response+json");
		chosen.put("application/graphql-response+json;q=0.9, application/json;q=0.5", "application/graphql-response+json");
		chosen.put("application/json, application/graphql-response+json;q=0.5", "application/json");
		chosen.put("*/*", "application/json");
		chosen.put("application/graphql-response+json, application/json", "application/graphql-response+json");
		chosen.forEach((accept, type) -> {
			for (Api.Response response : List.of(api.post("/graphql", Map.of("query", "{ __typename }"))
				.header("Accept", accept)
				.send(), api.get(TYPENAME).header("Accept", accept).send())) {
				assertThat(response.status()).as(accept + ": " + response).isEqualTo(200);
				assertThat(response.contentType()).as(accept).startsWith(type);
			}
		});
		for (String accept : List.of("application/json;q=0, application/problem+json", "foo", "application/json;q=x",
				"text/html, application/json;q=0")) {
			Api.Response post = api.post("/graphql", Map.of("query", "{ __typename }")).header("Accept", accept).send();
			Api.Response get = api.get(TYPENAME).header("Accept", accept).send();
			assertThat(assertProblem(post, 406).path("code").asString()).as(accept).isEqualTo("not_acceptable");
			assertThat(assertProblem(get, 406).path("code").asString()).as(accept).isEqualTo("not_acceptable");
		}
	}

	/** A body has one type (RFC 9110 §8.3): of two Content-Type lines Tomcat read the first, a proxy may read the last. */
	@Test
	void twoContentTypeHeadersAreRefusedAndChangeNothing() throws IOException, InterruptedException {
		Accounts.TestUser guest = accounts.guest();
		String before = api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString();
		for (String[] types : List.of(new String[] { "application/json", "text/plain" },
				new String[] { "application/json", "application/json" })) {
			HttpResponse<String> patch = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/me"))
					.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"first_name\": \"Twice\"}"))
					.header("Authorization", "Bearer " + guest.accessToken())
					.header("Content-Type", types[0])
					.header("Content-Type", types[1])
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(patch.statusCode()).as(patch.body()).isEqualTo(415);
			assertThat(patch.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("first_name").asString()).isEqualTo(before);
	}

	/**
	 * {@code Expect: 100-continue} is answered when the body is read: an upload refused before (a bad token) gets its
	 * 401 at once, where Tomcat had invited the client to send its megabytes first (RFC 9110 §10.1.1).
	 */
	@Test
	void aRequestRefusedBeforeItsBodyGetsNoContinue() throws IOException {
		String target = "/api/v1/properties/" + Listings.id(listings.create(accounts.host())) + "/photos";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token\r\n"
						+ "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000000\r\n"
						+ "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String statusLine = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
				.readLine();
			assertThat(statusLine).startsWith("HTTP/1.1 401");
		}
	}

	/**
	 * Tomcat's 501 (a transfer coding it does not implement, RFC 9112 §6.1) and 505 (an HTTP version it does not speak)
	 * answer what the client sent: their problems no longer say that something went wrong on our side.
	 */
	@Test
	void whatTheContainerDoesNotImplementIsNotCalledOurFailure() throws IOException {
		for (String head : List.of("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n",
				"GET /api/v1/properties HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n")) {
			try (Socket socket = new Socket("localhost", port)) {
				socket.setSoTimeout(30_000);
				socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(response).as(head).matches("(?s)HTTP/1\\.1 50[15] .*")
					.contains("application/problem+json")
					.doesNotContain("our side");
			}
		}
	}

	private static Set<String> methods(Api.Response response) {
		return response.headers()
			.allValues("Allow")
			.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(method -> !method.isEmpty())
			.collect(Collectors.toSet());
	}
}
