package io.staybook.shared.web;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.TableChecksums;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The whole-kind check of the contract's rule on bad input, over every REST operation of the service's own OpenAPI
 * document: each bad input {@link BadInputs} derives from the document's schemas, sent once with a caller who may act
 * on a real record, gets a 4xx {@code application/problem+json} the document lists for that operation, whose body
 * betrays no stack trace, class name or SQL, and the refused request changes no row of any table. A 2xx is right only
 * where the input is in fact valid (an empty optional filter, a limit the service clamps). A test per operation and
 * input, so a failure names both.
 */
@IntegrationTest
class BadInputSweepIntegrationTests {

	/** What must never reach a client: stack frames, class and package names, SQL and PostgreSQL's own words. */
	private static final Pattern LEAK = Pattern.compile("(?i)io\\.staybook|\\bjava\\.|\\bjavax?\\.|jakarta\\."
			+ "|org\\.springframework|org\\.apache|org\\.postgresql|com\\.fasterxml|tools\\.jackson|org\\.hibernate"
			+ "|exception|\\tat |\\bselect |insert into|\\bupdate \\w+ set|constraint|relation \"|ERROR:|violates"
			+ "|\\bsql");

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final java.nio.file.Path SUMMARY = System.getenv("SWEEP_SUMMARY") == null ? null
			: java.nio.file.Path.of(System.getenv("SWEEP_SUMMARY"));

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	private TableChecksums tables;

	private Map<String, String> last;

	@TestFactory
	Stream<DynamicContainer> everyOperationRefusesEveryBadInputClearlyAndChangesNothing() {
		SweepFixtures fixtures = new SweepFixtures(api, accounts, listings, jdbc);
		JsonNode document = BadInputs.JSON.readTree(api.get("/v3/api-docs").send().text());
		tables = TableChecksums.ofEveryTable(jdbc);
		return new BadInputs(document, fixtures).byOperation()
			.entrySet()
			.stream()
			.map(operation -> dynamicContainer(operation.getKey(), operation.getValue()
				.stream()
				.map(input -> dynamicTest(input.input(), () -> refused(input, fixtures)))));
	}

	private void refused(BadInputs.Case input, SweepFixtures fixtures) {
		// each case's "after" is the next one's "before": one checksum a case
		Map<String, String> before = last == null ? tables.now() : last;
		Api.Response response;
		try {
			response = send(input, fixtures);
		}
		catch (IllegalArgumentException unsendable) {
			Assumptions.abort("the HTTP client will not send this: " + unsendable.getMessage());
			return;
		}
		List<String> wrong = new ArrayList<>();
		int status = response.status();
		if (SUMMARY != null) {
			String fields = status / 100 == 4 && response.text() != null && response.text().startsWith("{")
					? response.fieldErrors().toString() + " " + response.body().path("code").asString() : "";
			try {
				java.nio.file.Files.writeString(SUMMARY, input + "\t" + status + "\t" + fields + "\n",
						java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		if (status >= 500) {
			wrong.add("a server error");
		}
		else if (status / 100 == 2 && !input.validToo()) {
			wrong.add("taken");
		}
		else if (status / 100 != 4 && status / 100 != 2) {
			wrong.add("neither refused nor taken");
		}
		Map<String, String> after = tables.now();
		last = after;
		if (status / 100 != 2) {
			String type = response.contentType();
			if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
				wrong.add("not application/problem+json but " + type);
			}
			// an element's error ("amenities[0]") names its field too
			if (status == 400 && input.field() != null && response.fieldErrors()
				.stream()
				.noneMatch(f -> f.equals(input.field()) || f.startsWith(input.field() + "["))) {
				wrong.add("the problem does not name " + input.field());
			}
			var leak = LEAK.matcher(response.text() == null ? "" : response.text());
			if (leak.find()) {
				wrong.add("it betrays the implementation (" + leak.group() + ")");
			}
			List<String> changed = before.keySet()
				.stream()
				.filter(table -> !before.get(table).equals(after.get(table)))
				.toList();
			if (!changed.isEmpty()) {
				wrong.add("refused, yet it changed " + changed);
			}
		}
		String undocumented = api.contract()
			.violations(input.method(), input.target(), input.headers(), null, false, response);
		if (!undocumented.isEmpty()) {
			wrong.add("the answer breaks /v3/api-docs:\n" + undocumented);
		}
		if (!wrong.isEmpty()) {
			throw new AssertionError(input + ": " + String.join("; ", wrong) + "\n  -> " + abbreviate(response));
		}
	}

	private Api.Response send(BadInputs.Case input, SweepFixtures fixtures) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + input.target()))
			.timeout(Duration.ofSeconds(30));
		var caller = fixtures.callerOf(input.method(), input.operation().substring(input.method().length() + 1));
		if (!input.operation().contains("/webhooks/") && !input.operation().contains("/media/")) {
			request.header("Authorization", "Bearer " + caller.accessToken());
		}
		input.headers().forEach(request::header);
		request.method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(input.body()));
		try {
			HttpResponse<String> sent = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Api.Response(sent.statusCode(), sent.headers(), sent.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String abbreviate(Api.Response response) {
		String text = response.toString().replace('\n', ' ');
		return text.length() <= 500 ? text : text.substring(0, 500) + "…";
	}
}
