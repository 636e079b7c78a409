package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curl-like requests at every route outside the REST API (HttpSurfaceIntegrationTests.EXTRAS) and at the tricks a
 * static file server is asked: whatever the method, token, {@code Accept} or path, the answer is never a 5xx, never
 * names a class or shows a stack trace, a refusal is {@code application/problem+json}, and nothing outside what the
 * pages need is served (no class path file, no directory listing, no source map or library source, no job or metric
 * to anyone but an admin).
 */
@IntegrationTest
class HttpSurfaceProbesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LEAK = Pattern.compile(
			"Exception|\\bat [a-z]+\\.[a-z]+|org\\.springframework|io\\.staybook|java\\.lang|Whitelabel|Apache Tomcat");

	private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "POST", "DELETE",
			"PATCH");

	/** One path of every extra route; each is asked with every method, anonymously and with a guest's token. */
	private static final List<String> EXTRA_PATHS = List.of("/error", "/v3/api-docs", "/v3/api-docs/swagger-config",
			"/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js",
			"/swagger-ui/swagger-ui.css", "/webjars/swagger-ui/index.html", "/webjars/graphiql/graphiql.min.js",
			"/media/0000000000000000000000000000000000000000000000000000000000000000.jpg", "/db-scheduler",
			"/db-scheduler/index.html", "/db-scheduler/history/all", "/db-scheduler/js/context-path.js",
			"/db-scheduler/assets/index-4c0fa19c.js", "/db-scheduler-api/config", "/db-scheduler-api/tasks/all",
			"/db-scheduler-api/tasks/details?taskName=send-mail", "/db-scheduler-api/tasks/poll", "/graphiql",
			"/graphiql/graphiql-start.js", "/graphql", "/graphql-ws", "/actuator", "/actuator/health",
			"/actuator/health/liveness", "/actuator/health/db", "/actuator/prometheus", "/actuator/sbom",
			"/actuator/sbom/application", "/");

	/** Paths that must not be served: class path files, traversal, other cases, listings, sources, debug builds. */
	private static final List<String> NOT_SERVED = List.of("/application.yaml", "/application.yml",
			"/io/staybook/StaybookApplication.class", "/META-INF/MANIFEST.MF", "/WEB-INF/web.xml",
			"/META-INF/resources/webjars/graphiql/2.4.7/package.json", "/static/db-scheduler/index.html",
			"/graphiql-page/index.html", "/db/migration/V1__init.sql", "/webjars/../application.yaml",
			"/webjars/%2e%2e/application.yaml", "/webjars/graphiql/%2e%2e/%2e%2e/%2e%2e/application.yaml",
			"/webjars/graphiql/..%2f..%2f..%2fapplication.yaml", "/webjars/graphiql/..%5c..%5capplication.yaml",
			"/swagger-ui/%2e%2e/%2e%2e/%2e%2e/%2e%2e/application.yaml", "/swagger-ui/..;/..;/application.yaml",
			"/db-scheduler/%2e%2e/application.yaml", "/db-scheduler/assets/..%2f..%2f..%2fapplication.yaml",
			"/graphiql/%2e%2e/application.yaml", "/graphiql/..%2findex.html", "/media/..%2f..%2fapplication.yaml",
			"/media/%2e%2e/application.yaml", "/webjars/", "/webjars/graphiql/", "/webjars/graphiql/2.4.7/",
			"/swagger-ui/", "/db-scheduler/assets/", "/Swagger-UI/index.html", "/SWAGGER-UI.HTML",
			"/GraphiQL", "/V3/API-DOCS", "/Actuator/prometheus", "/ACTUATOR/PROMETHEUS", "/actuator/Prometheus",
			"/DB-SCHEDULER-API/tasks/all", "/db-scheduler-api/Tasks/all", "/actuator/health/../prometheus",
			"/actuator/health/%2e%2e/prometheus", "/actuator/health;x=y/../prometheus", "/actuator;/prometheus",
			"/actuator/prometheus;jsessionid=x", "/db-scheduler-api/tasks/all;jsessionid=x",
			"/db-scheduler-api/config/", "//db-scheduler-api/config", "/db-scheduler-api//config",
			"/swagger-ui/index.html;jsessionid=abc", "/webjars//graphiql/graphiql.min.js", "//swagger-ui.html",
			"/webjars/graphiql/graphiql.min.js.map", "/webjars/graphiql/dist/index.js.map",
			"/webjars/graphiql/src/components/__tests__/fixtures.ts", "/webjars/graphiql/package.json",
			"/webjars/graphiql/README.md", "/webjars/react-dom/umd/react-dom-test-utils.development.js",
			"/webjars/react/cjs/react.development.js", "/webjars/swagger-ui/5.32.14/swagger-ui.js",
			"/webjars/graphiql/2.4.7/graphiql.min.js", "/v3/api-docs.yaml", "/index.html",
			"/actuator/sbom/nothing", "/actuator/health/nothing");

	/** Paths served to anyone, which the pages need. */
	private static final List<String> SERVED = List.of("/swagger-ui.html", "/swagger-ui/index.html",
			"/swagger-ui/swagger-initializer.js", "/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-ui.css",
			"/v3/api-docs", "/v3/api-docs/swagger-config", "/graphiql", "/graphiql/graphiql-start.js",
			"/graphiql/graphiql-page.css", "/webjars/graphiql/graphiql.min.css", "/webjars/graphiql/graphiql.min.js",
			"/webjars/react/umd/react.production.min.js", "/webjars/react-dom/umd/react-dom.production.min.js",
			"/db-scheduler", "/db-scheduler/js/context-path.js", "/db-scheduler/assets/index-4c0fa19c.js",
			"/db-scheduler/assets/index-c49f4573.css", "/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	private static final List<String> ADMINS_ONLY = List.of("/db-scheduler-api/config", "/db-scheduler-api/tasks/all",
			"/db-scheduler-api/tasks/details?taskName=send-mail", "/db-scheduler-api/tasks/poll", "/actuator",
			"/actuator/prometheus", "/actuator/sbom", "/actuator/sbom/application");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void everyExtraAnswersEveryMethodDecently() {
		String guest = accounts.guest().accessToken();
		List<String> failures = new ArrayList<>();
		for (String path : EXTRA_PATHS) {
			for (String method : METHODS) {
				for (String token : new String[] { null, guest }) {
					Answer answer = send(method, path, token, null, method.equals("GET") ? null : "{}");
					failures.addAll(answer.indecency());
					if (ADMINS_ONLY.contains(path) && answer.status() < 300) {
						failures.add(answer + ": data for admins only");
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void oddAcceptsAndBodiesGetJsonOrARefusal() {
		String admin = accounts.admin().accessToken();
		List<String> failures = new ArrayList<>();
		for (String path : EXTRA_PATHS) {
			for (String accept : List.of("application/yaml", "application/xml", "text/html", "application/cbor",
					"text/plain", "*/*", "x/y;q=nonsense")) {
				Answer answer = send("GET", path, admin, accept, null);
				failures.addAll(answer.indecency());
				if (answer.status() < 300 && answer.contentType().matches("(?i).*(yaml|xml|cbor|smile).*")) {
					failures.add(answer + ": a format the contract does not name");
				}
			}
		}
		for (String path : EXTRA_PATHS) {
			for (String type : List.of("application/yaml", "application/xml", "text/plain",
					"application/x-java-serialized-object", "multipart/form-data; boundary=x",
					"application/x-www-form-urlencoded")) {
				Answer answer = send("POST", path, admin, null, type, "a: 1");
				failures.addAll(answer.indecency());
				if (answer.status() < 300 && !path.equals("/graphql")) {
					failures.add(answer + ": a body the contract does not name, taken");
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void nothingBeyondThePagesIsServed() {
		List<String> failures = new ArrayList<>();
		for (String path : NOT_SERVED) {
			Answer answer = send("GET", path, null, null, null);
			failures.addAll(answer.indecency());
			if (answer.status() < 400) {
				failures.add(answer + ": served");
			}
		}
		for (String path : SERVED) {
			Answer answer = send("GET", path, null, null, null);
			failures.addAll(answer.indecency());
			if (answer.status() != 200 && answer.status() != 302) {
				failures.add(answer + ": not served");
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * Of the swagger-ui WebJar's files, which springdoc served every one of, those Swagger UI's page does not load are
	 * a 404 problem like any path the service lacks ({@link SwaggerUiFiles}): its OAuth2 redirect page and script (the
	 * API declares no OAuth2 flow for Swagger UI to authorize with), and its builds for bundlers (megabytes of script
	 * no page here loads) with their license files; source maps are in no WebJar release.
	 */
	@Test
	void swaggerUisFilesThePageDoesNotLoadAreA404() {
		List<String> failures = new ArrayList<>();
		for (String path : List.of("/swagger-ui/oauth2-redirect.html", "/swagger-ui/oauth2-redirect.js",
				"/swagger-ui/5.32.14/oauth2-redirect.html", "/swagger-ui/oauth2-redirect.html?code=x&state=y",
				"/swagger-ui/swagger-ui.js", "/swagger-ui/swagger-ui-es-bundle.js",
				"/swagger-ui/swagger-ui-es-bundle-core.js", "/swagger-ui/5.32.14/swagger-ui-es-bundle.js",
				"/swagger-ui/swagger-ui-es-bundle.js.LICENSE.txt",
				"/swagger-ui/swagger-ui-es-bundle-core.js.LICENSE.txt",
				"/swagger-ui/swagger-ui.css.map", "/swagger-ui/swagger-ui-bundle.js.map", "/swagger-ui/INDEX.HTML")) {
			for (String token : new String[] { null, accounts.admin().accessToken() }) {
				Answer answer = send("GET", path, token, null, null);
				failures.addAll(answer.indecency());
				if (answer.status() != 404 || !answer.contentType().startsWith("application/problem+json")) {
					failures.add(answer + ": not a 404 problem");
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * Swagger UI's page loads: {@code /swagger-ui.html} leads to its index page, and every file that page references,
	 * every license file a script it loads points to, and every URL its settings name (the settings' own, the API
	 * document's) answer 200 to anyone. The settings named the OAuth2 redirect page, which is a 404 (above), as where
	 * Swagger UI would send the browser back to after an OAuth2 authorization; they no longer name it.
	 */
	@Test
	void swaggerUisPageAndEverythingItNamesAreServed() {
		List<String> failures = new ArrayList<>();
		Answer redirect = send("GET", "/swagger-ui.html", null, null, null);
		assertThat(redirect.location()).as(redirect.toString()).startsWith("/swagger-ui/index.html");
		URI page = URI.create("http://localhost:" + port + redirect.location());
		Answer index = send("GET", page.getRawPath(), null, null, null);
		assertThat(index.status()).as(index.toString()).isEqualTo(200);
		List<String> loaded = new ArrayList<>();
		Matcher reference = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(index.body());
		while (reference.find()) {
			loaded.add(page.resolve(reference.group(1)).getRawPath());
		}
		assertThat(loaded).contains("/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-initializer.js");
		Pattern license = Pattern.compile("For license information please see ([\\w.-]+)");
		String initializer = "";
		for (String path : loaded) {
			Answer file = send("GET", path, null, null, null);
			if (file.status() != 200) {
				failures.add(file + ": the page loads it");
			}
			Matcher notice = license.matcher(file.body());
			if (notice.find()) {
				Answer text = send("GET", page.resolve(notice.group(1)).getRawPath(), null, null, null);
				if (text.status() != 200) {
					failures.add(text + ": " + path + " points to it");
				}
			}
			if (path.endsWith("/swagger-initializer.js")) {
				initializer = file.body();
			}
		}
		Matcher configUrl = Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(initializer);
		assertThat(configUrl.find()).as(initializer).isTrue();
		Answer config = send("GET", configUrl.group(1), null, null, null);
		assertThat(config.status()).as(config.toString()).isEqualTo(200);
		Map<String, Object> settings = JSON.readValue(config.body(), new TypeReference<Map<String, Object>>() {
		});
		assertThat(settings).containsKey("url").doesNotContainKey("oauth2RedirectUrl");
		settings.forEach((key, value) -> {
			if (key.toLowerCase(Locale.ROOT).endsWith("url") && value instanceof String url && !url.isEmpty()) {
				Answer named = send("GET", page.resolve(url).getRawPath(), null, null, null);
				if (named.status() != 200) {
					failures.add(named + ": the settings' " + key);
				}
			}
		});
		assertThat(failures).isEmpty();
	}

	@Test
	void theJobDashboardsDataIsForAdminsAndRefusesBadInput() {
		List<String> failures = new ArrayList<>();
		for (String token : new String[] { null, accounts.guest().accessToken(), accounts.host().accessToken(),
				"not-a-token" }) {
			for (String path : ADMINS_ONLY) {
				Answer answer = send("GET", path, token, null, null);
				failures.addAll(answer.indecency());
				if (answer.status() != 401 && answer.status() != 403) {
					failures.add(answer + ": not refused");
				}
			}
		}
		String admin = accounts.admin().accessToken();
		for (String query : List.of("tasks/all?sorting=NOPE", "tasks/all?size=-1", "tasks/all?size=abc",
				"tasks/all?pageNumber=-5", "tasks/all?size=0", "tasks/poll?pageNumber=-1", "tasks/all?filter=NOPE",
				"tasks/all?asc=maybe", "tasks/all?startTime=x",
				"tasks/all?size=2147483647", "tasks/all?pageNumber=2147483647&size=2147483647",
				"tasks/all?searchTermTaskName=%25%27%22", "tasks/details", "tasks/details?taskName=&taskId=",
				"tasks/poll?startTime=2026-13-45", "tasks/all?endTime=9999999999999999999999", "config?x=1")) {
			Answer answer = send("GET", "/db-scheduler-api/" + query, admin, null, null);
			failures.addAll(answer.indecency());
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void swaggerUiTakesNoConfigurationFromTheQuery() {
		List<String> failures = new ArrayList<>();
		String evil = "https%3A%2F%2Fevil.example%2Fapi.json";
		for (String path : List.of("/swagger-ui.html?configUrl=" + evil, "/swagger-ui.html?url=" + evil,
				"/swagger-ui/index.html?configUrl=" + evil, "/swagger-ui/swagger-initializer.js?configUrl=" + evil,
				"/swagger-ui/swagger-initializer.js?url=" + evil, "/v3/api-docs/swagger-config?url=" + evil,
				"/v3/api-docs/swagger-config?configUrl=" + evil)) {
			Answer answer = send("GET", path, null, null, null);
			failures.addAll(answer.indecency());
			// the redirect keeps the query, which swagger-ui ignores (queryConfigEnabled, below); it never leaves
			if (answer.body().contains("evil.example")
					|| answer.location() != null && !answer.location().startsWith("/swagger-ui/index.html?")) {
				failures.add(answer + ": takes the query's URL");
			}
		}
		Answer initializer = send("GET", "/swagger-ui/swagger-initializer.js", null, null, null);
		Answer config = send("GET", "/v3/api-docs/swagger-config", null, null, null);
		for (Answer answer : List.of(initializer, config)) {
			if (answer.body().replace(" ", "").matches("(?s).*queryConfigEnabled\"?:true.*")) {
				failures.add(answer + ": swagger-ui reads its configuration from the query");
			}
		}
		assertThat(failures).isEmpty();
	}

	private Answer send(String method, String path, String token, String accept, String body) {
		return send(method, path, token, accept, "application/json", body);
	}

	private Answer send(String method, String path, String token, String accept, String type, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (body != null) {
			request.header("Content-Type", type);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String described = method + " " + path + (token == null ? "" : " (token)")
					+ (accept == null ? "" : " Accept: " + accept);
			return new Answer(described, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null), response.body());
		}
		catch (IOException ex) {
			return new Answer(method + " " + path + " failed: " + ex, 599, "", null, "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(String request, int status, String contentType, String location, String body) {

		/** What is wrong with this answer whatever was asked: a 5xx, a leak, a refusal that is no problem. */
		List<String> indecency() {
			List<String> failures = new ArrayList<>();
			if (status >= 500 && status != 501 && status != 503) {
				failures.add(this + ": a server error");
			}
			if (status >= 400 && LEAK.matcher(body).find()) {
				failures.add(this + ": names a class or shows a trace");
			}
			if (status >= 400 && !body.isEmpty() && !contentType.startsWith("application/problem+json")) {
				failures.add(this + ": a refusal that is no problem detail");
			}
			return failures;
		}

		@Override
		public String toString() {
			String shown = body.length() > 160 ? body.substring(0, 160) + "..." : body;
			return request + " -> " + status + " " + contentType + (location == null ? "" : " Location: " + location)
					+ " " + shown.replace('\n', ' ');
		}
	}
}
