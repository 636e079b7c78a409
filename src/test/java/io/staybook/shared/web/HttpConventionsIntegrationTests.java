package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertNoLeak;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The contract's "Conventions": problem details, paths, methods, media types, body size, operations endpoints, docs. */
@IntegrationTest
class HttpConventionsIntegrationTests {

	private static final int MIB = 1024 * 1024;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	private record Case(String name, int status, Api.Response response) {
	}

	@Test
	void everyErrorIsAProblemDetailThatBetraysNothing() {
		TestUser guest = accounts.guest();
		TestUser admin = accounts.admin();
		String throttled = Accounts.uniqueEmail("throttled");
		for (int i = 0; i < 5; i++) {
			api.post("/api/v1/auth/token", Map.of("email", throttled, "password", "wrong")).send();
		}
		Map<String, Object> registration = Map.of("first_name", "A", "last_name", "B", "email", guest.email(),
				"password", Accounts.PASSWORD);

		List<Case> cases = new ArrayList<>();
		cases.add(new Case("malformed JSON", 400, api.post("/api/v1/users", "").raw("{\"first_name\": ").send()));
		cases.add(new Case("not an object", 400, api.post("/api/v1/users", "").raw("\"text\"").send()));
		cases.add(new Case("empty body", 400, api.post("/api/v1/users", "").raw("").send()));
		cases.add(new Case("bytes that are not UTF-8", 400, api.post("/api/v1/users", "")
			.body(BodyPublishers.ofByteArray(new byte[] { '{', '"', (byte) 0xff, '"', ':', '1', '}' }))
			.send()));
		cases.add(new Case("unknown field", 400,
				api.post("/api/v1/users", Map.of("first_name", "A", "surprise", true)).send()));
		cases.add(new Case("wrong type", 400, api.post("/api/v1/users", Map.of("first_name", List.of(1))).send()));
		cases.add(new Case("bad enum", 400,
				api.patch("/api/v1/users/me", Map.of("role", "emperor")).as(guest).send()));
		cases.add(new Case("validation", 400, api.post("/api/v1/users", Map.of("email", "nope")).send()));
		cases.add(new Case("not a UUID", 400, api.get("/api/v1/users/12%20OR%201=1").send()));
		cases.add(new Case("bad cursor", 400, api.get("/api/v1/users?cursor=%27;drop").as(admin).send()));
		cases.add(new Case("bad limit", 400, api.get("/api/v1/users?limit=1e9").as(admin).send()));
		cases.add(new Case("bad role", 400, api.get("/api/v1/users?role=root").as(admin).send()));
		cases.add(new Case("rejected URL", 400, api.get("/api/v1/users/me;jsessionid=1").as(guest).send()));
		cases.add(new Case("no token", 401, api.get("/api/v1/users/me").send()));
		cases.add(new Case("bad token", 401, api.get("/api/v1/users/me").as("x.y.z").send()));
		cases.add(new Case("bad credentials", 401,
				api.post("/api/v1/auth/token", Map.of("email", guest.email(), "password", "wrong")).send()));
		cases.add(new Case("bad refresh token", 401,
				api.post("/api/v1/auth/refresh", Map.of("refresh_token", "nope")).send()));
		cases.add(new Case("not an admin", 403, api.get("/api/v1/users").as(guest).send()));
		cases.add(new Case("unknown user", 404, api.get("/api/v1/users/" + UUID.randomUUID()).send()));
		cases.add(new Case("unknown path", 404, api.get("/api/v1/nothing-here").as(guest).send()));
		cases.add(new Case("wrong method", 405, api.request("PUT", "/api/v1/users/me").as(guest).send()));
		cases.add(new Case("duplicate email", 409, api.post("/api/v1/users", registration).send()));
		cases.add(new Case("too large", 413, api.post("/api/v1/users", "").raw(" ".repeat(MIB + 1)).send()));
		cases.add(new Case("not JSON", 415,
				api.post("/api/v1/users", "").header("Content-Type", "text/plain").raw("hello").send()));
		cases.add(new Case("throttled", 429,
				api.post("/api/v1/auth/token", Map.of("email", throttled, "password", "wrong")).send()));

		for (Case c : cases) {
			assertThat(c.response().status()).as("%s: %s", c.name(), c.response()).isEqualTo(c.status());
			JsonNode body = assertProblem(c.response(), c.status());
			assertThat(body.path("type").asString()).as(c.name()).startsWith("urn:staybook:problem:");
			assertThat(URI.create(body.path("instance").asString()).getPath()).as(c.name()).startsWith("/api/v1/");
		}
	}

	@Test
	void aNulCharacterIsBadInputNotAConflict() {
		TestUser guest = accounts.guest();
		TestUser admin = accounts.admin();

		assertProblem(api.post("/api/v1/users", Map.of("first_name", "A\u0000B", "last_name", "B", "email",
				Accounts.uniqueEmail("nul"), "password", Accounts.PASSWORD)).send(), 400);
		assertProblem(api.patch("/api/v1/users/me", Map.of("last_name", "x\u0000y")).as(guest).send(), 400);
		assertProblem(api.get("/api/v1/users?email=a%00b").as(admin).send(), 400);
		assertThat(api.post("/api/v1/auth/token", Map.of("email", "a\u0000b@example.com", "password", "whatever1"))
			.send()
			.status()).isIn(400, 401);
		assertThat(api.get("/api/v1/users/me").as(guest).send().body().path("last_name").asString()).isEqualTo("guest");
	}

	@Test
	void anUnknownPathIsA404Problem() {
		TestUser guest = accounts.guest();
		JsonNode api404 = assertProblem(api.get("/api/v1/no/such/thing").as(guest).send(), 404);
		assertThat(api404.path("instance").asString()).isEqualTo("/api/v1/no/such/thing");

		assertProblem(api.get("/no-such-page").send(), 404);
		assertProblem(api.post("/no-such-page", Map.of()).send(), 404);
	}

	/**
	 * The error page answers the container's error dispatches only: a client's own {@code /error} was a 500 "Something
	 * went wrong on our side", and {@code /error?x=1} a 400 naming it an endpoint.
	 */
	@Test
	void theErrorPageAskedForDirectlyIsA404LikeAnyUnknownPath() {
		TestUser guest = accounts.guest();
		for (String path : List.of("/error", "/error/", "/%65rror", "/error?x=1")) {
			for (String method : List.of("GET", "POST", "DELETE")) {
				JsonNode problem = assertProblem(api.request(method, path).send(), 404);
				assertThat(problem.path("code").asString()).as(method + " " + path).isEqualTo("not_found");
				assertThat(problem.path("detail").asString()).isEqualTo("There is no such endpoint.");
				assertProblem(api.request(method, path).as(guest).send(), 404);
			}
		}
	}

	/** Issue 9 item 7: without a token, an unknown path was 401 and a wrong method 401 instead of 405. */
	@Test
	void anonymousCallersGetTheSame404And405AsEveryoneElse() {
		JsonNode unknown = assertProblem(api.get("/api/v1/no-such-thing").send(), 404);
		assertThat(unknown.path("code").asString()).isEqualTo("not_found");
		assertProblem(api.get("/api/v1/no/such/thing").as("x.y.z").send(), 404);
		assertProblem(api.post("/api/v1/bookings/x/y/z", Map.of()).send(), 404);

		var wrongMethod = api.request("PUT", "/api/v1/properties").send();
		assertThat(assertProblem(wrongMethod, 405).path("code").asString()).isEqualTo("method_not_allowed");
		assertThat(wrongMethod.header("Allow")).contains("GET", "POST");
		var anonymousPut = api.request("PUT", "/api/v1/users/me").send();
		assertProblem(anonymousPut, 405);
		assertThat(anonymousPut.header("Allow")).contains("GET", "PATCH");

		// a real endpoint still asks for a token first
		assertProblem(api.get("/api/v1/users/me").send(), 401);
		assertProblem(api.post("/api/v1/bookings", Map.of()).send(), 401);
		assertProblem(api.request("DELETE", "/api/v1/properties/" + UUID.randomUUID()).send(), 401);
	}

	@Test
	void aTrailingSlashIsAccepted() {
		String email = Accounts.uniqueEmail("slash");
		var registered = api.post("/api/v1/users/",
				Map.of("first_name", "Tra", "last_name", "Iling", "email", email, "password", Accounts.PASSWORD))
			.send();
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

		TestUser user = accounts.login(email, Accounts.PASSWORD);
		var me = api.get("/api/v1/users/me/").as(user).send();
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.body().path("email").asString()).isEqualTo(email);

		assertThat(api.get("/api/v1/users/" + user.id() + "/").send().status()).isEqualTo(200);
		assertThat(api.post("/api/v1/auth/token/", Map.of("email", email, "password", Accounts.PASSWORD)).send()
			.status()).isEqualTo(200);
		assertProblem(api.get("/api/v1/users/me/").send(), 401);
	}

	@Test
	void aMethodThePathDoesNotHaveIs405() {
		TestUser guest = accounts.guest();
		var response = api.request("PUT", "/api/v1/users/me").as(guest).send();

		assertProblem(response, 405);
		assertThat(response.header("Allow")).contains("GET", "PATCH");
		assertProblem(api.request("DELETE", "/api/v1/auth/token").as(guest).send(), 405);
	}

	@Test
	void aBodyThatIsNotJsonIs415() {
		var response = api.post("/api/v1/users", "")
			.header("Content-Type", "text/plain")
			.raw("{\"first_name\": \"A\"}")
			.send();

		assertProblem(response, 415);
		assertProblem(api.post("/api/v1/auth/token", "")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.raw("email=a%40example.com&password=12345678")
			.send(), 415);
	}

	@Test
	void aBodyOfExactly1MiBIsReadAndOneByteMoreIs413() {
		byte[] limit = paddedRegistration(Accounts.uniqueEmail("mib"), MIB);
		var accepted = api.post("/api/v1/users", "").body(BodyPublishers.ofByteArray(limit)).send();
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);

		byte[] over = paddedRegistration(Accounts.uniqueEmail("mib"), MIB + 1);
		var refused = api.post("/api/v1/users", "").body(BodyPublishers.ofByteArray(over)).send();
		assertThat(assertProblem(refused, 413).path("code").asString()).isEqualTo("payload_too_large");
	}

	@Test
	void aChunkedBodyOver1MiBIs413() {
		String email = Accounts.uniqueEmail("chunked");
		byte[] over = paddedRegistration(email, 2 * MIB);
		var refused = api.post("/api/v1/users", "")
			.body(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over)))
			.send();

		assertThat(refused.header("Content-Length")).isNull();
		assertThat(assertProblem(refused, 413).path("code").asString()).isEqualTo("payload_too_large");
		// and nothing was registered
		assertProblem(api.post("/api/v1/auth/token", Map.of("email", email, "password", Accounts.PASSWORD)).send(),
				401);
	}

	@Test
	void aChunkedBodyUnder1MiBIsRead() {
		byte[] body = paddedRegistration(Accounts.uniqueEmail("chunked"), MIB);
		var accepted = api.post("/api/v1/users", "")
			.body(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.send();

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
	}

	@Test
	void healthAndItsProbesAreUp() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			var response = api.get(path).send();
			assertThat(response.status()).as(path + " " + response).isEqualTo(200);
			assertThat(response.body().path("status").asString()).as(path).isEqualTo("UP");
			assertThat(response.text()).as("no details for anonymous callers").doesNotContain("postgres", "jdbc");
		}
	}

	@Test
	void prometheusServesMetrics() {
		api.get("/api/v1/users/me").send();
		var response = api.get("/actuator/prometheus").as(accounts.admin()).send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/plain");
		assertThat(response.text()).contains("# HELP", "# TYPE", "jvm_memory_used_bytes", "http_server_requests");
	}

	@Test
	void otherActuatorEndpointsAreNotExposed() {
		for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
				"/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
				"/actuator/conditions", "/actuator/info")) {
			var response = api.get(path).send();
			assertThat(response.status()).as(path + " " + response).isEqualTo(404);
			assertProblem(response, 404);
		}
		assertProblem(api.post("/actuator/shutdown", Map.of()).send(), 404);
		// nor are the health indicators behind the overall status
		var component = api.get("/actuator/health/db").send();
		assertThat(component.status()).isEqualTo(404);
		assertThat(component.text()).doesNotContain("UP", "postgres");
	}

	@Test
	void theOpenApiDocumentIsVersion31WithBearerAuthAndTheUserPaths() {
		var response = api.get("/v3/api-docs").send();
		assertThat(response.status()).isEqualTo(200);
		JsonNode doc = response.body();

		assertThat(doc.path("openapi").asString()).startsWith("3.1");
		JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
		assertThat(bearer.path("type").asString()).isEqualTo("http");
		assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
		assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");

		JsonNode paths = doc.path("paths");
		assertThat(paths.path("/api/v1/users").propertyNames()).contains("get", "post");
		assertThat(paths.path("/api/v1/users/me").propertyNames()).contains("get", "patch");
		assertThat(paths.path("/api/v1/users/{id}").propertyNames()).contains("get", "delete");
		assertThat(paths.path("/api/v1/auth/token").propertyNames()).contains("post");
		assertThat(paths.path("/api/v1/auth/refresh").propertyNames()).contains("post");
		assertThat(paths.path("/api/v1/auth/logout").propertyNames()).contains("post");
	}

	@Test
	void theOpenApiDocumentNamesFieldsAsTheApiSpellsThem() {
		JsonNode schemas = api.get("/v3/api-docs").send().body().path("components").path("schemas");

		JsonNode register = schemas.path("Register");
		assertThat(register.path("properties").propertyNames()).contains("first_name", "last_name", "email",
				"password", "phone_number", "role");
		assertThat(register.path("required").values().stream().map(JsonNode::asString).toList())
			.containsExactlyInAnyOrder("first_name", "last_name", "email", "password");
		assertThat(schemas.path("FullUser").path("properties").propertyNames()).containsExactlyInAnyOrder("id",
				"first_name", "last_name", "email", "phone_number", "role", "created_at", "email_verified");
		assertThat(schemas.path("PublicUser").path("properties").propertyNames()).containsExactlyInAnyOrder("id",
				"first_name", "role", "created_at");
		assertThat(schemas.path("UpdateMe").path("properties").propertyNames()).contains("current_password",
				"phone_number");
		assertThat(schemas.path("Refresh").path("properties").propertyNames()).containsExactly("refresh_token");
		assertThat(schemas.toString()).doesNotContain("firstName", "phoneNumber", "createdAt", "refreshToken");
	}

	@Test
	void theOpenApiDocumentDocumentsEverySuccessResponse() {
		JsonNode paths = api.get("/v3/api-docs").send().body().path("paths");

		JsonNode token = successSchema(paths.path("/api/v1/auth/token").path("post"), "200");
		assertThat(schemaProperties(token)).contains("access_token", "refresh_token", "token_type",
				"expires_in");
		assertThat(schemaProperties(successSchema(paths.path("/api/v1/auth/refresh").path("post"), "200")))
			.contains("access_token", "refresh_token");
		assertThat(schemaProperties(successSchema(paths.path("/api/v1/users").path("get"), "200")))
			.contains("results", "next_cursor");
		assertThat(schemaProperties(successSchema(paths.path("/api/v1/users/me").path("patch"), "200")))
			.contains("first_name", "email");
		assertThat(paths.path("/api/v1/users").path("post").path("responses").has("201")).isTrue();
		assertThat(paths.path("/api/v1/auth/logout").path("post").path("responses").has("204")).isTrue();
		assertThat(paths.path("/api/v1/users/{id}").path("delete").path("responses").has("204")).isTrue();
	}

	@Test
	void theOpenApiDocumentMarksWhatAnonymousCallersMayDo() {
		JsonNode doc = api.get("/v3/api-docs").send().body();
		JsonNode paths = doc.path("paths");
		assertThat(doc.path("security").toString()).contains("bearer");

		for (JsonNode open : List.of(paths.path("/api/v1/users").path("post"),
				paths.path("/api/v1/auth/token").path("post"), paths.path("/api/v1/auth/refresh").path("post"),
				paths.path("/api/v1/auth/logout").path("post"), paths.path("/api/v1/users/{id}").path("get"))) {
			assertThat(open.has("security")).as(open.path("summary").asString()).isTrue();
			assertThat(open.path("security").isEmpty()).as(open.path("summary").asString()).isTrue();
		}
		for (JsonNode secured : List.of(paths.path("/api/v1/users/me").path("get"),
				paths.path("/api/v1/users").path("get"), paths.path("/api/v1/users/{id}").path("delete"))) {
			assertThat(!secured.has("security") || secured.path("security").toString().contains("bearer"))
				.as(secured.path("summary").asString())
				.isTrue();
			assertThat(secured.path("responses").has("401")).isTrue();
		}
		assertThat(paths.has("/error")).as("the error page is no API").isFalse();
	}

	@Test
	void swaggerUiIsReachable() {
		var response = api.get("/swagger-ui.html").send();
		if (response.status() / 100 == 3) {
			String location = response.header("Location");
			assertThat(location).isNotNull();
			response = api.get(URI.create("http://localhost/").resolve(location).getRawPath()).send();
		}
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		assertThat(response.text()).containsIgnoringCase("swagger");
		assertNoLeak(api.get("/v3/api-docs/swagger-config").send());
	}

	/** A valid registration whose JSON is padded with spaces to exactly {@code size} bytes. */
	private static byte[] paddedRegistration(String email, int size) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("first_name", "Big");
		body.put("last_name", "Body");
		body.put("email", email);
		body.put("password", Accounts.PASSWORD);
		String json = Api.json(body);
		int padding = size - json.getBytes(StandardCharsets.UTF_8).length;
		return (json.substring(0, json.length() - 1) + " ".repeat(padding) + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static JsonNode successSchema(JsonNode operation, String status) {
		JsonNode response = operation.path("responses").path(status);
		assertThat(response.isMissingNode()).as("response %s of %s", status, operation.path("summary")).isFalse();
		JsonNode schema = response.path("content").path("application/json").path("schema");
		assertThat(schema.isMissingNode()).as("schema of %s %s", status, operation.path("summary")).isFalse();
		return schema;
	}

	private List<String> schemaProperties(JsonNode schema) {
		JsonNode resolved = schema;
		if (schema.has("$ref")) {
			String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
			resolved = api.get("/v3/api-docs").send().body().path("components").path("schemas").path(name);
		}
		return new ArrayList<>(resolved.path("properties").propertyNames());
	}
}
