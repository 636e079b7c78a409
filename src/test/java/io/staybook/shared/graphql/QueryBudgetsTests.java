package io.staybook.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The depth and complexity budgets of {@link GraphQlConfig} on a schema that, unlike Staybook's, nests without end, so
 * a normal query can be made as deep as wanted: introspection fields are outside both budgets, every other field is
 * inside, also when one operation has both. (Over HTTP, on the real schema: GraphQlIntrospectionIntegrationTests.)
 */
class QueryBudgetsTests {

	static final String SCHEMA = """
			type Query { node: Node }
			type Node { name: String child: Node children(first: Int): [Node] }""";

	static final String STANDARD_INTROSPECTION = IntrospectionQuery.INTROSPECTION_QUERY.replace(
			"query IntrospectionQuery", "");

	final AtomicInteger fetched = new AtomicInteger();

	@Test
	void aNormalQueryDeeperThanTheBudgetIsRefusedBeforeAnythingRuns() {
		ExecutionResult result = run(12, 10_000, "{ " + chain(13) + " }");

		assertRefused(result, "query_too_deep", "13", "12");
	}

	@Test
	void aNormalQueryOfTheBudgetsDepthRuns() {
		assertRan(run(12, 10_000, "{ " + chain(12) + " }"));
	}

	@Test
	void theStandardIntrospectionQueryIsOutsideBothBudgets() {
		// 13 levels deep by itself, and a few hundred fields; here the budgets are 3 levels and 5 fields
		ExecutionResult result = run(3, 5, IntrospectionQuery.INTROSPECTION_QUERY);

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Map<String, List<?>>>>getData().get("__schema").get("types")).isNotEmpty();
	}

	@Test
	void introspectionBesideATooDeepNormalQueryDoesNotHideIt() {
		String document = "{ " + chain(13) + " " + STANDARD_INTROSPECTION.strip().substring(1);

		assertRefused(run(12, 10_000, document), "query_too_deep", "13", "12");
		assertRan(run(12, 10_000, "{ " + chain(12) + " " + STANDARD_INTROSPECTION.strip().substring(1)));
	}

	@Test
	void introspectionBesideATooCostlyNormalQueryDoesNotHideIt() {
		// node 1 + (children 1 + 100 x (children 1 + 100 x name 1)) = 10102 for the normal fields alone
		String costly = "node { children(first: 100) { children(first: 100) { name } } }";

		assertRefused(run(12, 10_000, "{ " + costly + " __schema { types { name fields { name } } } }"),
				"query_too_complex", "10102", "10000");
		assertRefused(run(12, 10_000, "{ " + costly + " }"), "query_too_complex", "10102", "10000");
	}

	/** {@code node { child { child ... { name } } } }, {@code depth} fields deep. */
	static String chain(int depth) {
		return "node {" + " child {".repeat(depth - 2) + " name" + " }".repeat(depth - 1);
	}

	private ExecutionResult run(int maxDepth, int maxComplexity, String document) {
		GraphQlSettings settings = new GraphQlSettings(maxDepth, maxComplexity, 0);
		GraphQlConfig config = new GraphQlConfig();
		DataFetcher<Object> node = environment -> {
			fetched.incrementAndGet();
			return Map.of("name", "n");
		};
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", type -> type.dataFetcher("node", node))
			.type("Node", type -> type.dataFetcher("child", node).dataFetcher("children", environment -> List.of()))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
		return GraphQL.newGraphQL(schema)
			.instrumentation(new ChainedInstrumentation(config.maxQueryDepth(settings),
					new OperationCost(settings.maxComplexity(), (context, cost) -> java.util.Optional.empty())))
			.build()
			.execute(ExecutionInput.newExecutionInput(document).build());
	}

	private void assertRefused(ExecutionResult result, String code, String... inMessage) {
		assertThat(result.getErrors()).as(result.toString()).hasSize(1);
		GraphQLError error = result.getErrors().getFirst();
		assertThat(error.getExtensions()).as(result.toString()).containsEntry("code", code);
		assertThat(error.getMessage()).contains(inMessage);
		assertThat(result.isDataPresent()).isFalse();
		assertThat(fetched).as("fields fetched for a refused query").hasValue(0);
	}

	private void assertRan(ExecutionResult result) {
		assertThat(result.getErrors()).as(result.toString()).isEmpty();
		assertThat(fetched.get()).isPositive();
	}
}
