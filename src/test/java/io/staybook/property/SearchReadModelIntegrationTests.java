package io.staybook.property;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import io.staybook.user.UserService;
import io.staybook.user.UserSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Search as a read model (issue 12): the page and its hosts' first names come from one SQL statement that joins
 * {@code users}, and they are the names {@link UserService#summary} gives, after a rename too; with {@code fields=}
 * (the README's "Sparse fieldsets") each result carries only the members named, the skipped columns are not read, and
 * a bad name is a 400. Over HTTP against PostgreSQL, every exchange checked against the OpenAPI document; the
 * statements of each request are counted by the {@link StatementRecorder}. Searches are anonymous, so no account
 * lookup counts.
 */
@IntegrationTest
class SearchReadModelIntegrationTests {

	private static final String GRAPHQL_PAGE = """
			query($city: String!) {
			  properties(filter: {city: $city}, first: 20) { edges { node { id title host { id firstName } } } }
			}""";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	UserService users;

	String city;

	TestUser ada;

	TestUser bob;

	@BeforeEach
	void sixListingsOfTwoHosts() {
		city = Listings.uniqueCity();
		ada = accounts.host();
		bob = accounts.host();
		for (int i = 0; i < 6; i++) {
			listings.create(i % 2 == 0 ? ada : bob, Map.of("city", city, "title", "Listing " + i, "price_per_night",
					(100 + i * 10) + ".00", "description", "A long description of listing " + i + ". ".repeat(50)));
		}
	}

	record Searched(Api.Response response, List<String> statements) {

		JsonNode results() {
			return response.body().path("results");
		}
	}

	Searched get(String query) {
		return send(api.get("/api/v1/properties?" + query));
	}

	Searched graphQl(String query, Map<String, Object> variables) {
		Searched searched = send(api.post("/graphql", Map.of("query", query, "variables", variables)));
		assertThat(searched.response().status()).as(searched.response().toString()).isEqualTo(200);
		assertThat(searched.response().body().path("errors").isMissingNode()).as(searched.response().toString())
			.isTrue();
		return searched;
	}

	/** Sends the call, tagged, and returns its response with the SQL prepared while serving it. */
	Searched send(Api.Call call) {
		String tag = UUID.randomUUID().toString();
		Api.Response response = call.header(StatementRecorder.HEADER, tag).send();
		List<String> statements = recorder.statements(tag);
		recorder.clear(tag);
		return new Searched(response, statements);
	}

	void rename(TestUser user, String firstName) {
		Api.Response renamed = api.patch("/api/v1/users/me", Map.of("first_name", firstName)).as(user).send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
	}

	static String lower(String sql) {
		return sql.toLowerCase(Locale.ROOT);
	}

	/** The hosts' first names by their ids, as the results show them ({@code host.first_name}). */
	static Map<String, String> hostNames(JsonNode results) {
		Map<String, String> names = new HashMap<>();
		results.forEach(result -> names.put(result.path("host").path("id").asString(),
				result.path("host").path("first_name").asString()));
		return names;
	}

	@Test
	void aPageWithItsHostsIsOneStatementJoiningUsers() {
		Searched searched = get("city=" + city);

		assertThat(searched.response().status()).as(searched.response().toString()).isEqualTo(200);
		assertThat(searched.results()).hasSize(6);
		assertThat(searched.statements()).as("statements").hasSize(1);
		assertThat(lower(searched.statements().getFirst())).contains("from properties p")
			.contains("join users u on u.id = p.host_id")
			.doesNotContain("password_hash");
		searched.results()
			.forEach(result -> assertThat(result.path("host").path("id").asString())
				.isEqualTo(result.path("host_id").asString()));
		assertThat(hostNames(searched.results()))
			.isEqualTo(Map.of(ada.id().toString(), "Test", bob.id().toString(), "Test"));
	}

	@Test
	void aRenamedHostShowsTheNewNameAsTheAccountsSummaryDoesInRestAndGraphQl() {
		rename(ada, "Adelaide");

		Searched rest = get("city=" + city);
		Searched graphQl = graphQl(GRAPHQL_PAGE, Map.of("city", city));

		Map<String, String> expected = Map.of(ada.id().toString(), "Adelaide", bob.id().toString(), "Test");
		assertThat(hostNames(rest.results())).isEqualTo(expected);
		JsonNode edges = graphQl.response().body().path("data").path("properties").path("edges");
		List<JsonNode> nodes = new ArrayList<>();
		edges.forEach(edge -> nodes.add(edge.path("node")));
		assertThat(nodes).hasSize(6);
		Map<String, String> graphQlNames = new HashMap<>();
		nodes.forEach(node -> graphQlNames.put(node.path("host").path("id").asString(),
				node.path("host").path("firstName").asString()));
		assertThat(graphQlNames).isEqualTo(expected);
		for (TestUser host : List.of(ada, bob)) {
			assertThat(Optional.ofNullable(users.summaries(List.of(host.id())).get(host.id())).map(UserSummary::firstName))
				.hasValue(expected.get(host.id().toString()));
		}
		// the page and its hosts: one statement, the batch loader of Property.host being fed from it
		assertThat(graphQl.statements()).as("GraphQL statements").hasSize(1);
		assertThat(lower(graphQl.statements().getFirst())).contains("join users u on u.id = p.host_id");
	}

	@Test
	void aDeletedHostsListingsLeaveTheSearchWhileTheOtherHostsStay() {
		Api.Response deleted = api.delete("/api/v1/users/" + bob.id()).as(bob).send();
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

		Searched searched = get("city=" + city);

		assertThat(searched.results()).hasSize(3);
		assertThat(hostNames(searched.results()))
			.isEqualTo(Map.of(ada.id().toString(), "Test"));
		// what any other view of the account shows now: the anonymised name
		assertThat(Optional.ofNullable(users.summaries(List.of(bob.id())).get(bob.id())).map(UserSummary::firstName)).hasValue("Deleted");
	}

	@Test
	void theDefaultResultIsTheWholeListingAsItsDetailShowsIt() {
		Searched searched = get("city=" + city + "&limit=1");

		JsonNode result = searched.results().get(0);
		Api.Response detail = api.get("/api/v1/properties/" + result.path("id").asString()).send();
		assertThat(result).isEqualTo(detail.body());
		assertThat(names(result)).as("the names fields= takes").isEqualTo(ListingFields.NAMES);
		assertThat(lower(searched.statements().getFirst())).contains("p.description");
	}

	@Test
	void fieldsNameTheMembersOfEachResultAndOnlyTheirColumnsAreRead() {
		Searched full = get("city=" + city + "&sort=price");
		String fields = "%20title%20,%20price_per_night,id,";
		Searched sparse = get("city=" + city + "&sort=price&fields=" + fields);

		assertThat(sparse.response().status()).as(sparse.response().toString()).isEqualTo(200);
		assertThat(sparse.results()).hasSize(6);
		for (int i = 0; i < 6; i++) {
			JsonNode result = sparse.results().get(i);
			JsonNode whole = full.results().get(i);
			assertThat(names(result)).containsExactly("id", "title", "price_per_night");
			for (String name : List.of("id", "title", "price_per_night")) {
				assertThat(result.path(name)).isEqualTo(whole.path(name));
			}
		}
		assertThat(sparse.statements()).hasSize(1);
		String sql = lower(sparse.statements().getFirst());
		assertThat(sql).contains("p.title", "p.price_per_night", "null as description")
			.doesNotContain("p.description", "join users");
	}

	@Test
	void eachFieldAloneIsThatMemberAsTheWholeListingHasIt() {
		JsonNode whole = get("city=" + city + "&sort=price").results();
		for (String name : ListingFields.NAMES) {
			Searched searched = get("city=" + city + "&sort=price&fields=" + name);

			assertThat(searched.response().status()).as(searched.response().toString()).isEqualTo(200);
			for (int i = 0; i < whole.size(); i++) {
				JsonNode result = searched.results().get(i);
				assertThat(names(result)).as(name).containsExactly(name);
				assertThat(result.path(name)).as(name).isEqualTo(whole.get(i).path(name));
			}
		}
	}

	@Test
	void theHostAloneIsAFieldOfItsOwn() {
		Searched searched = get("city=" + city + "&fields=host");

		assertThat(searched.results()).hasSize(6).allSatisfy(result -> {
			assertThat(names(result)).containsExactly("host");
			assertThat(result.path("host").path("first_name").asString()).isEqualTo("Test");
		});
		assertThat(searched.statements()).hasSize(1);
	}

	@Test
	void cursorPagingKeepsItsOrderWithFewerFields() {
		for (String sort : List.of("newest", "price", "-price", "-rating", "distance&lat=52.3752&lng=4.8840")) {
			List<JsonNode> whole = pages("city=" + city + "&sort=" + sort + "&limit=4");
			List<JsonNode> sparse = pages("city=" + city + "&sort=" + sort + "&limit=4&fields=title");

			assertThat(sparse).as(sort).hasSize(6).allSatisfy(result -> assertThat(names(result))
				.containsExactly("title"));
			assertThat(values(sparse, "title")).as(sort).isEqualTo(values(whole, "title"));
			assertThat(Set.copyOf(values(whole, "id"))).as(sort).hasSize(6);
		}
	}

	@Test
	void unknownFieldsOrNoneAreA400() {
		for (String fields : List.of("id,bogus", "description,password_hash", "", ",", "Title", "p.id")) {
			Searched searched = get("city=" + city + "&fields=" + fields);
			JsonNode problem = assertFieldErrors(searched.response(), "fields");
			assertThat(searched.statements()).as("statements for fields=%s", fields).isEmpty();
			assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
		}
	}

	/** Every result of every page of {@code query}, following next_cursor. */
	List<JsonNode> pages(String query) {
		List<JsonNode> results = new ArrayList<>();
		String cursor = null;
		do {
			Searched page = get(query + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.response().status()).as(page.response().toString()).isEqualTo(200);
			assertThat(page.statements()).hasSize(1);
			page.results().forEach(results::add);
			JsonNode next = page.response().body().path("next_cursor");
			cursor = next.isNull() ? null : next.asString();
		}
		while (cursor != null);
		return results;
	}

	static List<String> values(List<JsonNode> results, String member) {
		return results.stream().map(result -> result.path(member).asString()).toList();
	}

	static List<String> names(JsonNode result) {
		return new ArrayList<>(result.propertyNames());
	}
}
