package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem responses, as the contract's "Conventions" describe them. */
public final class ProblemAssertions {

	/** What must never reach a client: stack traces, class and package names, SQL. */
	public static final List<String> LEAKS = List.of("Exception", "java.", "org.", "SQL", "at io.staybook");

	private static final List<String> MEMBERS = List.of("type", "title", "status", "detail", "instance");

	private ProblemAssertions() {
	}

	/**
	 * The response is a problem with this status: {@code application/problem+json}, the five standard members (status
	 * equal to the HTTP status), and nothing that betrays the implementation. Returns the body.
	 */
	public static JsonNode assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertProblemContentType(response);
		JsonNode body = response.body();
		for (String member : MEMBERS) {
			assertThat(body.has(member) && !body.path(member).isNull()).as("member %s of %s", member, response)
				.isTrue();
		}
		assertThat(body.path("status").isIntegralNumber()).as(response.toString()).isTrue();
		assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
		assertThat(body.path("title").asString()).as(response.toString()).isNotBlank();
		assertThat(body.path("detail").asString()).as(response.toString()).isNotBlank();
		assertNoLeak(response);
		return body;
	}

	/**
	 * A failing dependency's answer: a 503 problem with the code {@code service_unavailable} and {@code Retry-After},
	 * betraying nothing of the implementation.
	 */
	public static JsonNode assertUnavailable(Api.Response response) {
		JsonNode body = assertProblem(response, 503);
		assertThat(body.path("code").asString()).as(response.toString()).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).as(response.toString()).isNotBlank();
		return body;
	}

	/** A 400 problem whose {@code errors[]} name (at least) these fields. */
	public static JsonNode assertFieldErrors(Api.Response response, String... fields) {
		JsonNode body = assertProblem(response, 400);
		assertThat(response.fieldErrors()).as(response.toString()).contains(fields);
		body.path("errors").forEach(error -> assertThat(error.path("message").asString()).as(response.toString())
			.isNotBlank());
		return body;
	}

	public static void assertProblemContentType(Api.Response response) {
		assertThat(response.contentType()).as(response.toString()).isNotNull();
		MediaType type = MediaType.parseMediaType(response.contentType());
		assertThat(type.getType() + "/" + type.getSubtype()).as(response.toString())
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	public static void assertNoLeak(Api.Response response) {
		String text = response.text() == null ? "" : response.text();
		for (String leak : LEAKS) {
			assertThat(text).as("body of %s must not contain %s", response, leak).doesNotContain(leak);
		}
	}
}
