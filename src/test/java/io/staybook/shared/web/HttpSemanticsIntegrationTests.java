package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
 * documents, the payouts summary that varies by {@code Accept}, and a request with two {@code Authorization} headers.
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
