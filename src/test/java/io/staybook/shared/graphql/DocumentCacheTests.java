package io.staybook.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@link DocumentCache} in graphql-java, on the endlessly nesting schema of {@link QueryBudgetsTests} (Staybook's
 * own schema is never deep enough to be refused for depth; over HTTP: GraphQlDocumentCacheIntegrationTests): the
 * budgets still refuse a cached document, the variables still decide the cost, and the cache keeps its bound.
 */
class DocumentCacheTests {

	final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aTooDeepDocumentIsRefusedAgainWhenItComesFromTheCache() {
		GraphQL graphQl = graphQl(new DocumentCache(1000, meters));
		String document = "{ " + QueryBudgetsTests.chain(13) + " }";

		ExecutionResult first = graphQl.execute(document);
		ExecutionResult second = graphQl.execute(document);

		assertThat(hits()).as("the second came from the cache").isEqualTo(1);
		assertThat(second.toSpecification()).isEqualTo(first.toSpecification());
		assertRefused(second, "query_too_deep");
	}

	/**
	 * The depth of a document's text is only an upper bound (what {@code @skip} leaves out does not count): a document
	 * that could be too deep is still measured with each request's variables.
	 */
	@Test
	void aDeepBranchIsRefusedOrSkippedByItsVariables() {
		GraphQL graphQl = graphQl(new DocumentCache(1000, meters));
		String document = "query($s: Boolean!) { a: node { name } b: "
				+ QueryBudgetsTests.chain(13).replaceFirst("node", "node @skip(if: \\$s)") + " }";

		ExecutionResult skipped = graphQl.execute(input(document, Map.of("s", true)));
		ExecutionResult kept = graphQl.execute(input(document, Map.of("s", false)));

		assertThat(skipped.getErrors()).isEmpty();
		assertRefused(kept, "query_too_deep");
	}

	/** Fragments count where they are spread, inline or named. */
	@Test
	void aDocumentTooDeepThroughItsFragmentsIsRefused() {
		GraphQL graphQl = graphQl(new DocumentCache(1000, meters));
		String chain = QueryBudgetsTests.chain(13);
		String named = "{ ...Deep } fragment Deep on Query { " + chain + " }";
		String inline = "{ ... on Query { " + chain + " } }";

		for (String document : List.of(named, inline, named)) {
			assertRefused(graphQl.execute(document), "query_too_deep");
		}
	}

	/** The cost depends on the variables, so it is computed per request, not cached with the document. */
	@Test
	void theSameDocumentIsRefusedOrRunByItsVariables() {
		GraphQL graphQl = graphQl(new DocumentCache(1000, meters));
		String document = "query($n: Int) { node { children(first: $n) { children(first: $n) { name } } } }";

		ExecutionResult small = graphQl.execute(input(document, Map.of("n", 5)));
		ExecutionResult costly = graphQl.execute(input(document, Map.of("n", 100)));

		assertThat(hits()).isEqualTo(1);
		assertThat(small.getErrors()).isEmpty();
		assertRefused(costly, "query_too_complex");
	}

	/** graphql-java words its errors in the request's language: a German request does not get the English ones. */
	@Test
	void errorsAreKeptPerLanguage() {
		GraphQL graphQl = graphQl(new DocumentCache(1000, meters));
		String document = "{ node { nope } }";

		String english = graphQl.execute(input(document, Map.of()).transform(b -> b.locale(Locale.ENGLISH)))
			.getErrors()
			.getFirst()
			.getMessage();
		String german = graphQl.execute(input(document, Map.of()).transform(b -> b.locale(Locale.GERMAN)))
			.getErrors()
			.getFirst()
			.getMessage();

		assertThat(german).isNotEqualTo(english);
		assertThat(hits()).isZero();
	}

	@Test
	void theCacheKeepsItsBoundWhateverComes() {
		GraphQL graphQl = graphQl(new DocumentCache(10, meters));

		for (int i = 0; i < 100; i++) {
			graphQl.execute("{ node { name } }  # " + i);
		}
		// a document of 5 KiB weighs 5
		graphQl.execute("{ node { name } } #" + "x".repeat(5 * 1024 - 20));

		assertThat(meters.get("cache.size").tag("cache", DocumentCache.NAME).gauge().value()).isLessThanOrEqualTo(10);
		assertThat(meters.get("cache.evictions").tag("cache", DocumentCache.NAME).functionCounter().count())
			.isGreaterThanOrEqualTo(90);
	}

	@Test
	void noCacheAtZero() {
		GraphQL graphQl = graphQl(new DocumentCache(0, meters));

		graphQl.execute("{ node { name } }");
		graphQl.execute("{ node { name } }");

		assertThat(hits()).isZero();
	}

	private static void assertRefused(ExecutionResult result, String code) {
		assertThat(result.getErrors()).as(result.toString())
			.singleElement()
			.satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", code));
	}

	private double hits() {
		return meters.get("cache.gets").tags("cache", DocumentCache.NAME, "result", "hit").functionCounter().count();
	}

	private static ExecutionInput input(String document, Map<String, Object> variables) {
		return ExecutionInput.newExecutionInput(document).variables(variables).build();
	}

	private static GraphQL graphQl(DocumentCache documents) {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", type -> type.dataFetcher("node", environment -> Map.of("name", "n")))
			.type("Node", type -> type.dataFetcher("child", environment -> Map.of("name", "n"))
				.dataFetcher("children", environment -> List.of()))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse(QueryBudgetsTests.SCHEMA), wiring);
		return GraphQL.newGraphQL(schema)
			.preparsedDocumentProvider(documents)
			.instrumentation(new ChainedInstrumentation(new MaxQueryDepth(12),
					new OperationCost(10_000, (context, cost) -> Optional.empty())))
			.build();
	}
}
