package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * "One SQL statement per page, whatever the filters", the hosts' names included (joined, issue 12): the statements the
 * application prepares while it serves one search are counted at the DataSource (see {@link StatementRecorder}).
 * Searches are anonymous, so that no authentication lookup is counted.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchStatementCountIntegrationTests {

	private static final double LAT = 41.3874;

	private static final double LNG = 2.1686;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	StatementRecorder recorder;

	String city;

	String country;

	List<TestUser> hosts;

	LocalDate checkIn;

	@BeforeAll
	void twentyListingsOfFourHosts() {
		city = Listings.uniqueCity();
		country = "Country-" + UUID.randomUUID();
		hosts = List.of(accounts.host(), accounts.host(), accounts.host(), accounts.host());
		checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(30);
		for (int i = 0; i < 20; i++) {
			TestUser host = hosts.get(i % hosts.size());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("city", city);
			body.put("country", country);
			body.put("description", "A quiet apartment with a garden.");
			body.put("property_type", "house");
			body.put("price_per_night", (100 + i) + ".00");
			body.put("max_guests", 4);
			body.put("amenities", List.of("wifi", "pool"));
			body.put("latitude", LAT + i * 0.001);
			body.put("longitude", LNG);
			String id = Listings.id(listings.create(host, body));
			if (i % 5 == 0) {
				// a calendar that the dates filter has to look at, outside the searched stay
				listings.block(host, id, checkIn.plusDays(10), checkIn.plusDays(12));
			}
		}
	}

	/** Every filter of the contract, each one matching all twenty listings. */
	Map<String, Object> allFilters() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("city", city.toUpperCase(Locale.ROOT));
		params.put("country", country);
		params.put("q", "apartments");
		params.put("min_price", "100");
		params.put("max_price", "200");
		params.put("currency", "USD");
		params.put("guests", 2);
		params.put("property_type", "house");
		params.put("amenities", "wifi,pool");
		params.put("check_in", checkIn);
		params.put("check_out", checkIn.plusDays(5));
		params.put("lat", LAT);
		params.put("lng", LNG);
		params.put("radius_km", 25);
		return params;
	}

	record Searched(JsonNode page, List<String> statements) {
	}

	/** Searches anonymously and returns the page with the SQL prepared while serving it. */
	Searched search(Map<String, ?> params) {
		String tag = UUID.randomUUID().toString();
		String query = params.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		Api.Response response = api.get("/api/v1/properties?" + query).header(StatementRecorder.HEADER, tag).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> statements = recorder.statements(tag);
		recorder.clear(tag);
		return new Searched(response.body(), statements);
	}

	static Set<String> hostIds(JsonNode page) {
		Set<String> ids = new HashSet<>();
		page.path("results").forEach(result -> ids.add(result.path("host_id").asString()));
		return ids;
	}

	/** The contract's bound, and keyset paging: no OFFSET, one statement over the listings and their hosts. */
	static void assertOneStatement(List<String> statements) {
		assertThat(statements).as("statements").hasSize(1);
		assertThat(statements).as("statements reading listings")
			.filteredOn(sql -> sql.toLowerCase(Locale.ROOT).contains("from properties"))
			.hasSize(1);
		// the one "offset 0" allowed is the planner fence that keeps the calendar test a per-listing probe
		// (PropertySearch); it skips no rows
		assertThat(statements).as("no OFFSET paging")
			.noneMatch(sql -> sql.toLowerCase(Locale.ROOT).matches("(?s).*\\boffset\\b(?!\\s+0\\)).*"));
	}

	@Test
	void aPageOfTwentyListingsOfFourHostsWithEveryFilterTakesOneStatement() {
		Map<String, Object> params = allFilters();
		params.put("limit", 20);

		Searched searched = search(params);

		assertThat(searched.page().path("results").size()).isEqualTo(20);
		assertThat(hostIds(searched.page())).hasSize(4);
		assertThat(searched.page().path("results").get(0).path("host").path("first_name").asString())
			.isEqualTo("Test");
		assertOneStatement(searched.statements());
	}

	@Test
	void aPageWithEveryFilterIncludingTheHostTakesOneStatement() {
		Map<String, Object> params = allFilters();
		params.put("host_id", hosts.get(1).id());

		Searched searched = search(params);

		assertThat(searched.page().path("results").size()).isEqualTo(5);
		assertOneStatement(searched.statements());
	}

	@Test
	void aPageWithNoFilterTakesOneStatement() {
		Searched searched = search(Map.of());

		assertThat(searched.page().path("results").size()).isEqualTo(20);
		assertOneStatement(searched.statements());
	}

	@ParameterizedTest(name = "sort={0}")
	@ValueSource(strings = { "newest", "price", "-price", "-rating", "distance" })
	void everyPageOfEverySortTakesOneStatement(String sort) {
		Map<String, Object> params = allFilters();
		params.put("sort", sort);
		params.put("limit", 7);
		int pages = 0;
		int results = 0;
		while (true) {
			Searched searched = search(params);
			pages++;
			results += searched.page().path("results").size();
			assertOneStatement(searched.statements());
			JsonNode cursor = searched.page().path("next_cursor");
			if (cursor.isNull()) {
				break;
			}
			params.put("cursor", cursor.asString());
		}
		assertThat(pages).isEqualTo(3);
		assertThat(results).isEqualTo(20);
	}

	@Test
	void anEmptyPageTakesOneStatement() {
		Map<String, Object> params = allFilters();
		params.put("q", "castle");

		Searched searched = search(params);

		assertThat(searched.page().path("results").size()).isZero();
		assertOneStatement(searched.statements());
	}
}
