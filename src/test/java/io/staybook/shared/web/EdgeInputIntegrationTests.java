package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertNoLeak;
import static io.staybook.test.ProblemAssertions.assertProblemContentType;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 9 item 10: inputs at the edges get a 4xx problem detail like any other bad input, including those the servlet
 * container refuses itself, and none of them is read as something else (an endless price, the last of two keys).
 */
@IntegrationTest
class EdgeInputIntegrationTests {

	private static final int MIB = 1024 * 1024;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void anOutOfRangePriceIsRefusedNotReadAsInfinity() {
		String city = Listings.uniqueCity();
		listings.create(accounts.host(), Map.of("city", city));
		for (String bound : new String[] { "min_price=1e999999", "max_price=1e999999", "min_price=Infinity",
				"min_price=NaN", "min_price=50.555", "max_price=12345678901", "min_price=-1e-999999" }) {
			String field = bound.substring(0, bound.indexOf('='));
			assertFieldErrors(api.get("/api/v1/properties?city=" + city + "&" + bound).send(), field);
		}
		assertFieldErrors(api.get("/api/v1/properties?limit=99999999999").send(), "limit");
		assertFieldErrors(api.get("/api/v1/properties?guests=1e1").send(), "guests");

		// in a body too (these were refused already, by validation; they stay so)
		Accounts.TestUser host = accounts.host();
		BigDecimal huge = new BigDecimal("1e999999");
		for (String field : new String[] { "latitude", "price_per_night", "max_guests", "cleaning_fee" }) {
			assertFieldErrors(listings.post(host, Map.of(field, huge)), field);
		}
		assertFieldErrors(listings.post(host, Map.of("price_per_night", "1e999999")), "price_per_night");
		assertFieldErrors(listings.post(host, Map.of("price_per_night", "120.001")), "price_per_night");
	}

	@Test
	void aWholeNumberBeyondItsFieldIsAFieldErrorNotMalformedJson() {
		Accounts.TestUser guest = accounts.guest();
		String booking = "{\"property_id\": \"0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f\", \"check_in\": \"2027-01-05\","
				+ " \"check_out\": \"2027-01-07\", \"guests\": %s}";
		for (String guests : new String[] { "99999999999", "-99999999999", "99999999999999999999999" }) {
			assertFieldErrors(api.post("/api/v1/bookings", "").raw(booking.formatted(guests)).as(guest).send(), "guests");
		}
	}

	@Test
	void aKeySentTwiceIsRefused() {
		String body = """
				{"first_name": "Ada", "last_name": "Lovelace", "email": "%s", "password": "%s", "first_name": "Eve"}
				""".formatted(Accounts.uniqueEmail("twice"), Accounts.PASSWORD);

		assertFieldErrors(api.post("/api/v1/users", "").raw(body).send(), "first_name");
	}

	@Test
	void whatTheContainerRefusesIsAProblemToo() {
		assertContainerProblem(api.get("/api/v1/properties/%00").send(), 400);
		assertContainerProblem(api.get("/api/v1/properties/a%2Fb").send(), 400);
	}

	/**
	 * A request head over Tomcat's limits says which: 414 for a request line that does not fit (RFC 9110 §15.5.15),
	 * 431 for too large or too many header fields (RFC 6585 §5); Tomcat answered each with a bare 400.
	 */
	@Test
	void aRequestHeadOverTheLimitsIs414Or431() {
		assertContainerProblem(api.get("/api/v1/properties?q=" + "x".repeat(10 * 1024)).send(), 414);
		assertContainerProblem(api.get("/api/v1/properties/" + "x".repeat(10 * 1024)).send(), 414);
		assertContainerProblem(api.get("/api/v1/properties").header("X-Padding", "x".repeat(9 * 1024)).send(), 431);
		Api.Call many = api.get("/api/v1/properties");
		for (int i = 0; i < 120; i++) {
			many.header("X-Header-" + i, "1");
		}
		assertContainerProblem(many.send(), 431);
		// a malformed request head is still a 400
		assertContainerProblem(api.get("/api/v1/properties/%00").send(), 400);
	}

	@Test
	void theBodyLimitHoldsForGraphQlToo() {
		Api.Response chunked = api.post("/graphql", "")
			.body(BodyPublishers.ofInputStream(() -> padded(2 * MIB)))
			.send();
		assertContainerProblem(chunked, 413);

		byte[] sized = ("{\"query\": \"{ __typename }\", \"x\": \"" + " ".repeat(MIB) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertContainerProblem(api.post("/graphql", "").body(BodyPublishers.ofByteArray(sized)).send(), 413);
	}

	@Test
	void aBodyInAnotherCharsetOrNoneAtAllIsA4xxProblem() {
		String registration = """
				{"first_name": "Zoë", "last_name": "B", "email": "%s", "password": "%s"}
				""".formatted(Accounts.uniqueEmail("charset"), Accounts.PASSWORD);
		Api.Response latin1 = api.post("/api/v1/users", "")
			.header("Content-Type", "application/json; charset=latin1")
			.body(BodyPublishers.ofByteArray(registration.getBytes(StandardCharsets.ISO_8859_1)))
			.send();
		assertContainerProblem(latin1, 415);
		Api.Response unknown = api.post("/api/v1/users", "")
			.header("Content-Type", "application/json; charset=no-such-charset")
			.raw(registration)
			.send();
		assertContainerProblem(unknown, 415);
		Api.Response utf16 = api.post("/graphql", "")
			.header("Content-Type", "application/json; charset=utf-16")
			.body(BodyPublishers.ofByteArray("{\"query\": \"{ __typename }\"}".getBytes(StandardCharsets.UTF_16)))
			.send();
		assertContainerProblem(utf16, 415);

		// no charset declared, but UTF-16 or UTF-32 by its bytes (with a byte-order mark or without): still not UTF-8
		for (Charset charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
				StandardCharsets.UTF_16BE, Charset.forName("UTF-32"))) {
			Api.Response undeclared = api.post("/api/v1/users", "")
				.body(BodyPublishers.ofByteArray(registration.getBytes(charset)))
				.send();
			assertContainerProblem(undeclared, 415);
			assertThat(undeclared.body().path("code").asString()).isEqualTo("unsupported_charset");
		}
		assertThat(api.post("/api/v1/users", "").raw(registration).send().status()).isEqualTo(201);

		assertContainerProblem(api.post("/api/v1/users", "").raw("").send(), 400);
		Api.Response emptyGraphQl = api.post("/graphql", "").raw("").send();
		assertThat(emptyGraphQl.status()).as(emptyGraphQl.toString()).isBetween(400, 499);
	}

	/**
	 * A body in a content coding is refused, not read as if the header were absent (the plain JSON below was stored)
	 * nor refused for a charset it does not have (the gzip below was a 415 {@code unsupported_charset}): RFC 9110
	 * §15.5.16, with {@code Accept-Encoding: identity} naming the coding that is taken.
	 */
	@Test
	void aBodyInAContentCodingIsRefusedAndChangesNothing() throws IOException {
		String email = Accounts.uniqueEmail("coding");
		String registration = """
				{"first_name": "Zoë", "last_name": "B", "email": "%s", "password": "%s"}
				""".formatted(email, Accounts.PASSWORD);
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
			out.write(registration.getBytes(StandardCharsets.UTF_8));
		}
		List<Api.Response> refused = List.of(
				api.post("/api/v1/users", "").header("Content-Encoding", "gzip").raw(registration).send(),
				api.post("/api/v1/users", "")
					.header("Content-Encoding", "gzip")
					.body(BodyPublishers.ofByteArray(gzipped.toByteArray()))
					.send(),
				api.post("/api/v1/users", "").header("Content-Encoding", "identity, br").raw(registration).send(),
				api.post("/graphql", "")
					.header("Content-Encoding", "deflate")
					.raw("{\"query\": \"{ __typename }\"}")
					.send());
		for (Api.Response response : refused) {
			assertContainerProblem(response, 415);
			assertThat(response.body().path("code").asString()).isEqualTo("unsupported_media_type");
			assertThat(response.header("Accept-Encoding")).isEqualTo("identity");
		}
		Api.Response login = api.post("/api/v1/auth/token", "")
			.raw("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, Accounts.PASSWORD))
			.send();
		assertThat(login.status()).as("nothing was registered").isEqualTo(401);

		Api.Response identity = api.post("/api/v1/users", "")
			.header("Content-Encoding", "identity")
			.raw(registration)
			.send();
		assertThat(identity.status()).as(identity.toString()).isEqualTo(201);
		Api.Response bodiless = api.get("/api/v1/properties").header("Content-Encoding", "gzip").send();
		assertThat(bodiless.status()).as("without a body the header describes nothing").isEqualTo(200);
	}

	/**
	 * A GraphQL request of {@code bytes} with a long string member, streamed, so that it is sent chunked. (A 10 MB body,
	 * as in the issue, is refused the same way, but Tomcat then closes the connection before this client has sent it
	 * all, and the client reports that instead of the answer.)
	 */
	private static InputStream padded(int bytes) {
		byte[] body = new byte[bytes];
		Arrays.fill(body, (byte) 'x');
		byte[] head = "{\"query\": \"{ __typename }\", \"padding\": \"".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(head, 0, body, 0, head.length);
		body[bytes - 2] = '"';
		body[bytes - 1] = '}';
		return new ByteArrayInputStream(body);
	}

	private static void assertContainerProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertProblemContentType(response);
		assertThat(response.body().path("status").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(response.body().path("type").asString()).startsWith("urn:staybook:problem:");
		assertThat(response.body().path("code").asString()).isNotBlank();
		assertNoLeak(response);
	}
}
