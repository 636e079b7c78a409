package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import io.staybook.test.StatementRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The limits on what a query may cost: at most 12 levels deep and 10000 in complexity (a field with {@code first}
 * multiplies what is under it), both refused before anything runs, introspection counting in neither; introspection
 * and GraphiQL on by default; and no
 * error, whatever its cause, that betrays the implementation.
 */
@IntegrationTest
class GraphQlSafetyIntegrationTests {

	/** A query of listings, which would run SQL if it ran at all. */
	static final String LISTINGS = "properties(first: 1) { edges { node { title } } }";

	@LocalServerPort
	int port;

	@Autowired
	StatementRecorder recorder;

	GraphQlTesters graphQl;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
	}

	// depth

	/**
	 * Staybook's schema has no cycle that nests past 9 levels, so a normal query deeper than 12 would not validate; the
	 * refusal of one is shown on a schema that nests without end, in QueryBudgetsTests. Introspection, which nests 13
	 * levels in the standard query, is outside the budget (issue 9).
	 */
	@Test
	void introspectionDeeperThan12LevelsRunsBesideAQuery() {
		String document = "{ " + LISTINGS + " " + introspectionOfDepth(13) + " }";

		graphQl.anonymous().document(document).execute().path("__schema.types").hasValue().path("properties.edges")
			.hasValue();
	}

	@Test
	void aQueryOf12LevelsRuns() {
		String document = "{ " + LISTINGS + " " + introspectionOfDepth(12) + " }";

		graphQl.anonymous().document(document).execute().path("__schema.types").hasValue().path("properties.edges")
			.hasValue();
	}

	// complexity

	@Test
	void aQueryOverTheComplexityBudgetIsRefusedAndNothingRuns() {
		Refusal refusal = refusedWithoutSql("""
				{ properties(first: 100) { edges { node { title reviews(first: 100) {
				    edges { node { rating author { firstName } } } } } } } }""");

		assertThat(refusal.error().getExtensions()).containsEntry("code", "query_too_complex");
		// 1 + 100 x (edges 1 + node (1 + title 1 + reviews (1 + 100 x (edges 1 + node (1 + rating 1 + author 2)))))
		assertThat(refusal.error().getMessage()).contains("50401").contains("10000");
	}

	@Test
	void pageSizesGivenAsVariablesCountToo() {
		String tag = tag();
		var response = graphQl.with(Map.of(StatementRecorder.HEADER, tag)).document("""
				query($n: Int) { properties(first: $n) { edges { node { title reviews(first: $n) {
				    edges { node { rating author { firstName } } } } } } } }""").variable("n", 100).execute();

		assertThat(assertRefusedBeforeExecution(response, tag).error().getExtensions()).containsEntry("code",
				"query_too_complex");
	}

	@Test
	void aliasesDoNotSplitTheBudget() {
		// each alias costs 1 + 100 x (edges 1 + node 1 + title 1) = 301; 34 of them are over 10000
		StringBuilder document = new StringBuilder("{");
		for (int i = 0; i < 34; i++) {
			document.append(" p").append(i).append(": properties(first: 100) { edges { node { title } } }");
		}
		assertThat(refusedWithoutSql(document.append(" }").toString()).error().getMessage()).contains("10234");
	}

	/**
	 * A calendar answers a day per night of its window: each alias of a year's calendar costs 1 + 366 x (days 1 + 3
	 * fields) = 1465, so 7 are over 10000. Counted as 5 each, 700 of them answered 256,000 days (14 MB) in one request.
	 */
	@Test
	void aCalendarCountsEachNightOfItsWindow() {
		String year = "calendar(propertyId: $p, from: \"2031-01-01\", to: \"2032-01-02\") { days { date price available } }";
		StringBuilder document = new StringBuilder("query($p: ID!) {");
		for (int i = 0; i < 7; i++) {
			document.append(" c").append(i).append(": ").append(year);
		}
		String tag = tag();
		var response = graphQl.with(Map.of(StatementRecorder.HEADER, tag))
			.document(document.append(" }").toString())
			.variable("p", UUID.randomUUID())
			.execute();

		Refusal refusal = assertRefusedBeforeExecution(response, tag);
		assertThat(refusal.error().getExtensions()).containsEntry("code", "query_too_complex");
		assertThat(refusal.error().getMessage()).contains("10255");
	}

	@Test
	void aModestQueryRuns() {
		graphQl.anonymous().document("""
				{ properties(first: 5) { edges { node { title host { firstName }
				    reviews(first: 3) { edges { node { rating author { firstName } } } } } } } }""")
			.execute()
			.path("properties.edges")
			.hasValue();
		// 33 such aliases are within the budget
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 33; i++) {
			aliases.append(" p").append(i).append(": properties(first: 100) { edges { node { title } } }");
		}
		graphQl.anonymous().document(aliases.append(" }").toString()).execute().path("p32.edges").hasValue();
	}

	// fragments

	/**
	 * 1 KiB of fragments, each spreading the next one twice, stands for 2^24 selections: the depth budget walked every
	 * one of them (7 s on a CI core, doubling with each further fragment) before the query ran.
	 */
	@Test
	void fragmentsThatStandForMillionsOfSelectionsAreRefusedAtOnce() {
		StringBuilder document = new StringBuilder("{ ...F0 }");
		for (int i = 0; i < 24; i++) {
			document.append(" fragment F").append(i).append(" on Query { __typename ...F").append(i + 1)
				.append(" ...F").append(i + 1).append(" }");
		}
		document.append(" fragment F24 on Query { __typename }");

		long started = System.nanoTime();
		Refusal refusal = refusedWithoutSql(document.toString());

		assertThat(refusal.error().getExtensions()).containsEntry("code", "query_too_complex");
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
	}

	/**
	 * Fragment spreads nest at most 32 levels: a chain of 700 fragments took graphql-java's validation 24 s, one of 1,500
	 * overflowed its stack (a 500), and a ring of 1,500 ran for minutes before being found a cycle.
	 */
	@Test
	void fragmentSpreadsNestedPast32LevelsAreRefused() {
		assertThat(refusedWithoutSql(spreadChain(33, false)).error().getExtensions()).containsEntry("code",
				"query_too_deep");
		for (String document : List.of(spreadChain(1500, false), spreadChain(1500, true))) {
			long started = System.nanoTime();
			GraphQlTesters.Exchange exchange = graphQl.post(document, Map.of());

			assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
			assertThat(exchange.body()).contains("query_too_deep");
			assertNoLeak(exchange.body());
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.isLessThan(java.time.Duration.ofSeconds(5));
		}
		graphQl.anonymous().document(spreadChain(32, false)).execute().path("__typename").entity(String.class)
			.isEqualTo("Query");
	}

	/** {@code { ...F1 }}, each fragment spreading the next, {@code length} of them; the last one the first when a ring. */
	private static String spreadChain(int length, boolean ring) {
		StringBuilder document = new StringBuilder("{ ...F1 }");
		for (int i = 1; i < length; i++) {
			document.append(" fragment F").append(i).append(" on Query { __typename ...F").append(i + 1).append(" }");
		}
		document.append(" fragment F").append(length).append(" on Query { __typename")
			.append(ring ? " ...F1 }" : " }");
		return document.toString();
	}

	// concurrency

	/**
	 * A query of many aliases, each reading the database, within the complexity budget: it gets every answer, and it
	 * holds one connection at a time. Each alias ran on a thread of its own at once, so 1,000 of them took the whole
	 * connection pool for seconds; hundreds failed with service_unavailable, and so did other callers' requests.
	 */
	@Test
	void aliasesRunOneAfterTheOtherOnOneConnection() {
		String tag = tag();
		StringBuilder document = new StringBuilder("query($p: ID!) {");
		for (int i = 0; i < 300; i++) {
			document.append(" r").append(i).append(": reviews(propertyId: $p, first: 1) { edges { node { id } } }");
		}
		GraphQlTester.Response response = graphQl.with(Map.of(StatementRecorder.HEADER, tag))
			.document(document.append(" }").toString())
			.variable("p", UUID.randomUUID())
			.execute();

		response.errors().verify();
		response.path("r299.edges").entityList(Object.class).hasSize(0);
		assertThat(recorder.connections(tag)).as("a transaction per alias").isGreaterThanOrEqualTo(300);
		assertThat(recorder.peakConnections(tag)).as("connections held at once").isEqualTo(1);
		recorder.clear(tag);
	}

	// introspection and GraphiQL

	@Test
	void introspectionIsOnByDefault() {
		graphQl.anonymous()
			.document("{ __schema { queryType { name } mutationType { name } } }")
			.execute()
			.path("__schema.queryType.name")
			.entity(String.class)
			.isEqualTo("Query")
			.path("__schema.mutationType.name")
			.entity(String.class)
			.isEqualTo("Mutation");
	}

	@Test
	void graphiQlIsServedByDefault() throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		HttpResponse<String> page = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/graphiql");
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).containsIgnoringCase("graphiql");
	}

	// errors that are not the domain's

	@Test
	void malformedAndInvalidDocumentsAreRefusedWithoutLeaks() {
		List<String> documents = List.of("{ properties(first: 1) { edges ", "{ nosuchfield }",
				"{ properties(first: \"many\") { pageInfo { hasNextPage } } }",
				"{ properties(sort: SIDEWAYS) { pageInfo { hasNextPage } } }", "mutation { deleteProperty }",
				"{ property(id: \"" + UUID.randomUUID() + "\") { title nosuchfield } }");
		for (String document : documents) {
			String tag = tag();
			GraphQlTesters.Exchange exchange = graphQl.post(document, Map.of(StatementRecorder.HEADER, tag));
			assertThat(exchange.json()).as(exchange.toString()).containsKey("errors").doesNotContainKey("data");
			assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
			assertNoLeak(exchange.body());
			assertThat(recorder.statements(tag)).as(exchange.toString()).isEmpty();
		}
	}

	@Test
	void aRefusedQueryAnswers400UnderTheGraphQlResponseMediaType() {
		GraphQlTesters.Exchange exchange = graphQl.post("""
				{ properties(first: 100) { edges { node { title reviews(first: 100) {
				    edges { node { rating author { firstName } } } } } } } }""", Map.of());

		assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
		assertThat(exchange.contentType()).as(exchange.toString()).startsWith("application/graphql-response+json");
		assertThat(exchange.json()).as(exchange.toString()).containsKey("errors").doesNotContainKey("data");
		assertNoLeak(exchange.body());
	}

	record Refusal(GraphQlResponse response, ResponseError error) {
	}

	/** The document, sent anonymously, is refused as a whole: one error, no data, no leak, and no SQL ran. */
	private Refusal refusedWithoutSql(String document) {
		String tag = tag();
		var response = graphQl.with(Map.of(StatementRecorder.HEADER, tag)).document(document).execute();
		return assertRefusedBeforeExecution(response, tag);
	}

	private Refusal assertRefusedBeforeExecution(GraphQlTester.Response response, String tag) {
		GraphQlResponse raw = response.returnResponse();
		List<ResponseError> errors = new ArrayList<>();
		response.errors().satisfy(errors::addAll);
		assertThat(errors).as(raw.toMap().toString()).hasSize(1);
		assertThat(raw.toMap()).as("no data at all").doesNotContainKey("data");
		assertThat(errors.getFirst().getExtensions()).as(raw.toMap().toString())
			.containsEntry("classification", "BAD_REQUEST");
		assertNoLeak(raw);
		assertThat(recorder.statements(tag)).as("SQL run for a refused query").isEmpty();
		recorder.clear(tag);
		return new Refusal(raw, errors.getFirst());
	}

	/** {@code __schema { types { fields { type { ofType ... { name } } } } } }, {@code depth} fields deep. */
	static String introspectionOfDepth(int depth) {
		StringBuilder open = new StringBuilder("__schema { types { fields { type {");
		int levels = 4;
		for (; levels < depth - 1; levels++) {
			open.append(" ofType {");
		}
		open.append(" name");
		return open + " }".repeat(levels);
	}

	private static String tag() {
		return "graphql-safety-" + UUID.randomUUID();
	}
}
