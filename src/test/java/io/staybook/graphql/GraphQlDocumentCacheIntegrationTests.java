package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A document sent again is neither parsed nor validated again (the cache meters {@code cache.gets{cache=
 * "graphql.documents"}} count one miss, then hits), and answers exactly what it answered the first time: the same data,
 * the same errors for a document that does not parse or does not validate, and the same refusal for one over the cost
 * budget, which still depends on each request's variables. Each test's documents are its own (a comment with a random
 * id), since the cache lives as long as the service.
 */
@IntegrationTest
class GraphQlDocumentCacheIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	MeterRegistry meters;

	@Test
	void theSameDocumentIsParsedOnceAndAnswersTheSame() {
		String document = unique("""
				query Search($filter: PropertyFilter) { properties(first: 20, filter: $filter) {
				  edges { node { id title host { firstName } } } pageInfo { hasNextPage } } }""");
		Map<String, Object> body = Map.of("query", document, "variables",
				Map.of("filter", Map.of("city", "Nowhere " + UUID.randomUUID())));

		Counts before = counts();
		Api.Response first = api.post("/graphql", body).send();
		Api.Response second = api.post("/graphql", body).send();

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.body().has("errors")).as(first.toString()).isFalse();
		assertThat(second.text()).isEqualTo(first.text());
		assertThat(counts().minus(before)).isEqualTo(new Counts(1, 1));
	}

	@Test
	void aDocumentThatDoesNotParseAnswersTheSameErrorsEachTime() {
		assertSameAnswerTwiceFromTheCache(unique("{ properties(first: 1) { edges { node { title } } "));
	}

	@Test
	void aDocumentThatDoesNotValidateAnswersTheSameErrorsEachTime() {
		assertSameAnswerTwiceFromTheCache(unique("{ properties(first: 1) { edges { node { title nope } } } }"));
	}

	/** graphql-java words request errors in the caller's language (English, German, Dutch): kept apart per language. */
	@Test
	void errorsAreAnsweredInEachCallersLanguage() {
		String document = unique("{ properties(first: 1) { edges { node { title nope } } } }");

		String german = message(document, "de");
		String english = message(document, "en");
		String germanAgain = message(document, "de");

		assertThat(german).startsWith("Validierungsfehler");
		assertThat(english).startsWith("Validation error");
		assertThat(germanAgain).isEqualTo(german);
	}

	@Test
	void aCachedDocumentOverTheCostBudgetIsRefusedAgain() {
		Api.Response second = assertSameAnswerTwiceFromTheCache(
				unique(GraphQlIntrospectionIntegrationTests.TOO_COSTLY.transform(fields -> "{ " + fields + " }")));

		assertThat(second.body().path("errors").get(0).path("extensions").path("code").asString())
			.isEqualTo("query_too_complex");
	}

	/** The document is cached; its cost is not, for it depends on the variables of each request. */
	@Test
	void theCostOfACachedDocumentFollowsEachRequestsVariables() {
		String document = unique("""
				query($first: Int) { properties(first: $first) { edges { node { title reviews(first: $first) {
				    edges { node { rating author { firstName } } } } } } } }""");

		Counts before = counts();
		Api.Response small = api.post("/graphql", Map.of("query", document, "variables", Map.of("first", 2))).send();
		Api.Response costly = api.post("/graphql", Map.of("query", document, "variables", Map.of("first", 100)))
			.send();

		assertThat(counts().minus(before)).isEqualTo(new Counts(1, 1));
		assertThat(small.body().has("errors")).as(small.toString()).isFalse();
		assertThat(costly.body().path("errors").get(0).path("extensions").path("code").asString())
			.as(costly.toString())
			.isEqualTo("query_too_complex");
	}

	private Api.Response assertSameAnswerTwiceFromTheCache(String document) {
		Counts before = counts();
		Api.Response first = api.post("/graphql", Map.of("query", document)).send();
		Api.Response second = api.post("/graphql", Map.of("query", document)).send();

		assertThat(first.body().path("errors").size()).as(first.toString()).isPositive();
		assertThat(second.status()).isEqualTo(first.status());
		assertThat(second.text()).isEqualTo(first.text());
		assertThat(counts().minus(before)).isEqualTo(new Counts(1, 1));
		return second;
	}

	/** The first error's message for this document, asked in this language. */
	private String message(String document, String language) {
		Api.Response response = api.post("/graphql", Map.of("query", document))
			.header("Accept-Language", language)
			.send();
		return response.body().path("errors").get(0).path("message").asString();
	}

	/** The document with a comment of its own at its end, so no other test has sent it. */
	private static String unique(String document) {
		return document + "\n# " + UUID.randomUUID();
	}

	private Counts counts() {
		return new Counts(count("miss"), count("hit"));
	}

	private double count(String result) {
		return meters.get("cache.gets").tags("cache", "graphql.documents", "result", result).functionCounter().count();
	}

	record Counts(double misses, double hits) {

		Counts minus(Counts other) {
			return new Counts(misses - other.misses, hits - other.hits);
		}
	}
}
