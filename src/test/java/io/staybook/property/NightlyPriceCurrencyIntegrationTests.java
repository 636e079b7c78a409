package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import io.staybook.test.ProblemAssertions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A listing's nightly prices (PUT /prices) are in its currency: before V41 they carried none, and a listing whose
 * currency changed read every override in the new one (100.00 USD a night became 100.00 JPY, or 100.00 EUR). A change
 * of currency is now refused (409) while overrides of tonight or later exist, over REST and GraphQL, and the database
 * refuses it too (each row names its currency, a foreign key to the listing's); overrides of past nights, which price
 * no stay, are dropped with the change.
 */
@IntegrationTest
class NightlyPriceCurrencyIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theCurrencyCannotChangeUnderNightlyPrices() {
		TestUser host = accounts.host();
		JsonNode listing = listings.create(host, Map.of("price_per_night", "100.00", "currency", "USD"));
		String path = "/api/v1/properties/" + Listings.id(listing);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		var set = api.put(path + "/prices", Map.of("from", today.plusDays(10).toString(), "to",
				today.plusDays(12).toString(), "price_per_night", "250.00")).as(host).send();
		assertThat(set.status()).as(set.toString()).isEqualTo(200);

		var changed = api.patch(path, Map.of("currency", "EUR")).as(host).send();

		JsonNode problem = ProblemAssertions.assertProblem(changed, 409);
		assertThat(problem.path("code").asString()).isEqualTo("listing_has_nightly_prices");
		assertThat(problem.path("detail").asString()).contains("USD", today.plusDays(10).toString());
		assertThat(api.get(path).send().body().path("currency").asString()).isEqualTo("USD");
		assertThat(night(path, today.plusDays(10))).as("still 250.00 dollars").isEqualTo("250.00");

		// the same rule over GraphQL
		JsonNode graphQl = api.post("/graphql", Map.of("query",
				"mutation($id: ID!, $input: PropertyInput!) { updateProperty(id: $id, input: $input) { currency } }",
				"variables", Map.of("id", Listings.id(listing), "input", Map.of("currency", "EUR")))).as(host).send()
			.body();
		assertThat(graphQl.path("errors").get(0).path("extensions").path("classification").asString())
			.isEqualTo("CONFLICT");
		assertThat(graphQl.path("errors").get(0).path("extensions").path("code").asString())
			.isEqualTo("listing_has_nightly_prices");

		// once the overrides are removed, the listing changes currency
		Map<String, Object> clear = new HashMap<>(Map.of("from", today.plusDays(10).toString(), "to",
				today.plusDays(12).toString()));
		clear.put("price_per_night", null);
		assertThat(api.put(path + "/prices", clear).as(host).send().status()).isEqualTo(200);
		var euros = api.patch(path, Map.of("currency", "EUR")).as(host).send();
		assertThat(euros.status()).as(euros.toString()).isEqualTo(200);
		assertThat(euros.body().path("currency").asString()).isEqualTo("EUR");
	}

	@Test
	void overridesOfPastNightsAreDroppedWithAChangeOfCurrency() {
		TestUser host = accounts.host();
		JsonNode listing = listings.create(host, Map.of("price_per_night", "100.00", "currency", "USD"));
		UUID id = UUID.fromString(Listings.id(listing));
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		// set when those nights were ahead
		jdbc.update("insert into property_prices (property_id, night, price_per_night, currency) values (?, ?, 80, 'USD')",
				id, today.minusDays(3));

		var changed = api.patch("/api/v1/properties/" + id, Map.of("currency", "GBP")).as(host).send();

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(jdbc.queryForObject("select count(*) from property_prices where property_id = ?", Integer.class, id))
			.isZero();
	}

	@Test
	void theDatabaseKeepsEachNightlyPriceInItsListingsCurrency() {
		TestUser host = accounts.host();
		UUID id = UUID.fromString(Listings.id(listings.create(host, Map.of("currency", "USD"))));
		LocalDate night = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(5);
		assertThatThrownBy(() -> jdbc.update("""
				insert into property_prices (property_id, night, price_per_night, currency) values (?, ?, 80, 'EUR')""",
				id, night)).as("another currency than the listing's")
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, "property_prices_in_listing_currency")).isTrue());
		jdbc.update("insert into property_prices (property_id, night, price_per_night, currency) values (?, ?, 80, 'USD')",
				id, night);

		assertThatThrownBy(() -> jdbc.update("update properties set currency = 'EUR' where id = ?", id))
			.as("the listing's currency under its overrides")
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, "property_prices_in_listing_currency")).isTrue());
		assertThat(jdbc.queryForObject("select currency from properties where id = ?", String.class, id))
			.isEqualTo("USD");
	}

	private String night(String path, LocalDate night) {
		JsonNode days = api.get(path + "/calendar?from=" + night + "&to=" + night.plusDays(1)).send().body()
			.path("days");
		List<String> prices = new java.util.ArrayList<>();
		days.forEach(day -> prices.add(day.path("price").asString()));
		return prices.getFirst();
	}
}
