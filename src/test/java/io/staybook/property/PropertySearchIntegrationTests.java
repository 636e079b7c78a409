package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.StoredBookings;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /properties}: every filter includes what matches and leaves out what does not, every sort orders as the
 * contract says, and cursor paging is complete, disjoint and stable while listings are added. Each test works in its
 * own city (or with a fresh host), so listings made by other tests never show up.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertySearchIntegrationTests {

	/** Kilometres per degree of latitude on the sphere the search uses. */
	private static final double KM_PER_DEGREE = 6371.0088 * Math.PI / 180;

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

	// ---- helpers

	private static String query(Map<String, ?> params) {
		return params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	Api.Response send(Map<String, ?> params) {
		return api.get("/api/v1/properties?" + query(params)).send();
	}

	/** One page; fails unless it is a 200. */
	JsonNode page(Map<String, ?> params) {
		Api.Response response = send(params);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** The ids of the first page. */
	List<String> ids(Map<String, ?> params) {
		JsonNode page = page(params);
		return ids(page);
	}

	static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(result -> ids.add(result.path("id").asString()));
		return ids;
	}

	/** Every page, following next_cursor, as the ids of each page. */
	List<List<String>> pages(Map<String, ?> params) {
		List<List<String>> pages = new ArrayList<>();
		Map<String, Object> next = new LinkedHashMap<>(params);
		for (int i = 0; i < 100; i++) {
			JsonNode page = page(next);
			pages.add(ids(page));
			JsonNode cursor = page.path("next_cursor");
			assertThat(page.has("next_cursor")).isTrue();
			if (cursor.isNull()) {
				return pages;
			}
			assertThat(cursor.asString()).isNotBlank();
			next.put("cursor", cursor.asString());
		}
		throw new AssertionError("more than 100 pages");
	}

	static Map<String, Object> params(Object... keysAndValues) {
		Map<String, Object> params = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			params.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return params;
	}

	String create(String city, Object... overrides) {
		Map<String, Object> body = params(overrides);
		body.put("city", city);
		return Listings.id(listings.create(host, body));
	}

	static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	/**
	 * "ö" can be sent as one code point or as "o" and a combining diaeresis (text copied from macOS file names, some
	 * input methods). Either form of a city finds the listing written in the other, and a decomposed word of the query
	 * finds a title sent composed; the city is stored composed, and the column refuses a decomposed one even from SQL.
	 */
	@Test
	void aCityOrWordTypedWithACombiningAccentFindsTheComposedOneAndBack() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String composed = "Malm\u00f6 " + tag;
		String decomposed = "Malmo\u0308 " + tag;
		String written = create(composed, "title", "Sm\u00f6rg\u00e5sbord loft " + tag);
		assertThat(ids(params("city", decomposed))).containsExactly(written);
		assertThat(ids(params("q", "Smo\u0308rga\u030asbord " + tag))).containsExactly(written);

		String second = create("Go\u0308teborg " + tag);
		assertThat(ids(params("city", "G\u00f6teborg " + tag))).containsExactly(second);
		assertThat(jdbc.queryForObject("select city from properties where id = ?::uuid", String.class, second))
			.isEqualTo("G\u00f6teborg " + tag);

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> jdbc.update("update properties set city = ? where id = ?::uuid", decomposed, written))
			.hasMessageContaining("properties_city_nfc");
	}

	// ---- filters

	@Nested
	class Filters {

		@Test
		void cityIsCaseInsensitive() {
			String city = Listings.uniqueCity();
			String a = create(city);
			String b = create(city.toLowerCase());
			String elsewhere = create(Listings.uniqueCity());

			assertThat(ids(params("city", city.toUpperCase()))).containsExactlyInAnyOrder(a, b)
				.doesNotContain(elsewhere);
			assertThat(ids(params("city", city.toLowerCase()))).containsExactlyInAnyOrder(a, b);
		}

		@Test
		void countryIsCaseInsensitive() {
			String city = Listings.uniqueCity();
			String country = "Country-" + UUID.randomUUID();
			String inCountry = create(city, "country", country);
			String otherCountry = create(city, "country", "Portugal");

			assertThat(ids(params("country", country.toLowerCase()))).containsExactly(inCountry)
				.doesNotContain(otherCountry);
			assertThat(ids(params("country", country.toUpperCase()))).containsExactly(inCountry);
		}

		@Test
		void qSearchesTitleAndDescriptionWithStemming() {
			String city = Listings.uniqueCity();
			String apartment = create(city, "title", "Riverside stay", "description",
					"A bright apartment near the river, with a balcony.");
			String cabin = create(city, "title", "Mountain cabin", "description", "Wooden house in the quiet hills.");

			// a word of the description, in another form: "apartments" finds "apartment"
			assertThat(ids(params("city", city, "q", "apartments"))).containsExactly(apartment).doesNotContain(cabin);
			// a word of the title
			assertThat(ids(params("city", city, "q", "mountains"))).containsExactly(cabin);
			// several words: all of them
			assertThat(ids(params("city", city, "q", "wooden hills"))).containsExactly(cabin);
			assertThat(ids(params("city", city, "q", "wooden river"))).isEmpty();
			assertThat(ids(params("city", city, "q", "castle"))).isEmpty();
		}

		/**
		 * {@code currency} keeps the listings priced in it, so that bounds and price sorts compare like with like:
		 * without it, {@code max_price=200} matched a 150 JPY listing (about one dollar) beside 150.00 USD and
		 * {@code sort=price} put 100.00 EUR after 90 JPY. Without {@code currency} the contract's filters still compare
		 * the amounts as they are (docs/search.md): requests the contract allows stay valid.
		 */
		@Test
		void aCurrencyKeepsPriceBoundsAndSortsWithinIt() {
			String city = Listings.uniqueCity();
			String dollars = create(city, "price_per_night", "150.00");
			String yen = create(city, "price_per_night", "150", "currency", "JPY");
			String cheapYen = create(city, "price_per_night", "90", "currency", "JPY");
			String euros = create(city, "price_per_night", "100.00", "currency", "EUR");

			assertThat(ids(params("city", city, "max_price", "200", "currency", "usd"))).containsExactly(dollars);
			assertThat(ids(params("city", city, "min_price", "100", "currency", "JPY"))).containsExactly(yen);
			assertThat(ids(params("city", city, "currency", "EUR"))).containsExactly(euros);
			assertThat(ids(params("city", city, "sort", "price", "currency", "JPY"))).containsExactly(cheapYen, yen);
			assertThat(ids(params("city", city, "sort", "-price", "currency", "JPY"))).containsExactly(yen, cheapYen);
			assertThat(ids(params("city", city))).containsExactlyInAnyOrder(dollars, yen, cheapYen, euros);

			// the contract's requests, without a currency: the amounts as they are
			assertThat(ids(params("city", city, "max_price", "120"))).containsExactlyInAnyOrder(cheapYen, euros);
			assertThat(ids(params("city", city, "sort", "price"))).containsExactly(cheapYen, euros, dollars, yen);

			for (String notOne : List.of("XYZ", "XXX", "dollars")) {
				Api.Response refused = send(params("city", city, "currency", notOne));
				assertThat(refused.status()).as(notOne + " -> " + refused).isEqualTo(400);
				assertThat(refused.fieldErrors()).containsExactly("currency");
			}
		}

		@Test
		void minAndMaxPriceAreInclusiveBounds() {
			String city = Listings.uniqueCity();
			String p9999 = create(city, "price_per_night", "99.99");
			String p100 = create(city, "price_per_night", "100.00");
			String p150 = create(city, "price_per_night", "150.00");
			String p15001 = create(city, "price_per_night", "150.01");

			assertThat(ids(params("city", city, "min_price", "100"))).containsExactlyInAnyOrder(p100, p150, p15001);
			assertThat(ids(params("city", city, "max_price", "150.00"))).containsExactlyInAnyOrder(p9999, p100, p150);
			assertThat(ids(params("city", city, "min_price", "100.00", "max_price", "150")))
				.containsExactlyInAnyOrder(p100, p150);
			assertThat(ids(params("city", city, "min_price", "100", "max_price", "100"))).containsExactly(p100);
		}

		@Test
		void guestsIsTheLeastCapacity() {
			String city = Listings.uniqueCity();
			String two = create(city, "max_guests", 2);
			String four = create(city, "max_guests", 4);
			String six = create(city, "max_guests", 6);

			assertThat(ids(params("city", city, "guests", 4))).containsExactlyInAnyOrder(four, six).doesNotContain(two);
			assertThat(ids(params("city", city, "guests", 1))).containsExactlyInAnyOrder(two, four, six);
			assertThat(ids(params("city", city, "guests", 7))).isEmpty();
		}

		@Test
		void propertyType() {
			String city = Listings.uniqueCity();
			String house = create(city, "property_type", "house");
			String apartment = create(city, "property_type", "apartment");
			String guestHouse = create(city, "property_type", "guest_house");

			assertThat(ids(params("city", city, "property_type", "house"))).containsExactly(house)
				.doesNotContain(apartment, guestHouse);
			assertThat(ids(params("city", city, "property_type", "guest_house"))).containsExactly(guestHouse);
			assertThat(ids(params("city", city, "property_type", "hotel"))).isEmpty();
		}

		@Test
		void amenitiesMustAllBePresent() {
			String city = Listings.uniqueCity();
			String wifiAndPool = create(city, "amenities", List.of("wifi", "pool", "kitchen"));
			String wifi = create(city, "amenities", List.of("wifi"));
			String pool = create(city, "amenities", List.of("pool"));
			String none = create(city, "amenities", List.of());

			assertThat(ids(params("city", city, "amenities", "wifi,pool"))).containsExactly(wifiAndPool)
				.doesNotContain(wifi, pool, none);
			assertThat(ids(params("city", city, "amenities", "wifi"))).containsExactlyInAnyOrder(wifiAndPool, wifi);
			assertThat(ids(params("city", city, "amenities", "pool, wifi"))).containsExactly(wifiAndPool);
			assertThat(ids(params("city", city, "amenities", "wifi,pool,sauna"))).isEmpty();
		}

		@Test
		void hostId() {
			TestUser freshHost = accounts.host();
			String city = Listings.uniqueCity();
			Map<String, Object> first = new LinkedHashMap<>(Map.of("city", city));
			String a = Listings.id(listings.create(freshHost, first));
			String b = Listings.id(listings.create(freshHost));
			String someoneElses = create(city);

			assertThat(ids(params("host_id", freshHost.id()))).containsExactlyInAnyOrder(a, b)
				.doesNotContain(someoneElses);
			assertThat(ids(params("host_id", UUID.randomUUID()))).isEmpty();
		}

		@Test
		void checkInAndOutLeaveOutListingsWithABlockOrBookingInTheStay() {
			String city = Listings.uniqueCity();
			LocalDate checkIn = today().plusDays(60);
			LocalDate checkOut = checkIn.plusDays(5);
			String free = create(city);
			String blockedInside = create(city);
			listings.block(host, blockedInside, checkIn.plusDays(1), checkIn.plusDays(3));
			String blockedOverFirstNight = create(city);
			listings.block(host, blockedOverFirstNight, checkIn.minusDays(1), checkIn.plusDays(1));
			String blockedOverLastNight = create(city);
			listings.block(host, blockedOverLastNight, checkOut.minusDays(1), checkOut.plusDays(2));
			String blockedAround = create(city);
			listings.block(host, blockedAround, checkIn.minusDays(2), checkOut.plusDays(2));
			String leavesOnCheckIn = create(city);
			listings.block(host, leavesOnCheckIn, checkIn.minusDays(3), checkIn);
			String arrivesOnCheckOut = create(city);
			listings.block(host, arrivesOnCheckOut, checkOut, checkOut.plusDays(3));
			String booked = create(city);
			book(booked, checkIn.plusDays(2), checkIn.plusDays(4));

			List<String> found = ids(params("city", city, "check_in", checkIn, "check_out", checkOut));

			assertThat(found).containsExactlyInAnyOrder(free, leavesOnCheckIn, arrivesOnCheckOut)
				.doesNotContain(blockedInside, blockedOverFirstNight, blockedOverLastNight, blockedAround, booked);
			// a one-night stay on the night before the first block
			assertThat(ids(params("city", city, "check_in", checkIn.minusDays(4), "check_out", checkIn.minusDays(3))))
				.hasSize(8);
		}

		/** A booking as the bookings module stores it: a 'booked' span on the calendar. */
		private void book(String propertyId, LocalDate start, LocalDate end) {
			StoredBookings.confirmed(jdbc, UUID.fromString(propertyId), accounts.guest().id(), start, end);
		}

		@Test
		void radiusAroundAPoint() {
			String city = Listings.uniqueCity();
			double lat = 40.4168;
			double lng = -3.7038;
			double kmPerDegreeLng = KM_PER_DEGREE * Math.cos(Math.toRadians(lat));
			String fiveNorth = create(city, "latitude", lat + 5 / KM_PER_DEGREE, "longitude", lng);
			String fiveEast = create(city, "latitude", lat, "longitude", lng + 5 / kmPerDegreeLng);
			String justInside = create(city, "latitude", lat - 9.9 / KM_PER_DEGREE, "longitude", lng);
			String justOutside = create(city, "latitude", lat, "longitude", lng - 10.1 / kmPerDegreeLng);
			String fiftySouth = create(city, "latitude", lat - 50 / KM_PER_DEGREE, "longitude", lng);

			assertThat(ids(params("city", city, "lat", lat, "lng", lng, "radius_km", 10)))
				.containsExactlyInAnyOrder(fiveNorth, fiveEast, justInside)
				.doesNotContain(justOutside, fiftySouth);
			assertThat(ids(params("city", city, "lat", lat, "lng", lng, "radius_km", 60))).hasSize(5);
			// lat and lng alone do not filter
			assertThat(ids(params("city", city, "lat", lat, "lng", lng))).hasSize(5);
		}

		@Test
		void radiusAcrossTheAntimeridian() {
			String city = Listings.uniqueCity();
			String west = create(city, "latitude", -17.0, "longitude", -179.99);
			String farWest = create(city, "latitude", -17.0, "longitude", -178.0);

			assertThat(ids(params("city", city, "lat", -17.0, "lng", 179.99, "radius_km", 5))).containsExactly(west)
				.doesNotContain(farWest);
		}

		/**
		 * Away from the equator a circle is widest in longitude poleward of its centre, by asin(sin(r/R) / cos lat),
		 * more than r / (R cos lat): the bounding box of that narrower width left these listings out.
		 */
		@Test
		void radiusFarFromTheEquatorReachesItsWidestLongitude() {
			String city = Listings.uniqueCity();
			// 49.6 km from (89, 0) and 499.4 km from (60, 0): inside both circles, beyond the narrow box's corner
			String nearThePole = create(city, "latitude", 89.1068, "longitude", 26.5);
			String nearOslo = create(city, "latitude", 60.3078, "longitude", 9.01);

			assertThat(ids(params("city", city, "lat", 89.0, "lng", 0.0, "radius_km", 50))).containsExactly(nearThePole);
			assertThat(ids(params("city", city, "lat", 60.0, "lng", 0.0, "radius_km", 500))).containsExactly(nearOslo);
			assertThat(ids(params("city", city, "lat", 60.0, "lng", 0.0, "radius_km", 500, "sort", "distance")))
				.containsExactly(nearOslo);
		}

		@Test
		void filtersCombineWithAnd() {
			String city = Listings.uniqueCity();
			String match = create(city, "property_type", "house", "max_guests", 6, "price_per_night", "200.00",
					"amenities", List.of("wifi", "pool"));
			create(city, "property_type", "apartment", "max_guests", 6, "price_per_night", "200.00", "amenities",
					List.of("wifi", "pool"));
			create(city, "property_type", "house", "max_guests", 2, "price_per_night", "200.00", "amenities",
					List.of("wifi", "pool"));
			create(city, "property_type", "house", "max_guests", 6, "price_per_night", "400.00", "amenities",
					List.of("wifi", "pool"));
			create(city, "property_type", "house", "max_guests", 6, "price_per_night", "200.00", "amenities",
					List.of("wifi"));

			assertThat(ids(params("city", city, "property_type", "house", "guests", 5, "max_price", "300",
					"amenities", "pool"))).containsExactly(match);
		}

		@Test
		void resultsAreWholeListingsWithTheirHost() {
			String city = Listings.uniqueCity();
			String id = create(city);

			JsonNode page = page(params("city", city));

			assertThat(page.path("next_cursor").isNull()).isTrue();
			JsonNode result = page.path("results").get(0);
			assertThat(result.path("id").asString()).isEqualTo(id);
			assertThat(result.path("host").path("id").asString()).isEqualTo(host.id().toString());
			assertThat(result.path("host").path("first_name").asString()).isEqualTo("Test");
			assertThat(result.path("price_per_night").asString()).isEqualTo("120.00");
			assertThat(result).isEqualTo(api.get("/api/v1/properties/" + id).send().body());
		}

		@Test
		void aTrailingSlashSearchesToo() {
			String city = Listings.uniqueCity();
			String id = create(city);

			Api.Response response = api.get("/api/v1/properties/?city=" + city).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(ids(response.body())).containsExactly(id);
		}
	}

	// ---- sorts

	@Nested
	class Sorts {

		@Test
		void newestFirstIsTheDefault() {
			String city = Listings.uniqueCity();
			String first = create(city);
			String second = create(city);
			String third = create(city);

			assertThat(ids(params("city", city))).containsExactly(third, second, first);
			assertThat(ids(params("city", city, "sort", "newest"))).containsExactly(third, second, first);
		}

		@Test
		void priceAscending() {
			String city = Listings.uniqueCity();
			String fifty = create(city, "price_per_night", "50.00");
			String twenty = create(city, "price_per_night", "20.00");
			String eighty = create(city, "price_per_night", "80.00");
			String nine = create(city, "price_per_night", "9.99");

			assertThat(ids(params("city", city, "sort", "price"))).containsExactly(nine, twenty, fifty, eighty);
		}

		@Test
		void priceDescending() {
			String city = Listings.uniqueCity();
			String fifty = create(city, "price_per_night", "50.00");
			String twenty = create(city, "price_per_night", "20.00");
			String eighty = create(city, "price_per_night", "80.00");
			String nine = create(city, "price_per_night", "9.99");

			assertThat(ids(params("city", city, "sort", "-price"))).containsExactly(eighty, fifty, twenty, nine);
		}

		@Test
		void equalPricesStillHaveOneStableOrder() {
			String city = Listings.uniqueCity();
			for (int i = 0; i < 5; i++) {
				create(city, "price_per_night", "70.00");
			}
			for (String sort : List.of("price", "-price")) {
				List<String> once = ids(params("city", city, "sort", sort));
				assertThat(ids(params("city", city, "sort", sort))).isEqualTo(once);
				assertThat(pages(params("city", city, "sort", sort, "limit", 1)).stream().flatMap(List::stream))
					.containsExactlyElementsOf(once);
			}
		}

		@Test
		void ratingDescendingWithUnratedLast() {
			String city = Listings.uniqueCity();
			String unratedA = create(city);
			String three = create(city);
			String best = create(city);
			String unratedB = create(city);
			String alsoThree = create(city);
			String low = create(city);
			rate(three, "3.00");
			rate(alsoThree, "3.00");
			rate(best, "4.50");
			rate(low, "1.25");

			List<String> order = ids(params("city", city, "sort", "-rating"));

			assertThat(order).hasSize(6);
			assertThat(order.get(0)).isEqualTo(best);
			assertThat(order.subList(1, 3)).containsExactlyInAnyOrder(three, alsoThree);
			assertThat(order.get(3)).isEqualTo(low);
			assertThat(order.subList(4, 6)).containsExactlyInAnyOrder(unratedA, unratedB);
			// two decimals, as the contract says
			assertThat(send(params("city", city, "sort", "-rating")).text()).contains("\"rating_average\":4.50")
				.contains("\"rating_average\":3.00")
				.contains("\"rating_average\":null");
			// equal and missing ratings: still one order, the same whatever the page size
			assertThat(ids(params("city", city, "sort", "-rating"))).isEqualTo(order);
			for (int limit = 1; limit <= 3; limit++) {
				assertThat(pages(params("city", city, "sort", "-rating", "limit", limit)).stream()
					.flatMap(List::stream)).as("limit %d", limit).containsExactlyElementsOf(order);
			}
		}

		private void rate(String id, String average) {
			jdbc.update("update properties set rating_average = ?, review_count = 3 where id = ?",
					new BigDecimal(average), UUID.fromString(id));
		}

		@Test
		void distanceAscending() {
			String city = Listings.uniqueCity();
			double lat = 48.8566;
			double lng = 2.3522;
			String three = create(city, "latitude", lat + 3 / KM_PER_DEGREE, "longitude", lng);
			String one = create(city, "latitude", lat - 1 / KM_PER_DEGREE, "longitude", lng);
			String twenty = create(city, "latitude", lat, "longitude",
					lng + 20 / (KM_PER_DEGREE * Math.cos(Math.toRadians(lat))));
			String two = create(city, "latitude", lat + 2 / KM_PER_DEGREE, "longitude", lng);
			String here = create(city, "latitude", lat, "longitude", lng);

			assertThat(ids(params("city", city, "lat", lat, "lng", lng, "sort", "distance")))
				.containsExactly(here, one, two, three, twenty);
			assertThat(ids(params("city", city, "lat", lat, "lng", lng, "radius_km", 5, "sort", "distance")))
				.containsExactly(here, one, two, three);
		}
	}

	// ---- paging

	@Nested
	class Paging {

		/** Seven listings with ties on every key: equal prices, no ratings, shared places. */
		private String sevenListings() {
			String city = Listings.uniqueCity();
			String[] prices = { "40.00", "20.00", "20.00", "90.00", "20.00", "60.00", "40.00" };
			for (int i = 0; i < prices.length; i++) {
				create(city, "price_per_night", prices[i], "latitude", 10.0 + (i % 3) * 0.01, "longitude", 20.0);
			}
			return city;
		}

		@ParameterizedTest(name = "sort={0}")
		@ValueSource(strings = { "newest", "price", "-price", "-rating", "distance" })
		void pagesAreDisjointCompleteAndInTheOrderOfOnePage(String sort) {
			String city = sevenListings();
			Map<String, Object> params = params("city", city, "sort", sort, "lat", 10.0, "lng", 20.0);
			Map<String, Object> onePage = new LinkedHashMap<>(params);
			onePage.put("limit", 100);
			List<String> all = ids(onePage);
			assertThat(all).hasSize(7).doesNotHaveDuplicates();
			Map<String, Object> paged = new LinkedHashMap<>(params);
			paged.put("limit", 3);

			List<List<String>> pages = pages(paged);

			assertThat(pages).hasSize(3);
			assertThat(pages.get(0)).hasSize(3);
			assertThat(pages.get(1)).hasSize(3);
			assertThat(pages.get(2)).hasSize(1);
			assertThat(pages.stream().flatMap(List::stream)).doesNotHaveDuplicates().containsExactlyElementsOf(all);
		}

		@Test
		void aFullLastPageHasNoNextCursorOnlyIfNothingFollows() {
			String city = Listings.uniqueCity();
			for (int i = 0; i < 4; i++) {
				create(city);
			}

			List<List<String>> pages = pages(params("city", city, "limit", 2));

			assertThat(pages).hasSize(2);
			assertThat(pages.get(1)).hasSize(2);
		}

		@Test
		void priceOrderIsStableWhileListingsAreAdded() {
			String city = Listings.uniqueCity();
			Set<String> originals = new HashSet<>();
			for (int price = 10; price <= 70; price += 10) {
				originals.add(create(city, "price_per_night", price + ".00"));
			}
			Map<String, Object> params = params("city", city, "sort", "price", "limit", 3);
			JsonNode first = page(params);
			List<String> seen = new ArrayList<>(ids(first));
			assertThat(first.path("results").get(2).path("price_per_night").asString()).isEqualTo("30.00");

			// before the cursor: never shown now; after it: shown in its place
			String cheaper = create(city, "price_per_night", "5.00");
			String between = create(city, "price_per_night", "15.00");
			String samePriceAsCursor = create(city, "price_per_night", "30.00");
			String after = create(city, "price_per_night", "35.00");
			String last = create(city, "price_per_night", "99.00");
			params.put("cursor", first.path("next_cursor").asString());
			pages(params).forEach(seen::addAll);

			assertThat(seen).doesNotHaveDuplicates();
			assertThat(seen).containsAll(originals);
			assertThat(seen).doesNotContain(cheaper, between);
			// a new id sorts after the cursor's among equal prices
			assertThat(seen).contains(samePriceAsCursor, after, last);
			assertThat(seen).hasSize(originals.size() + 3);
		}

		@Test
		void newestOrderIsStableWhileListingsAreAdded() {
			String city = Listings.uniqueCity();
			List<String> originals = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				originals.add(0, create(city));
			}
			Map<String, Object> params = params("city", city, "limit", 3);
			JsonNode first = page(params);
			List<String> seen = new ArrayList<>(ids(first));

			String newer = create(city);
			String newest = create(city);
			params.put("cursor", first.path("next_cursor").asString());
			pages(params).forEach(seen::addAll);

			assertThat(seen).containsExactlyElementsOf(originals).doesNotContain(newer, newest);
		}

		@Test
		void descendingPriceOrderIsStableWhileListingsAreAdded() {
			String city = Listings.uniqueCity();
			Set<String> originals = new HashSet<>();
			for (int price = 10; price <= 70; price += 10) {
				originals.add(create(city, "price_per_night", price + ".00"));
			}
			Map<String, Object> params = params("city", city, "sort", "-price", "limit", 3);
			JsonNode first = page(params);
			List<String> seen = new ArrayList<>(ids(first));

			String dearer = create(city, "price_per_night", "65.00");
			String cheaper = create(city, "price_per_night", "1.00");
			params.put("cursor", first.path("next_cursor").asString());
			pages(params).forEach(seen::addAll);

			assertThat(seen).doesNotHaveDuplicates().containsAll(originals).contains(cheaper).doesNotContain(dearer);
		}

		@Test
		void limitDefaultsTo20AndIsClampedTo100() {
			String city = Listings.uniqueCity();
			for (int i = 0; i < 101; i++) {
				create(city);
			}

			JsonNode byDefault = page(params("city", city));
			JsonNode clamped = page(params("city", city, "limit", 1000));

			assertThat(byDefault.path("results").size()).isEqualTo(20);
			assertThat(clamped.path("results").size()).isEqualTo(100);
			assertThat(clamped.path("next_cursor").isNull()).isFalse();
			Map<String, Object> rest = params("city", city, "limit", 1000, "cursor",
					clamped.path("next_cursor").asString());
			JsonNode last = page(rest);
			assertThat(last.path("results").size()).isOne();
			assertThat(last.path("next_cursor").isNull()).isTrue();
		}
	}

	// ---- validation

	/**
	 * A radius search over a crowded circle, paged with cursors in every sort, gives the rows and the order of a
	 * brute-force filter: whether a page comes from the window read in sort order (or, by distance, the ring beyond
	 * the cursor) or from the whole circle (the last, short page), the rows are the same (PropertySearch.radiusPage).
	 */
	@Nested
	class RadiusPaging {

		@Test
		void everySortPagesThroughACrowdedCircleAsABruteForceFilterWould() {
			String city = Listings.uniqueCity();
			// a spot no other test uses: far south, at a random longitude
			double lat = -52.5;
			double lng = -170 + ThreadLocalRandom.current().nextDouble(340);
			double kmPerDegreeLng = KM_PER_DEGREE * Math.cos(Math.toRadians(lat));
			List<String> inside = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				// 50 m apart, nearest first: the first pages by distance come from the ring near the cursor
				double km = 0.05 * i;
				double angle = i * 0.7;
				String id = create(city, "latitude", lat + km * Math.sin(angle) / KM_PER_DEGREE, "longitude",
						lng + km * Math.cos(angle) / kmPerDegreeLng, "price_per_night", (40 + i % 5 * 10) + ".00",
						"max_guests", i % 6 == 0 ? 1 : 4);
				if (i % 6 != 0) {
					inside.add(id);
				}
				if (i % 4 == 0) {
					jdbc.update("update properties set rating_average = ?, review_count = 2 where id = ?",
							new BigDecimal("3.50"), UUID.fromString(id));
				}
			}
			// in the bounding box but outside the circle, and well outside
			create(city, "latitude", lat + 4.8 / KM_PER_DEGREE, "longitude", lng + 4.8 / kmPerDegreeLng);
			create(city, "latitude", lat, "longitude", lng + 7 / kmPerDegreeLng);
			Map<String, String> orders = Map.of("newest", "id desc", "price", "price_per_night, id", "-price",
					"price_per_night desc, id desc", "-rating", "coalesce(rating_average, 0) desc, id desc");
			for (String sort : List.of("newest", "price", "-price", "-rating", "distance")) {
				List<String> paged = pages(params("lat", lat, "lng", lng, "radius_km", 5, "guests", 2, "sort", sort,
						"limit", 4))
					.stream()
					.flatMap(List::stream)
					.toList();
				assertThat(paged).as(sort).containsExactlyInAnyOrderElementsOf(inside);
				if (orders.containsKey(sort)) {
					List<String> expected = jdbc.queryForList("select id::text from properties where id = any(?::uuid[])"
							+ " order by " + orders.get(sort), String.class, (Object) inside.toArray(String[]::new));
					assertThat(paged).as(sort).containsExactlyElementsOf(expected);
				}
				else {
					assertThat(paged).as(sort).containsExactlyElementsOf(inside);
				}
			}
		}
	}

	@Nested
	class Validation {

		private void assertRejected(Map<String, ?> params, String field) {
			Api.Response response = send(params);
			assertThat(response.status()).as(params + " -> " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.fieldErrors()).as(params + " -> " + response).contains(field);
		}

		@Test
		void minPriceAboveMaxPrice() {
			assertRejected(params("min_price", "100.01", "max_price", "100"), "min_price");
		}

		@Test
		void negativeOrNonNumericPrices() {
			assertRejected(params("min_price", "-1"), "min_price");
			assertRejected(params("max_price", "-0.01"), "max_price");
			assertRejected(params("min_price", "abc"), "min_price");
		}

		@Test
		void checkInAndCheckOutGoTogether() {
			LocalDate day = today().plusDays(10);
			assertRejected(params("check_in", day), "check_out");
			assertRejected(params("check_out", day), "check_in");
		}

		@Test
		void checkOutMustBeAfterCheckIn() {
			LocalDate day = today().plusDays(10);
			assertRejected(params("check_in", day, "check_out", day), "check_out");
			assertRejected(params("check_in", day, "check_out", day.minusDays(1)), "check_out");
		}

		@Test
		void datesMustBeIsoDates() {
			assertRejected(params("check_in", "2027-13-01", "check_out", "2027-12-05"), "check_in");
			assertRejected(params("check_in", "2027-12-01", "check_out", "05/12/2027"), "check_out");
		}

		@Test
		void radiusMustBeMoreThanZeroAndAtMost500() {
			assertRejected(params("lat", 10, "lng", 10, "radius_km", 0), "radius_km");
			assertRejected(params("lat", 10, "lng", 10, "radius_km", -5), "radius_km");
			assertRejected(params("lat", 10, "lng", 10, "radius_km", 501), "radius_km");
			assertRejected(params("lat", 10, "lng", 10, "radius_km", 500.01), "radius_km");
			assertThat(send(params("lat", 10, "lng", 10, "radius_km", 500)).status()).isEqualTo(200);
			assertThat(send(params("lat", 10, "lng", 10, "radius_km", 0.5)).status()).isEqualTo(200);
		}

		@Test
		void radiusNeedsLatAndLng() {
			assertRejected(params("radius_km", 10), "radius_km");
			assertRejected(params("lat", 10, "radius_km", 10), "lng");
		}

		@Test
		void latAndLngGoTogetherAndMustBeOnTheGlobe() {
			assertRejected(params("lat", 10), "lng");
			assertRejected(params("lng", 10), "lat");
			assertRejected(params("lat", 91, "lng", 10), "lat");
			assertRejected(params("lat", 10, "lng", -181), "lng");
		}

		@Test
		void distanceSortNeedsLatAndLng() {
			assertRejected(params("sort", "distance"), "sort");
		}

		@Test
		void unknownSort() {
			assertRejected(params("sort", "bogus"), "sort");
			assertRejected(params("sort", "rating"), "sort");
		}

		@Test
		void limitMustBeANumber() {
			assertRejected(params("limit", "abc"), "limit");
		}

		@Test
		void otherParametersOfTheWrongType() {
			assertRejected(params("guests", "two"), "guests");
			assertRejected(params("guests", 0), "guests");
			assertRejected(params("host_id", "not-a-uuid"), "host_id");
			assertRejected(params("property_type", "castle"), "property_type");
			assertRejected(params("amenities", "wifi,Free Parking"), "amenities");
		}

		@Test
		void aCursorThatIsNotOneOfOursIsRejected() {
			assertRejected(params("cursor", "garbage!!"), "cursor");
			assertRejected(params("cursor", "Z2FyYmFnZQ"), "cursor");
			assertRejected(params("cursor", java.util.Base64.getUrlEncoder()
				.encodeToString("PRICE\u001fnot-a-price\u001fnot-a-uuid".getBytes(StandardCharsets.UTF_8))), "cursor");
		}

		@Test
		void aCursorOnlyContinuesTheSortItCameFrom() {
			String city = Listings.uniqueCity();
			create(city, "price_per_night", "10.00");
			create(city, "price_per_night", "20.00");
			String cursor = page(params("city", city, "sort", "price", "limit", 1)).path("next_cursor").asString();
			assertThat(cursor).isNotBlank();

			assertRejected(params("city", city, "sort", "-price", "limit", 1, "cursor", cursor), "cursor");
			assertRejected(params("city", city, "limit", 1, "cursor", cursor), "cursor");
			assertThat(send(params("city", city, "sort", "price", "limit", 1, "cursor", cursor)).status())
				.isEqualTo(200);
		}

		@Test
		void everyViolationIsReportedAtOnce() {
			Api.Response response = send(params("min_price", "10", "max_price", "5", "lat", 10, "lng", 10,
					"radius_km", 501, "guests", 0));

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("min_price", "radius_km", "guests");
		}
	}
}
