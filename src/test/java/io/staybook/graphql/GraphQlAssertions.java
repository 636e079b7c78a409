package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.ProblemAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on GraphQL errors as the contract describes them: {@code extensions.classification} (the REST status by
 * name), a stable {@code extensions.code}, field errors under {@code extensions.errors}, and nothing that betrays the
 * implementation.
 */
final class GraphQlAssertions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private GraphQlAssertions() {
	}

	/**
	 * The response carries exactly one error, at {@code field}, of this classification and (unless null) code; no
	 * leak. Returns the error.
	 */
	static ResponseError assertRefused(GraphQlTester.Response response, String field, String classification,
			String code) {
		GraphQlResponse raw = response.returnResponse();
		List<ResponseError> seen = new ArrayList<>();
		response.errors().satisfy(seen::addAll);
		String text = JSON.writeValueAsString(raw.toMap());
		assertThat(seen).as(text).hasSize(1);
		ResponseError error = seen.getFirst();
		assertThat(error.getExtensions().get("classification")).as(text).isEqualTo(classification);
		if (code != null) {
			assertThat(error.getExtensions().get("code")).as(text).isEqualTo(code);
		}
		if (field != null) {
			assertThat(error.getPath()).as(text).isEqualTo(field);
		}
		assertThat(error.getMessage()).as(text).isNotBlank();
		assertNoLeak(raw);
		return error;
	}

	/**
	 * {@link #assertRefused(GraphQlTester.Response, String, String, String)} for a response read over HTTP with
	 * {@link io.staybook.test.Api} (a request raced from a thread of its own): 200, one error at {@code field}.
	 */
	static void assertRefused(io.staybook.test.Api.Response response, String field, String classification,
			String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		tools.jackson.databind.JsonNode errors = response.body().path("errors");
		assertThat(errors.size()).as(response.toString()).isEqualTo(1);
		tools.jackson.databind.JsonNode error = errors.get(0);
		assertThat(error.path("extensions").path("classification").asString()).as(response.toString())
			.isEqualTo(classification);
		assertThat(error.path("extensions").path("code").asString()).as(response.toString()).isEqualTo(code);
		assertThat(error.path("path").get(0).asString()).as(response.toString()).isEqualTo(field);
		assertNoLeak(response.text());
	}

	/** A BAD_REQUEST validation failure at {@code field} whose {@code extensions.errors} name (at least) these fields. */
	static ResponseError assertInvalid(GraphQlTester.Response response, String field, String... fields) {
		ResponseError error = assertRefused(response, field, "BAD_REQUEST", "validation_failed");
		assertThat(fieldsOf(error)).as(error.toString()).contains(fields);
		return error;
	}

	/** The fields named by a validation error's {@code extensions.errors}. */
	@SuppressWarnings("unchecked")
	static List<String> fieldsOf(ResponseError error) {
		Object errors = error.getExtensions().get("errors");
		assertThat(errors).as(error.toString()).isInstanceOf(List.class);
		List<String> fields = new ArrayList<>();
		for (Object each : (List<Object>) errors) {
			Map<String, Object> fieldError = (Map<String, Object>) each;
			assertThat((String) fieldError.get("message")).as(error.toString()).isNotBlank();
			fields.add((String) fieldError.get("field"));
		}
		return fields;
	}

	/** No stack trace, class or package name, or SQL anywhere in the response. */
	static void assertNoLeak(GraphQlResponse response) {
		assertNoLeak(JSON.writeValueAsString(response.toMap()));
	}

	static void assertNoLeak(String text) {
		for (String leak : ProblemAssertions.LEAKS) {
			assertThat(text).as("response %s must not contain %s", text, leak).doesNotContain(leak);
		}
	}
}
