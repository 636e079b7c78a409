package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests a QA run turned into 500s: header bytes the firewall refuses, broken percent-escapes in the query, a
 * wildcard or broken {@code Content-Type}, a GraphQL body that is {@code null} or a batch. Each is a 4xx problem;
 * and HEAD and OPTIONS are answered to anonymous callers wherever GET is public (resp. on every API path).
 */
@IntegrationTest
class MalformedRequestIntegrationTests {

	/** "✓" as UTF-8 bytes (E2 9C 93), sent as they are: 0x9C is a C1 control character in ISO-8859-1. */
	private static final String CHECK_MARK_BYTES = "\u00e2\u009c\u0093";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	/** Over a plain socket: Java's HTTP client sends header values as ASCII, "✓" as "?". */
	@Test
	void aHeaderTheFirewallRefusesIsA400Problem() throws IOException {
		// a booking that would be made, so that nothing refuses it before the key is read
		LocalDate checkIn = LocalDate.now(clock).plusDays(40);
		String booking = Api.json(Map.of("property_id", Listings.id(listings.create(accounts.host())), "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(3).toString(), "guests", 2));
		assertRejected(raw("POST", "/api/v1/bookings", Map.of("Authorization", "Bearer " + accounts.guest().accessToken(),
				"Content-Type", "application/json", "Idempotency-Key", CHECK_MARK_BYTES), booking));
		assertRejected(raw("POST", "/graphql", Map.of("Content-Type", "application/json; x=" + CHECK_MARK_BYTES),
				"{\"query\": \"{ __typename }\"}"));
		assertRejected(raw("GET", "/api/v1/properties", Map.of("Accept", CHECK_MARK_BYTES), null));
	}

	/**
	 * A NUL, another C0 control, DEL, a lone CR or a C1 control inside any header the service reads is a 4xx
	 * problem (Tomcat refuses the C0 ones and DEL, Spring Security's firewall the C1 ones as the header is read), or,
	 * in a header that is only advice (X-Request-Id, Accept-Language), is ignored: never a 5xx or a stack trace, and
	 * the request id answered is always one safe to log (a client's id with a control character in it is replaced,
	 * not echoed). Java's HTTP client refuses to send such values, hence the socket.
	 */
	@Test
	void aControlCharacterInAHeaderIsA4xxProblemOrIgnoredNever5xx() throws IOException {
		String token = accounts.guest().accessToken();
		List<String> advice = List.of("X-Request-Id", "Accept-Language");
		for (String header : List.of("Authorization", "Idempotency-Key", "If-Match", "If-None-Match", "Accept-Language",
				"X-Request-Id", "Origin")) {
			for (String bad : List.of("a\u0000b", "a\u0001b", "a\u007fb", "a\rb", "a\u0085b", "a\u009bb")) {
				String value = header.equals("Authorization") ? "Bearer " + bad : bad;
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("Authorization", "Bearer " + token);
				headers.put("Content-Type", "application/json");
				headers.put(header, value);
				Api.Response answer = raw("POST", "/api/v1/wishlists", headers, "{\"name\": \"Held\"}");
				String what = header + ": " + value.replaceAll("\\p{Cntrl}", "?") + " -> " + answer;
				assertThat(answer.status()).as(what).isLessThan(500);
				if (answer.status() >= 400) {
					assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
					assertThat(answer.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
				}
				else {
					assertThat(advice).as(what).contains(header);
				}
				String requestId = answer.header("X-Request-Id");
				if (requestId != null) {
					assertThat(requestId).as(what).matches("[A-Za-z0-9._-]+");
				}
			}
		}
	}

	/** Sent over a plain socket: java.net.URI, and so Api, refuses these targets before sending them. */
	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/properties?q=%ff", "/api/v1/properties?city=%", "/api/v1/properties?q=%c3%28",
			"/api/v1/properties?cursor=%%%", "/api/v1/reviews?property_id=%", "/graphql?x=%" })
	void aBrokenPercentEscapeInTheQueryIsA400Problem(String target) throws IOException {
		Api.Response response = target.startsWith("/graphql")
				? raw("POST", target, Map.of("Content-Type", "application/json"), "{\"query\": \"{ __typename }\"}")
				: raw("GET", target, Map.of(), null);

		assertThat(assertProblem(response, 400).path("code").asString()).isEqualTo("invalid_query");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "application/json; charset", "application/json; charset=\"\"",
			"not a type" })
	void aWildcardOrBrokenContentTypeIsA415Problem(String contentType) {
		Api.Response patch = api.patch("/api/v1/users/me", Map.of("first_name", "Ada"))
			.as(accounts.guest())
			.header("Content-Type", contentType)
			.send();
		assertThat(assertProblem(patch, 415).path("code").asString()).isEqualTo("unsupported_media_type");

		Api.Response graphQl = api.post("/graphql", Map.of("query", "{ __typename }"))
			.header("Content-Type", contentType)
			.send();
		assertThat(assertProblem(graphQl, 415).path("code").asString()).isEqualTo("unsupported_media_type");
	}

	/**
	 * Found by the bad-input sweep: a REST body of JSON {@code null} was read as no body, so a cancel (whose body,
	 * {@code {reason?}}, is optional) cancelled the booking. It is a 400 naming {@code body}, and changes nothing.
	 */
	@Test
	void aRestBodyOfNullIsA400NamingBodyEvenWhereTheBodyIsOptional() {
		Accounts.TestUser guest = accounts.guest();
		String listing = Listings.id(listings.create(accounts.host()));
		LocalDate checkIn = LocalDate.now(clock).plusDays(45);
		String booking = api.post("/api/v1/bookings", Map.of("property_id", listing, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.send()
			.body()
			.path("id")
			.asString();

		assertFieldErrors(api.post("/api/v1/bookings/" + booking + "/cancel", "").raw("null").as(guest).send(), "body");
		assertFieldErrors(api.post("/api/v1/wishlists", "").raw("null").as(guest).send(), "body");

		assertThat(api.get("/api/v1/bookings/" + booking).as(guest).send().body().path("status").asString())
			.isEqualTo("pending_payment");
	}

	@Test
	void aGraphQlBodyOfNullIsRefusedLikeAnEmptyOneAndABatchIsRefused() {
		Api.Response empty = api.post("/graphql", "").raw("{}").send();
		Api.Response nothing = api.post("/graphql", "").raw("null").send();

		assertProblem(nothing, 400);
		assertThat(nothing.body().path("code")).isEqualTo(empty.body().path("code"));
		assertThat(nothing.body().path("detail")).isEqualTo(empty.body().path("detail"));

		Api.Response batch = api.post("/graphql", "")
			.raw("[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]")
			.send();
		assertFieldErrors(batch, "body");
		assertThat(batch.text()).contains("batching is not supported");
	}

	@Test
	void headIsAllowedWhereverGetIsPublicAndOptionsForEveryCaller() {
		String property = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));
		for (String path : List.of("/api/v1/properties", property, "/api/v1/reviews")) {
			Api.Response get = api.get(path).send();
			Api.Response head = api.request("HEAD", path).send();

			assertThat(head.status()).as(path + ": " + head).isEqualTo(get.status()).isEqualTo(200);
			assertThat(head.text()).as(path).isEmpty();
		}
		assertThat(api.request("HEAD", "/api/v1/users/me").send().status()).isEqualTo(401);

		for (String path : List.of("/api/v1/properties", property, "/api/v1/bookings", "/api/v1/users/me")) {
			Api.Response anonymous = api.request("OPTIONS", path).send();
			Api.Response signedIn = api.request("OPTIONS", path).as(accounts.guest()).send();

			assertThat(anonymous.status()).as(path + ": " + anonymous).isEqualTo(200);
			assertThat(anonymous.header("Allow")).as(path).isNotBlank().isEqualTo(signedIn.header("Allow"));
		}
	}

	/**
	 * One HTTP/1.0 exchange (so the response body runs to the end of the stream), the target and header values sent
	 * byte for byte as given (ISO-8859-1).
	 */
	private Api.Response raw(String method, String target, Map<String, String> headers, String body)
			throws IOException {
		byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (body != null) {
				head.append("Content-Length: ").append(content.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = response.indexOf("\r\n\r\n");
			String[] lines = response.substring(0, end).split("\r\n");
			Map<String, List<String>> received = new LinkedHashMap<>();
			for (String line : Arrays.asList(lines).subList(1, lines.length)) {
				int colon = line.indexOf(':');
				received.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
					.add(line.substring(colon + 1).strip());
			}
			return new Api.Response(Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(received, (n, v) -> true),
					response.substring(end + 4));
		}
	}

	private static void assertRejected(Api.Response response) {
		assertThat(assertProblem(response, 400).path("code").asString()).as(response.toString())
			.isEqualTo("request_rejected");
	}
}
