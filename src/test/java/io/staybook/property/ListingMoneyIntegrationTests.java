package io.staybook.property;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.money.Money;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A listing's prices fit its currency's decimal places and its longest stay fits {@code numeric(12, 2)} (issue 10,
 * item 5: a listing priced 100.50 JPY was accepted and its charge could never succeed), over REST and in the database.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingMoneyIntegrationTests {

	private static final String PROPERTIES = "/api/v1/properties";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	TestUser host;

	@BeforeAll
	void host() {
		host = accounts.host();
	}

	@Test
	void aYenPriceWithAFractionIsRefusedNamingTheField() {
		var response = listings.post(host, Map.of("price_per_night", "100.50", "currency", "JPY"));

		assertFieldErrors(response, "price_per_night");
		assertThat(message(response.body(), "price_per_night")).isEqualTo("JPY has no minor unit: at most 0 decimal places");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "cleaning_fee, 0.5, KRW", "cleaning_fee, 10.5, JPY", "price_per_night, 1000.50, MGA",
			"price_per_night, 120.50, ISK" })
	void everyAmountFitsItsCurrency(String field, String amount, String currency) {
		assertFieldErrors(listings.post(host, Map.of(field, amount, "currency", currency)), field);
	}

	@Test
	void codesWithoutAMinorUnitAreNoCurrencyOfPayment() {
		var response = listings.post(host, Map.of("currency", "XXX"));

		assertFieldErrors(response, "currency");
		assertThat(message(response.body(), "currency")).isEqualTo("XXX is not a currency of payment");
	}

	@Test
	void wholeYenAreListedAndAStayIsPricedInWholeYen() {
		JsonNode listing = listings.create(host,
				Map.of("price_per_night", "1005", "cleaning_fee", "500", "currency", "JPY", "max_nights", 30));
		assertThat(listing.path("price_per_night").asString()).isEqualTo("1005.00");

		LocalDate checkIn = LocalDate.now().plusDays(30);
		var booking = api.post("/api/v1/bookings", Map.of("property_id", Listings.id(listing), "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(1).toString(), "guests", 1))
			.as(accounts.guest())
			.send();

		assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
		// 10 % of 1005 is 100.5: 101 yen, never 100.50
		assertThat(booking.body().path("service_fee").asString()).isEqualTo("101.00");
		assertThat(booking.body().path("total_price").asString()).isEqualTo("1606.00");
		assertThat(booking.body().path("currency").asString()).isEqualTo("JPY");
		// and the database holds a booking's amounts to whole yen too (the total still adds up here)
		assertThatThrownBy(() -> jdbc.update(
				"update bookings set cleaning_fee = cleaning_fee + 0.5, total_price = total_price + 0.5 where id = ?",
				UUID.fromString(booking.body().path("id").asString())))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("bookings_amounts_fit_currency");
	}

	@Test
	void threeDecimalCurrenciesAreListedToTheHundredth() {
		assertThat(listings.create(host, Map.of("price_per_night", "45.25", "currency", "KWD"))
			.path("price_per_night")
			.asString()).isEqualTo("45.25");
		assertFieldErrors(listings.post(host, Map.of("price_per_night", "45.255", "currency", "KWD")),
				"price_per_night");
	}

	@Test
	void aListingWhoseLongestStayWouldOverflowIsRefused() {
		// 365 × 30 000 000 + 10 % is about 12 billion: more than numeric(12, 2) holds
		var response = listings.post(host, Map.of("price_per_night", "30000000.00", "max_nights", 365));

		assertFieldErrors(response, "price_per_night");
		assertThat(message(response.body(), "price_per_night")).contains("max_nights (365)", "9999999999.99 USD");
		// the largest that fits: 30 × 300 000 000 + 10 % = 9 900 000 000
		listings.create(host, Map.of("price_per_night", "300000000.00", "max_nights", 30));
	}

	@Test
	void aChangeOfCurrencyAloneIsCheckedAgainstTheStoredPrices() {
		JsonNode listing = listings.create(host, Map.of("price_per_night", "100.50", "currency", "EUR"));

		var response = api.patch(path(listing), Map.of("currency", "JPY")).as(host).send();

		assertFieldErrors(response, "price_per_night");
		assertThat(api.get(path(listing)).send().body().path("currency").asString()).isEqualTo("EUR");
		// with a whole price in the same change, it is a yen listing
		var both = api.patch(path(listing), Map.of("currency", "JPY", "price_per_night", "15000")).as(host).send();
		assertThat(both.status()).as(both.toString()).isEqualTo(200);
		// and a fraction can no longer be set alone
		assertFieldErrors(api.patch(path(listing), Map.of("cleaning_fee", "0.50")).as(host).send(), "cleaning_fee");
	}

	@Test
	void aChangeOfMaxNightsAloneIsCheckedAgainstTheStoredPrice() {
		JsonNode listing = listings.create(host, Map.of("price_per_night", "100000000.00", "max_nights", 30));

		var response = api.patch(path(listing), Map.of("max_nights", 365)).as(host).send();

		assertFieldErrors(response, "price_per_night");
		assertThat(api.get(path(listing)).send().body().path("max_nights").asInt()).isEqualTo(30);
	}

	@Test
	void theDatabaseRefusesAYenPriceWithAFractionToo() {
		UUID listing = UUID.fromString(Listings.id(listings.create(host, Map.of("currency", "JPY", "price_per_night",
				"15000"))));

		assertThatThrownBy(
				() -> jdbc.update("update properties set price_per_night = 100.50 where id = ?", listing))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("properties_price_fits_currency");
		assertThatThrownBy(() -> jdbc.update("update properties set cleaning_fee = 0.5 where id = ?", listing))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("properties_cleaning_fee_fits_currency");
		assertThat(jdbc.update("update properties set price_per_night = 16000 where id = ?", listing)).isOne();
	}

	@Test
	void theDatabaseKnowsTheSameMinorUnitsAsMoneyForEveryCurrency() {
		List<String> codes = Currency.getAvailableCurrencies()
			.stream()
			.map(Currency::getCurrencyCode)
			.filter(code -> Currency.getInstance(code).getDefaultFractionDigits() >= 0)
			.sorted()
			.toList();
		for (String code : codes) {
			assertThat(jdbc.queryForObject("select currency_minor_digits(?)", Integer.class, code)).as(code)
				.isEqualTo(Money.minorDigits(code));
		}
	}

	private static String path(JsonNode listing) {
		return PROPERTIES + "/" + Listings.id(listing);
	}

	private static String message(JsonNode problem, String field) {
		for (JsonNode error : problem.path("errors")) {
			if (error.path("field").asString().equals(field)) {
				return error.path("message").asString();
			}
		}
		return null;
	}
}
