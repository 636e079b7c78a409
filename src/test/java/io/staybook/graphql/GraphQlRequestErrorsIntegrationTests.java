package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Documents that do not parse or do not fit the schema are refused with the contract's BAD_REQUEST. */
@IntegrationTest
class GraphQlRequestErrorsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@ParameterizedTest
	@ValueSource(strings = { "{ properties { edges { node { title } }", "{ noSuchField }",
			"{ property(id: 5, extra: 1) { title } }", "{ properties(first: \"many\") { edges { cursor } } }" })
	void isABadRequestWithACode(String query) {
		Api.Response response = api.post("/graphql", Map.of("query", query)).send();

		JsonNode errors = response.body().path("errors");
		assertThat(errors.isArray() && !errors.isEmpty()).as(response.toString()).isTrue();
		errors.forEach(error -> {
			assertThat(error.path("extensions").path("classification").asString()).as(response.toString())
				.isEqualTo("BAD_REQUEST");
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("invalid_query");
		});
		assertThat(response.text()).doesNotContain("Exception", "java.", "graphql.");
	}

	/**
	 * An ID that is blank is no ID, as a literal or as a variable: the document is refused before anything runs. Spring's
	 * conversion made it null, which the lookups of a booking, a review or a payment handed to the repository (an
	 * INTERNAL_ERROR, logged as an unhandled failure) and which a listing's reviews took for no filter at all.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "{ booking(id: \"\") { id } }", "{ review(id: \" \") { id } }",
			"{ payment(id: \"\") { id } }", "{ reviews(propertyId: \"\") { edges { cursor } } }",
			"mutation { cancelBooking(id: \"\") { id } }", "mutation { deleteReview(id: \"\") }" })
	void aBlankIdIsABadRequest(String query) {
		assertBlankIdRefused(Map.of("query", query));
		assertBlankIdRefused(Map.of("query", "query($id: ID!) { booking(id: $id) { id } }", "variables",
				Map.of("id", "  ")));
	}

	private void assertBlankIdRefused(Map<String, Object> request) {
		Api.Response response = api.post("/graphql", request).as(accounts.guest()).send();

		assertThat(response.body().has("data")).as(response.toString()).isFalse();
		JsonNode error = response.body().path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).as(response.toString())
			.isEqualTo("BAD_REQUEST");
		assertThat(error.path("message").asString()).as(response.toString()).contains("an ID must not be blank");
		assertThat(response.text()).doesNotContain("Exception", "java.", "graphql.");
	}

	/**
	 * graphql-java words a literal of the wrong type as its AST node ({@code StringValue{value='a'}}) and a variable of
	 * the wrong type as the Java class it was read into ({@code LinkedHashMap}): the client sees GraphQL instead.
	 */
	@Test
	void argumentsAndVariablesOfTheWrongTypeAreDescribedWithoutClassNames() {
		String photo = "mutation { updatePhoto(propertyId: \"0190a1b2-0000-7000-8000-000000000001\","
				+ " id: \"0190a1b2-0000-7000-8000-000000000002\", input: %s) { id } }";
		assertMessage(Map.of("query", photo.formatted("{position: \"a\"}")), "'\"a\"'", "'Int'");
		assertMessage(Map.of("query", photo.formatted("{position: [1, 2.5]}")), "'[1, 2.5]'");
		assertMessage(Map.of("query", photo.formatted("{positio: 1}")), "'{positio: 1}'");
		assertMessage(Map.of("query", "{ bookings(as: NOPE) { edges { cursor } } }"), "'NOPE'");
		String quote = "query($guests: Int) { quote(propertyId: \"0190a1b2-0000-7000-8000-000000000001\","
				+ " checkIn: \"2030-01-01\", checkOut: \"2030-01-02\", guests: $guests) { totalPrice } }";
		assertMessage(Map.of("query", quote, "variables", Map.of("guests", Map.of("x", 1))), "'input object'");
		assertMessage(Map.of("query", quote, "variables", Map.of("guests", List.of(1))), "'list'");
		assertMessage(Map.of("query", quote, "variables", Map.of("guests", 1.5)), "'Float'");
	}

	private void assertMessage(Map<String, Object> request, String... shown) {
		Api.Response response = api.post("/graphql", request).send();
		JsonNode error = response.body().path("errors").path(0);
		assertThat(error.path("extensions").path("code").asString()).as(response.toString()).isEqualTo("invalid_query");
		assertThat(error.path("message").asString()).as(response.toString())
			.contains(shown)
			.doesNotContainPattern("[A-Z][a-z]+Value|ObjectField|LinkedHashMap|ArrayList|Double|BigInteger");
	}
}
