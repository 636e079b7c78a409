package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api.Response;

/** Assertions on RFC 9457 problem responses. */
final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/** The response is a problem with this status and stable code, and leaks no internals. */
	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.body().path("status").asInt()).isEqualTo(status);
		assertThat(response.body().path("code").asString()).as(response.toString()).isEqualTo(code);
		assertThat(response.text()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sqlstate");
	}

	/** A 400 whose {@code errors[]} names the field. */
	static void assertInvalid(Response response, String field) {
		assertProblem(response, 400, "validation_failed");
		assertThat(response.fieldErrors()).as(response.toString()).contains(field);
	}
}
