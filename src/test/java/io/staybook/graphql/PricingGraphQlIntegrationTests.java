package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The GraphQL twins of the pricing operations (README, "Pricing rules and quotes"): {@code quote}, {@code calendar}
 * and {@code setPrices}, and the listing's and booking's pricing fields, answering what REST answers.
 */
@IntegrationTest
class PricingGraphQlIntegrationTests extends GraphQlOperationTests {

	private static final LocalDate THURSDAY = LocalDate.of(2027, 1, 28);

	private static final LocalDate FEB_1 = LocalDate.of(2027, 2, 1);

	static final String QUOTE = """
			query($id: ID!, $checkIn: String!, $checkOut: String!, $guests: Int) {
			  quote(propertyId: $id, checkIn: $checkIn, checkOut: $checkOut, guests: $guests) {
			    nights { date price } nightlySubtotal discount extraGuestFees cleaningFee serviceFee totalPrice currency
			  }
			}""";

	static final String CALENDAR = """
			query($id: ID!, $from: String, $to: String) {
			  calendar(propertyId: $id, from: $from, to: $to) { days { date price available } }
			}""";

	static final String SET_PRICES = """
			mutation($id: ID!, $input: SetPricesInput!) {
			  setPrices(propertyId: $id, input: $input) { days { date price available } }
			}""";

	static final String PROPERTY = """
			query($id: ID!) {
			  property(id: $id) { weekendPrice weeklyDiscountPercent monthlyDiscountPercent guestsIncluded extraGuestFee }
			}""";

	static final String UPDATE = """
			mutation($id: ID!, $input: PropertyInput!) {
			  updateProperty(id: $id, input: $input) { weekendPrice guestsIncluded maxGuests extraGuestFee }
			}""";

	Listing listing;

	@BeforeEach
	void listing() {
		clock.fixAt(Instant.parse("2027-01-04T12:00:00Z"));
		listing = trips.listing(accounts.host(), Map.of("price_per_night", "100.00", "cleaning_fee", "20.00",
				"weekend_price", "150.00", "weekly_discount_percent", 10, "guests_included", 2, "extra_guest_fee",
				"15.00"));
	}

	private static Map<String, Object> stay(Listing listing, LocalDate checkIn, LocalDate checkOut, int guests) {
		return Map.of("id", listing.id().toString(), "checkIn", checkIn.toString(), "checkOut", checkOut.toString(),
				"guests", guests);
	}

	@Test
	void aQuoteIsTheRestQuoteInCamelCaseForAnyone() {
		Map<String, Object> quote = graphQl.anonymous()
			.document(QUOTE)
			.variables(stay(listing, THURSDAY, FEB_1, 3))
			.execute()
			.path("quote")
			.entity(PropertyGraphQlIntegrationTests.MAP)
			.get();
		JsonNode rest = api.get("/api/v1/properties/" + listing.id() + "/quote?check_in=" + THURSDAY + "&check_out="
				+ FEB_1 + "&guests=3").send().body();

		assertThat(quote.get("nightlySubtotal")).isEqualTo("500.00").isEqualTo(rest.path("nightly_subtotal").asString());
		assertThat(quote.get("extraGuestFees")).isEqualTo("60.00").isEqualTo(rest.path("extra_guest_fees").asString());
		assertThat(quote.get("serviceFee")).isEqualTo(rest.path("service_fee").asString());
		assertThat(quote.get("totalPrice")).isEqualTo("636.00").isEqualTo(rest.path("total_price").asString());
		assertThat(quote.get("nights")).isEqualTo(List.of(Map.of("date", "2027-01-28", "price", "100.00"),
				Map.of("date", "2027-01-29", "price", "150.00"), Map.of("date", "2027-01-30", "price", "150.00"),
				Map.of("date", "2027-01-31", "price", "100.00")));
	}

	@Test
	void aQuoteRefusesWhatABookingRefuses() {
		LocalDate today = trips.today();
		assertInvalid(graphQl.anonymous().document(QUOTE).variables(stay(listing, today.minusDays(1), today.plusDays(1), 1)).execute(),
				"quote", "checkIn");
		assertInvalid(graphQl.anonymous().document(QUOTE).variables(stay(listing, THURSDAY, FEB_1, 5)).execute(),
				"quote", "guests");
	}

	@Test
	void theHostSetsAndRemovesPricesAndTheCalendarShowsThem() {
		Map<String, Object> input = new HashMap<>(Map.of("from", THURSDAY.toString(), "to", FEB_1.toString(),
				"pricePerNight", "175.00"));
		Map<String, Object> set = graphQl.as(listing.host())
			.document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute()
			.path("setPrices")
			.entity(PropertyGraphQlIntegrationTests.MAP)
			.get();
		assertThat(set.get("days").toString()).contains("175.00").doesNotContain("150.00");

		input.put("pricePerNight", null);
		graphQl.as(listing.host())
			.document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute()
			.path("setPrices")
			.hasValue();
		List<Object> days = graphQl.anonymous()
			.document(CALENDAR)
			.variables(Map.of("id", listing.id().toString(), "from", THURSDAY.toString(), "to", FEB_1.toString()))
			.execute()
			.path("calendar.days[*].price")
			.entityList(Object.class)
			.get();
		assertThat(days).containsExactly("100.00", "150.00", "150.00", "100.00");
	}

	@Test
	void onlyTheHostSetsPricesAndBadInputIsABadRequest() {
		TestUser other = accounts.host();
		Map<String, Object> input = Map.of("from", THURSDAY.toString(), "to", FEB_1.toString(), "pricePerNight", "175.00");
		assertRefused(graphQl.as(other).document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute(), "setPrices", "FORBIDDEN", "not_your_listing");
		assertRefused(graphQl.anonymous().document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute(), "setPrices", "UNAUTHORIZED", null);
		Map<String, Object> backwards = Map.of("from", FEB_1.toString(), "to", THURSDAY.toString(), "pricePerNight", "1.00");
		assertInvalid(graphQl.as(listing.host()).document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", backwards))
			.execute(), "setPrices", "to");
		assertInvalid(graphQl.anonymous().document(CALENDAR)
			.variables(Map.of("id", listing.id().toString(), "from", THURSDAY.toString(), "to", THURSDAY.plusDays(400).toString()))
			.execute(), "calendar", "to");
	}

	/** GraphQL's setPrices keeps the booking horizon as REST does (see PricingIntegrationTests): 730 days ahead. */
	@Test
	void setPricesPastTheBookingHorizonIsABadRequest() {
		java.time.LocalDate pastHorizon = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
			.plusDays(740);
		Map<String, Object> input = Map.of("from", pastHorizon.toString(), "to", pastHorizon.plusDays(2).toString(),
				"pricePerNight", "175.00");
		assertInvalid(graphQl.as(listing.host()).document(SET_PRICES)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute(), "setPrices", "from");
	}

	@Test
	void aListingsRulesAreReadAndChangedThroughGraphQl() {
		Map<String, Object> property = graphQl.anonymous()
			.document(PROPERTY)
			.variables(Map.of("id", listing.id().toString()))
			.execute()
			.path("property")
			.entity(PropertyGraphQlIntegrationTests.MAP)
			.get();
		assertThat(property).containsEntry("weekendPrice", "150.00")
			.containsEntry("weeklyDiscountPercent", 10)
			.containsEntry("monthlyDiscountPercent", 0)
			.containsEntry("guestsIncluded", 2)
			.containsEntry("extraGuestFee", "15.00");

		Map<String, Object> input = new HashMap<>();
		input.put("weekendPrice", null);
		input.put("maxGuests", 1);
		Map<String, Object> changed = graphQl.as(listing.host())
			.document(UPDATE)
			.variables(Map.of("id", listing.id().toString(), "input", input))
			.execute()
			.path("updateProperty")
			.entity(PropertyGraphQlIntegrationTests.MAP)
			.get();
		assertThat(changed).containsEntry("weekendPrice", null).containsEntry("guestsIncluded", 1);
	}

	@Test
	void aBookingShowsItsPriceInParts() {
		TestUser guest = accounts.guest();
		Trips.Trip trip = trips.booked(listing, guest, LocalDate.of(2027, 1, 25), 7);

		Map<String, Object> booking = graphQl.as(guest)
			.document("query($id: ID!) { booking(id: $id) { nightlySubtotal discount extraGuestFees totalPrice } }")
			.variables(Map.of("id", trip.bookingId().toString()))
			.execute()
			.path("booking")
			.entity(PropertyGraphQlIntegrationTests.MAP)
			.get();

		assertThat(booking).containsEntry("nightlySubtotal", "800.00").containsEntry("discount", "80.00");
	}
}
