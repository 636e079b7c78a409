package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.LEAKS;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused for their method, protocol or header lines, sent over a raw socket where an HTTP client would
 * normalise them (RFC 9110, RFC 9112): TRACE's 405 lists the resource's methods, an unknown method is a 501, a request
 * refused before its body is read gets no {@code 100 Continue}, two {@code Idempotency-Key} lines are a 400, and an
 * HTTP/0.9 request is not answered.
 */
@IntegrationTest
class HttpRefusalsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@LocalServerPort
	int port;

	/** TRACE's 405 was Tomcat's, with the servlet's Allow (TRACE, PUT, DELETE on paths that take none of them). */
	@Test
	void traceIsA405ProblemThatListsTheResourcesMethods() throws IOException {
		String property = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));
		String token = accounts.guest().accessToken();
		for (String path : List.of("/api/v1/properties", property, "/api/v1/users/me", "/graphql")) {
			Set<String> options = methods(api.request("OPTIONS", path).send().headers().allValues("Allow"));
			for (String authorization : List.of("", "Authorization: Bearer " + token + "\r\n")) {
				Raw trace = send("TRACE " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization
						+ "Connection: close\r\n\r\n");
				assertThat(trace.status()).as(path + ": " + trace).isEqualTo(405);
				assertThat(trace.problem().path("code").asString()).as(path).isEqualTo("method_not_allowed");
				assertThat(methods(List.of(trace.headers().getOrDefault("allow", "")))).as(path)
					.isEqualTo(options)
					.doesNotContain("TRACE");
				assertThat(trace.body()).as(path).doesNotContain("Bearer");
			}
		}
	}

	/** RFC 9110 §15.6.2: a method the server does not recognise is 501, not the firewall's 400. */
	@Test
	void anUnknownMethodIsA501AndAKnownOneThePathDoesNotTakeA405() throws IOException {
		for (String method : List.of("FOO", "PROPFIND", "get")) {
			for (String path : List.of("/api/v1/properties", "/api/v1/users/me", "/no/such/path")) {
				Raw unknown = send(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
				assertThat(unknown.status()).as(method + " " + path + ": " + unknown).isEqualTo(501);
				assertThat(unknown.problem().path("code").asString()).isEqualTo("not_implemented");
				LEAKS.forEach(leak -> assertThat(unknown.body()).doesNotContain(leak));
			}
		}
		Raw put = send("PUT /api/v1/properties HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(put.status()).as(put.toString()).isEqualTo(405);
		assertThat(put.problem().path("code").asString()).isEqualTo("method_not_allowed");
	}

	/**
	 * RFC 9110 §10.1.1: a JSON request refused before its body is read (no or a bad token, a type no endpoint reads, a
	 * length over the limit) gets its final status at once; Tomcat sent 100 first, since a filter read every JSON body
	 * before security had looked at the token.
	 */
	@Test
	void aJsonRequestRefusedBeforeItsBodyGetsNoContinue() throws IOException {
		// a guest each, as the booking limit counts each user's attempts
		Map<String, String> heads = new LinkedHashMap<>();
		heads.put("no token", "Content-Type: application/json\r\nContent-Length: 60\r\n");
		heads.put("bad token", "Authorization: Bearer not-a-token\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 60\r\n");
		heads.put("chunked, bad token", "Authorization: Bearer not-a-token\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n");
		heads.put("not JSON", guest() + "Content-Type: text/plain\r\nContent-Length: 60\r\n");
		heads.put("no type", guest() + "Content-Length: 60\r\n");
		heads.put("too large", guest() + "Content-Type: application/json\r\nContent-Length: 5000000\r\n");
		Map<String, String> expected = Map.of("no token", "401", "bad token", "401", "chunked, bad token", "401",
				"not JSON", "415", "no type", "415", "too large", "413");
		heads.forEach((name, head) -> {
			String statusLine = firstLine("POST /api/v1/bookings HTTP/1.1\r\nHost: localhost\r\n" + head
					+ "Expect: 100-continue\r\n\r\n");
			assertThat(statusLine).as(name).startsWith("HTTP/1.1 " + expected.get(name));
		});
		// nor a form's, which Spring's FormContentFilter read for a PUT, PATCH or DELETE before security
		assertThat(firstLine("PATCH /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token"
				+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60\r\n"
				+ "Expect: 100-continue\r\n\r\n")).startsWith("HTTP/1.1 401");
		// one that will be read is invited to send its body
		assertThat(firstLine("POST /api/v1/bookings HTTP/1.1\r\nHost: localhost\r\n" + guest()
				+ "Content-Type: application/json\r\nContent-Length: 60\r\nExpect: 100-continue\r\n\r\n"))
			.startsWith("HTTP/1.1 100");
	}

	/**
	 * One request, one key (draft-ietf-httpapi-idempotency-key-header): Tomcat joined two lines into "a, b" or Spring
	 * took the first, so a retry carrying either key alone was another request.
	 */
	@Test
	void twoIdempotencyKeysAreA400ThatChangesNothing() throws IOException {
		String email = Accounts.uniqueEmail("twokeys");
		String body = Api.json(Map.of("first_name", "Two", "last_name", "Keys", "email", email, "password",
				"correct horse battery"));
		Raw twice = send("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Idempotency-Key: a\r\nIdempotency-Key: b\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);

		assertThat(twice.status()).as(twice.toString()).isEqualTo(400);
		assertThat(twice.problem().path("code").asString()).isEqualTo("duplicate_header");
		assertThat(api.post("/api/v1/users", Map.of("first_name", "Two", "last_name", "Keys", "email", email,
				"password", "correct horse battery")).send().status()).isEqualTo(201);
	}

	/**
	 * RFC 9110 §5.3: a field that is not a list is sent on one line. Two {@code X-Request-Id} lines are a 400, as two
	 * {@code Idempotency-Key}s are, and the answer carries a fresh id, neither of those sent: the first was taken, where
	 * a proxy in front may have logged the request under the last. Two {@code Origin} lines likewise, which CORS judged
	 * by the first.
	 */
	@Test
	void twoRequestIdsOrOriginsAreA400WithAFreshRequestId() throws IOException {
		for (String twice : List.of("X-Request-Id: first-id\r\nX-Request-Id: second-id\r\n",
				"Origin: https://app.staybook.example\r\nOrigin: https://evil.example\r\n")) {
			Raw refused = send("GET /api/v1/properties HTTP/1.1\r\nHost: localhost\r\n" + twice
					+ "Connection: close\r\n\r\n");
			assertThat(refused.status()).as(twice + refused).isEqualTo(400);
			assertThat(refused.problem().path("code").asString()).isEqualTo("duplicate_header");
			assertThat(refused.headers().get("x-request-id")).as(twice)
				.matches("[0-9a-f-]{36}")
				.doesNotContain("first-id", "second-id");
		}
		Raw once = send("GET /api/v1/properties HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: only-id\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(once.status()).isEqualTo(200);
		assertThat(once.headers().get("x-request-id")).isEqualTo("only-id");
	}

	/**
	 * Every other field the service reads as one value, sent on two lines, is a 4xx problem and changes nothing (a
	 * credential, a body's type or length, the host); list fields ({@code Accept}, {@code If-Match}) may repeat.
	 */
	@Test
	void everySingleValuedHeaderSentTwiceIsA4xxAndListsMayRepeat() throws IOException {
		String token = accounts.guest().accessToken();
		String body = "{\"first_name\":\"Twice\"}";
		String patch = "PATCH /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\n";
		Map<String, Integer> expected = new LinkedHashMap<>();
		expected.put(patch + "Authorization: Bearer " + token + "\r\nAuthorization: Bearer " + token
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n", 401);
		expected.put(patch + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n", 415);
		expected.put(patch + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\nContent-Length: " + body.length() + "\r\n", 400);
		expected.put(patch + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\nContent-Length: 5\r\n", 400);
		expected.put(patch + "Host: other\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json"
				+ "\r\nContent-Length: " + body.length() + "\r\n", 400);
		expected.forEach((head, status) -> {
			Raw refused = sendUnchecked(head + "Connection: close\r\n\r\n" + body);
			assertThat(refused.status()).as(head + "\n" + refused).isEqualTo(status);
			assertThat(refused.problem().path("code").asString()).as(head).isNotBlank();
			LEAKS.forEach(leak -> assertThat(refused.body()).as(head).doesNotContain(leak));
		});
		assertThat(api.get("/api/v1/users/me").as(token).send().body().path("first_name").asString())
			.isNotEqualTo("Twice");

		Raw lists = send("GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
				+ "\r\nAccept: application/json\r\nAccept: */*\r\nIf-Match: *\r\nIf-Match: *\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(lists.status()).as(lists.toString()).isEqualTo(200);
	}

	/**
	 * CONNECT (RFC 9110 §9.3.6) asks for a tunnel, which this service never opens: Tomcat refuses it before the
	 * application with 501 (§15.6.2), which must be a problem like an unknown method's, whatever the target's form (a
	 * path, or authority-form as a proxy receives it), with no stack trace; and the connection is closed after it, so
	 * what a client sends next is never read, as tunnelled bytes or as another request.
	 */
	@Test
	void connectIsA501ProblemAndTheConnectionIsClosed() throws IOException {
		for (String target : List.of("/api/v1/properties", "/graphql", "/no/such/path", "localhost:443",
				"example.com:80")) {
			String host = target.startsWith("/") ? "localhost" : target;
			Raw connect = send("CONNECT " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
			assertThat(connect.status()).as(target + ": " + connect).isEqualTo(501);
			assertThat(connect.problem().path("code").asString()).as(target).isEqualTo("not_implemented");
			assertThat(connect.headers()).as(target).containsKey("x-request-id");
			LEAKS.forEach(leak -> assertThat(connect.body()).as(target).doesNotContain(leak));

			// kept alive, followed by what a tunnel would carry: one answer, and the connection ends
			Raw next = send("CONNECT " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
					+ "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(next.status()).as(target + ": " + next).isEqualTo(501);
			assertThat(next.headers().get("connection")).as(target).isEqualTo("close");
			assertThat(next.body()).as(target).doesNotContain("HTTP/1.1", "UP");
		}
	}

	/** A request line without a version is HTTP/0.9, which has no status line to refuse with: it gets no answer. */
	@Test
	void anHttp09RequestIsNotAnswered() throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write("GET /actuator/health\r\n".getBytes(StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).satisfiesAnyOf(r -> assertThat(r).isEmpty(),
					r -> assertThat(r).matches("(?s)HTTP/1\\.1 (400|505) .*"));
			assertThat(response).doesNotContain("UP");
		}
	}

	private String guest() {
		return "Authorization: Bearer " + accounts.guest().accessToken() + "\r\n";
	}

	private String firstLine(String head) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
				.readLine();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Raw sendUnchecked(String request) {
		try {
			return send(request);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Raw send(String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = response.indexOf("\r\n\r\n");
			String[] lines = (end < 0 ? response : response.substring(0, end)).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.merge(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip(),
							(a, b) -> a + ", " + b);
				}
			}
			String[] statusLine = lines[0].split(" ");
			int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
			return new Raw(status, headers, end < 0 ? "" : response.substring(end + 4));
		}
	}

	private static Set<String> methods(List<String> allow) {
		return allow.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(method -> !method.isEmpty())
			.collect(Collectors.toSet());
	}

	/** A response as read off the socket; a chunked body is left chunked (bodies here are small problems). */
	private record Raw(int status, Map<String, String> headers, String body) {

		JsonNode problem() {
			assertThat(headers.getOrDefault("content-type", "")).as(toString()).startsWith("application/problem+json");
			String json = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
			JsonNode problem = JSON.readTree(json);
			assertThat(problem.path("status").asInt()).as(toString()).isEqualTo(status);
			return problem;
		}
	}
}
