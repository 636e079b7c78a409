package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The listing operations of the GraphQL API, per role: properties (a Relay connection), property, availability,
 * createProperty, updateProperty and deleteProperty.
 */
@IntegrationTest
class PropertyGraphQlIntegrationTests extends GraphQlOperationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String PROPERTY_FIELDS = """
			id hostId host { id firstName } title description propertyType address city country latitude longitude
			timezone pricePerNight cleaningFee currency maxGuests bedrooms beds bathrooms amenities minNights maxNights
			cancellationPolicy ratingAverage reviewCount createdAt updatedAt""";

	static final String SEARCH = """
			query($filter: PropertyFilter, $sort: PropertySort, $first: Int, $after: String) {
			  properties(filter: $filter, sort: $sort, first: $first, after: $after) {
			    edges { cursor node { id title pricePerNight host { firstName } } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
			}""";

	static final String PROPERTY = "query($id: ID!) { property(id: $id) { " + PROPERTY_FIELDS + " } }";

	static final String AVAILABILITY = """
			query($id: ID!, $from: String, $to: String) {
			  availability(propertyId: $id, from: $from, to: $to) { propertyId from to unavailable { start end reason } }
			}""";

	static final String CREATE = "mutation($input: PropertyInput!) { createProperty(input: $input) { "
			+ PROPERTY_FIELDS + " } }";

	static final String UPDATE = "mutation($id: ID!, $input: PropertyInput!) { updateProperty(id: $id, input: $input) { "
			+ PROPERTY_FIELDS + " } }";

	static final String DELETE = "mutation($id: ID!) { deleteProperty(id: $id) }";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	// properties

	@Test
	void aConnectionPagesThroughEveryMatchOnceInOrder() {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		Map<String, String> idByPrice = new java.util.TreeMap<>();
		for (String price : List.of("104.00", "100.00", "103.00", "101.00", "102.00")) {
			idByPrice.put(price, trips.listing(host, Map.of("city", city, "price_per_night", price)).id().toString());
		}

		List<String> seen = new ArrayList<>();
		List<String> seenPrices = new ArrayList<>();
		String after = null;
		List<Boolean> hasNext = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			Map<String, Object> variables = new HashMap<>(Map.of("filter", Map.of("city", city), "sort", "PRICE",
					"first", 2));
			if (after != null) {
				variables.put("after", after);
			}
			GraphQlTester.Response response = graphQl.anonymous().document(SEARCH).variables(variables).execute();
			List<Map<String, Object>> edges = response.path("properties.edges").entityList(MAP).get();
			Map<String, Object> pageInfo = response.path("properties.pageInfo").entity(MAP).get();
			assertThat(edges).hasSizeBetween(1, 2);
			for (Map<String, Object> edge : edges) {
				assertThat((String) edge.get("cursor")).isNotBlank();
				@SuppressWarnings("unchecked")
				Map<String, Object> node = (Map<String, Object>) edge.get("node");
				seen.add((String) node.get("id"));
				seenPrices.add((String) node.get("pricePerNight"));
				assertThat(node.get("host")).isEqualTo(Map.of("firstName", "Test"));
			}
			assertThat(pageInfo.get("startCursor")).isEqualTo(edges.getFirst().get("cursor"));
			assertThat(pageInfo.get("endCursor")).isEqualTo(edges.getLast().get("cursor"));
			assertThat(pageInfo.get("hasPreviousPage")).isEqualTo(after != null);
			hasNext.add((Boolean) pageInfo.get("hasNextPage"));
			after = (String) pageInfo.get("endCursor");
		}

		assertThat(hasNext).containsExactly(true, true, false);
		// disjoint pages that together hold every match, in price order
		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(idByPrice.values());
		assertThat(seenPrices).containsExactly("100.00", "101.00", "102.00", "103.00", "104.00");
	}

	@Test
	void filtersCombineAndSortsApply() {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		String cheapHouse = trips
			.listing(host, Map.of("city", city, "price_per_night", "80.00", "property_type", "house", "max_guests", 6,
					"amenities", List.of("wifi", "pool")))
			.id()
			.toString();
		String dearHouse = trips
			.listing(host, Map.of("city", city, "price_per_night", "300.00", "property_type", "house", "max_guests",
					8, "amenities", List.of("wifi", "pool")))
			.id()
			.toString();
		trips.listing(host, Map.of("city", city, "price_per_night", "90.00", "property_type", "apartment"));
		trips.listing(host, Map.of("city", city, "price_per_night", "95.00", "property_type", "house", "max_guests",
				2, "amenities", List.of("wifi", "pool")));

		Map<String, Object> filter = Map.of("city", city.toUpperCase(), "propertyType", "HOUSE", "guests", 5,
				"amenities", List.of("pool"), "minPrice", "50", "maxPrice", "500");
		assertThat(ids(search(Map.of("filter", filter, "sort", "PRICE_DESC")))).containsExactly(dearHouse, cheapHouse);
		assertThat(ids(search(Map.of("filter", filter, "sort", "PRICE")))).containsExactly(cheapHouse, dearHouse);
		assertThat(ids(search(Map.of("filter", Map.of("city", city, "maxPrice", "85.00"))))).containsExactly(cheapHouse);
		assertThat(ids(search(Map.of("filter", Map.of("city", city, "hostId", UUID.randomUUID().toString())))))
			.isEmpty();
	}

	@Test
	void firstBelowOneIsRefusedAndAboveAHundredClamped() {
		for (int first : new int[] { 0, -1 }) {
			var response = graphQl.anonymous().document(SEARCH).variable("first", first).execute();
			assertInvalid(response, "properties", "first");
			// properties is non-null, so its refusal nulls the whole data
			assertThat((Object) response.returnResponse().getData()).isNull();
		}
		// above 100 it is clamped to 100, as REST's limit (the contract's "clamped to 100")
		graphQl.anonymous()
			.document(SEARCH)
			.variable("filter", Map.of("city", Listings.uniqueCity()))
			.variable("first", 101)
			.execute()
			.errors()
			.verify();
		graphQl.anonymous()
			.document(SEARCH)
			.variable("filter", Map.of("city", Listings.uniqueCity()))
			.variable("first", 100)
			.execute()
			.path("properties.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void badFiltersAreRefusedNamingTheirFields() {
		assertInvalid(graphQl.anonymous().document(SEARCH).variable("filter", Map.of("minPrice", "cheap")).execute(),
				"properties", "minPrice");
		assertInvalid(graphQl.anonymous()
			.document(SEARCH)
			.variable("filter", Map.of("minPrice", "200", "maxPrice", "100"))
			.execute(), "properties", "minPrice");
		assertInvalid(graphQl.anonymous()
			.document(SEARCH)
			.variable("filter", Map.of("checkIn", "2030-01-10", "checkOut", "2030-01-05"))
			.execute(), "properties", "checkOut");
		assertInvalid(graphQl.anonymous().document(SEARCH).variable("filter", Map.of("radiusKm", 5.0)).execute(),
				"properties", "radiusKm");
		assertInvalid(graphQl.anonymous().document(SEARCH).variable("after", "not a cursor").execute(), "properties",
				"after");
		assertInvalid(graphQl.anonymous().document(SEARCH).variable("filter", Map.of("currency", "XYZ")).execute(),
				"properties", "currency");
	}

	/** {@code currency} keeps price bounds and price sorts within one currency, as over REST (docs/search.md). */
	@Test
	void aCurrencyKeepsPriceBoundsAndSortsWithinIt() {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		String dollars = trips.listing(host, Map.of("city", city, "price_per_night", "150.00")).id().toString();
		String yen = trips.listing(host, Map.of("city", city, "price_per_night", "150", "currency", "JPY"))
			.id()
			.toString();
		String cheapYen = trips.listing(host, Map.of("city", city, "price_per_night", "90", "currency", "JPY"))
			.id()
			.toString();

		assertThat(ids(search(Map.of("filter", Map.of("city", city, "maxPrice", "200", "currency", "USD")))))
			.containsExactly(dollars);
		assertThat(ids(search(Map.of("filter", Map.of("city", city, "currency", "jpy"), "sort", "PRICE_DESC"))))
			.containsExactly(yen, cheapYen);
		assertThat(ids(search(Map.of("filter", Map.of("city", city, "maxPrice", "200")))))
			.containsExactlyInAnyOrder(dollars, yen, cheapYen);
	}

	// property

	@Test
	void anyoneReadsAListingWithItsHost() {
		TestUser host = accounts.host();
		Listing listing = trips.listing(host, Map.of("price_per_night", "120", "cleaning_fee", "35.5"));

		Map<String, Object> property = graphQl.anonymous()
			.document(PROPERTY)
			.variable("id", listing.id())
			.execute()
			.path("property")
			.entity(MAP)
			.get();

		assertThat(property).containsEntry("id", listing.id().toString())
			.containsEntry("hostId", host.id().toString())
			.containsEntry("host", Map.of("id", host.id().toString(), "firstName", "Test"))
			.containsEntry("title", "Sunny loft by the canal")
			.containsEntry("propertyType", "APARTMENT")
			.containsEntry("timezone", "UTC")
			.containsEntry("pricePerNight", "120.00")
			.containsEntry("cleaningFee", "35.50")
			.containsEntry("currency", "USD")
			.containsEntry("amenities", List.of("kitchen", "wifi"))
			.containsEntry("cancellationPolicy", "FLEXIBLE")
			.containsEntry("ratingAverage", null)
			.containsEntry("reviewCount", 0);
	}

	@Test
	void anUnknownListingIsNotFound() {
		var response = graphQl.anonymous().document(PROPERTY).variable("id", UUID.randomUUID()).execute();

		assertRefused(response, "property", "NOT_FOUND", "not_found");
		response.path("property").valueIsNull();
	}

	// availability

	@Test
	void anyoneSeesTheBookedNights() {
		Trip trip = trips.booked();

		Map<String, Object> availability = graphQl.anonymous()
			.document(AVAILABILITY)
			.variable("id", trip.propertyId())
			.variable("from", trips.today().toString())
			.variable("to", trips.today().plusDays(30).toString())
			.execute()
			.path("availability")
			.entity(MAP)
			.get();

		assertThat(availability).containsEntry("propertyId", trip.propertyId().toString())
			.containsEntry("from", trips.today().toString())
			.containsEntry("to", trips.today().plusDays(30).toString())
			.containsEntry("unavailable", List.of(Map.of("start", trip.checkIn().toString(), "end",
					trip.checkOut().toString(), "reason", "booked")));
	}

	@Test
	void availabilityRefusesBadWindowsAndUnknownListings() {
		Listing listing = trips.listing();
		assertInvalid(graphQl.anonymous().document(AVAILABILITY).variable("id", listing.id()).variable("from", "soon")
			.execute(), "availability", "from");
		assertInvalid(graphQl.anonymous()
			.document(AVAILABILITY)
			.variable("id", listing.id())
			.variable("from", "2030-01-10")
			.variable("to", "2030-01-01")
			.execute(), "availability", "to");
		assertRefused(graphQl.anonymous().document(AVAILABILITY).variable("id", UUID.randomUUID()).execute(),
				"availability", "NOT_FOUND", "not_found");
	}

	/** A date is YYYY-MM-DD as over REST: a signed year of five or more digits was taken by GraphQL only. */
	@Test
	void datesAreRefusedUnlessYyyyMmDdAsOverRest() {
		Listing listing = trips.listing();
		assertInvalid(graphQl.anonymous()
			.document(SEARCH)
			.variable("filter", Map.of("checkIn", "+10000-01-01", "checkOut", "+10000-01-03"))
			.execute(), "properties", "checkIn");
		assertInvalid(graphQl.anonymous()
			.document(AVAILABILITY)
			.variable("id", listing.id())
			.variable("from", "-0001-01-01")
			.variable("to", "0000-01-01")
			.execute(), "availability", "from");
		assertThat(api.get("/api/v1/properties?check_in=%2B10000-01-01&check_out=%2B10000-01-03").send().status())
			.isEqualTo(400);
	}

	// createProperty

	@Test
	void aHostListsAPropertyWithTheDefaults() {
		TestUser host = accounts.host();

		Map<String, Object> created = graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of()))
			.execute()
			.path("createProperty")
			.entity(MAP)
			.get();

		assertThat(UUID.fromString((String) created.get("id")).version()).isEqualTo(7);
		assertThat(created).containsEntry("hostId", host.id().toString())
			.containsEntry("title", "Harbour view")
			.containsEntry("timezone", "UTC")
			.containsEntry("cleaningFee", "0.00")
			.containsEntry("currency", "USD")
			.containsEntry("pricePerNight", "99.50")
			.containsEntry("bedrooms", 1)
			.containsEntry("minNights", 1)
			.containsEntry("maxNights", 365)
			.containsEntry("cancellationPolicy", "FLEXIBLE")
			.containsEntry("amenities", List.of("kitchen", "wifi"));
		graphQl.anonymous()
			.document(PROPERTY)
			.variable("id", created.get("id"))
			.execute()
			.path("property.title")
			.entity(String.class)
			.isEqualTo("Harbour view");
	}

	@Test
	void anAdminListsAPropertyForAHost() {
		TestUser host = accounts.host();

		graphQl.as(accounts.admin())
			.document(CREATE)
			.variable("input", input(Map.of("hostId", host.id().toString())))
			.execute()
			.path("createProperty.hostId")
			.entity(String.class)
			.isEqualTo(host.id().toString());
	}

	/**
	 * createProperty by a host whose account is being deleted: refused as REST refuses it (V49), UNAUTHORIZED as for
	 * any deleted account's request, and no listing is left.
	 */
	@Test
	void aHostBeingDeletedListsNothing() throws Exception {
		TestUser leaving = accounts.host();

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, leaving,
				() -> DeletionRace.graphQl(api, leaving, CREATE, Map.of("input", input(Map.of()))));

		assertRefused(late, "createProperty", "UNAUTHORIZED", "unauthorized");
		assertThat(jdbc.sql("select count(*) from properties where host_id = ? and deleted_at is null")
			.param(leaving.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void guestsMayNotListAndAnonymousCallersMustSignIn() {
		assertRefused(graphQl.as(accounts.guest()).document(CREATE).variable("input", input(Map.of())).execute(),
				"createProperty", "FORBIDDEN", "hosts_only");
		assertRefused(graphQl.as(accounts.host())
			.document(CREATE)
			.variable("input", input(Map.of("hostId", accounts.host().id().toString())))
			.execute(), "createProperty", "FORBIDDEN", "not_your_listing");
		var anonymous = graphQl.anonymous().document(CREATE).variable("input", input(Map.of())).execute();
		assertRefused(anonymous, "createProperty", "UNAUTHORIZED", "unauthorized");
		// a non-null field refused: the whole data is null
		assertThat((Object) anonymous.returnResponse().getData()).isNull();
	}

	@Test
	void anInvalidListingNamesEveryBadField() {
		Map<String, Object> bad = input(Map.of("pricePerNight", "1.234", "timezone", "Mars/Base"));
		bad.remove("title");

		var response = graphQl.as(accounts.host()).document(CREATE).variable("input", bad).execute();

		assertInvalid(response, "createProperty", "pricePerNight", "timezone", "title");
	}

	@Test
	void moreInvalidListings() {
		TestUser host = accounts.host();
		assertInvalid(graphQl.as(host).document(CREATE).variable("input", input(Map.of("pricePerNight", "lots")))
			.execute(), "createProperty", "pricePerNight");
		assertInvalid(graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of("minNights", 10, "maxNights", 5)))
			.execute(), "createProperty", "minNights");
		assertInvalid(graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of("amenities", List.of("Hot Tub"), "currency", "XYZ", "maxGuests", 0)))
			.execute(), "createProperty", "amenities", "currency", "maxGuests");
	}

	@Test
	void aYenPriceWithAFractionIsRefusedAsOverRest() {
		TestUser host = accounts.host();
		var refused = assertInvalid(graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of("pricePerNight", "100.50", "currency", "JPY")))
			.execute(), "createProperty", "pricePerNight");
		assertThat(refused.toString()).contains("JPY has no minor unit: at most 0 decimal places");
		assertInvalid(graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of("pricePerNight", "30000000", "maxNights", 365)))
			.execute(), "createProperty", "pricePerNight");

		graphQl.as(host)
			.document(CREATE)
			.variable("input", input(Map.of("pricePerNight", "100", "currency", "JPY")))
			.execute()
			.path("createProperty.pricePerNight")
			.entity(String.class)
			.isEqualTo("100.00");
	}

	// updateProperty

	@Test
	void theOwnerChangesOnlyTheFieldsGiven() {
		TestUser host = accounts.host();
		Listing listing = trips.listing(host, Map.of());

		update(host, listing.id(), Map.of("title", "  Renamed  ", "pricePerNight", "150")).path("updateProperty.id")
			.entity(String.class)
			.isEqualTo(listing.id().toString());

		assertThat(read(listing.id())).containsEntry("title", "Renamed")
			.containsEntry("pricePerNight", "150.00")
			.containsEntry("city", listing.city())
			.containsEntry("maxGuests", 4);
	}

	@Test
	void aChangeOfCurrencyAloneIsCheckedAgainstTheStoredPrice() {
		TestUser host = accounts.host();
		Listing listing = trips.listing(host, Map.of("price_per_night", "100.50"));

		assertInvalid(update(host, listing.id(), Map.of("currency", "JPY")), "updateProperty", "pricePerNight");

		assertThat(read(listing.id())).containsEntry("currency", "USD").containsEntry("pricePerNight", "100.50");
	}

	@Test
	void anAdminChangesAnyListing() {
		Listing listing = trips.listing();

		update(accounts.admin(), listing.id(), Map.of("maxGuests", 6)).path("updateProperty.id")
			.entity(String.class)
			.isEqualTo(listing.id().toString());

		assertThat(read(listing.id())).containsEntry("maxGuests", 6).containsEntry("title", "Sunny loft by the canal");
	}

	@Test
	void updatePropertyAnswersWithTheChangedListing() {
		Listing listing = trips.listing();

		update(listing.host(), listing.id(), Map.of("title", "  Renamed  ", "pricePerNight", "150"))
			.path("updateProperty")
			.entity(MAP)
			.satisfies(p -> assertThat(p).containsEntry("title", "Renamed")
				.containsEntry("pricePerNight", "150.00")
				.containsEntry("city", listing.city())
				.containsEntry("maxGuests", 4));
		update(accounts.admin(), listing.id(), Map.of("maxGuests", 6)).path("updateProperty")
			.entity(MAP)
			.satisfies(p -> assertThat(p).containsEntry("maxGuests", 6).containsEntry("title", "Renamed"));
	}

	@Test
	void nobodyElseChangesAListing() {
		Listing listing = trips.listing();

		assertRefused(update(accounts.host(), listing.id(), Map.of("title", "Mine now")), "updateProperty",
				"FORBIDDEN", "not_your_listing");
		assertRefused(update(accounts.guest(), listing.id(), Map.of("title", "Mine now")), "updateProperty",
				"FORBIDDEN", "not_your_listing");
		assertRefused(graphQl.anonymous()
			.document(UPDATE)
			.variable("id", listing.id())
			.variable("input", Map.of("title", "Mine now"))
			.execute(), "updateProperty", "UNAUTHORIZED", "unauthorized");
		assertRefused(update(listing.host(), UUID.randomUUID(), Map.of("title", "Nowhere")), "updateProperty",
				"NOT_FOUND", "not_found");
		assertInvalid(update(listing.host(), listing.id(), Map.of("hostId", accounts.host().id().toString())),
				"updateProperty", "hostId");
		assertInvalid(update(listing.host(), listing.id(), Map.of("timezone", "Mars/Base")), "updateProperty",
				"timezone");
	}

	@Test
	void aNullTitleIsRefusedAsOverRestAndChangesNothing() {
		Listing listing = trips.listing();
		Map<String, Object> input = new HashMap<>();
		input.put("title", null);
		input.put("maxGuests", 6);

		assertInvalid(update(listing.host(), listing.id(), input), "updateProperty", "title");

		assertThat(read(listing.id())).containsEntry("title", "Sunny loft by the canal").containsEntry("maxGuests", 4);
	}

	// deleteProperty

	@Test
	void theOwnerDelistsAndTheListingIsGone() {
		Listing listing = trips.listing();

		assertRefused(delete(accounts.host(), listing.id()), "deleteProperty", "FORBIDDEN", "not_your_listing");
		delete(listing.host(), listing.id()).path("deleteProperty").entity(Boolean.class).isEqualTo(true);

		assertRefused(graphQl.anonymous().document(PROPERTY).variable("id", listing.id()).execute(), "property",
				"NOT_FOUND", "not_found");
		assertRefused(delete(listing.host(), listing.id()), "deleteProperty", "NOT_FOUND", "not_found");
	}

	@Test
	void anAdminDelistsButNotWhileConfirmedStaysAreAhead() {
		Trip trip = trips.confirmed();

		assertRefused(delete(trip.host(), trip.propertyId()), "deleteProperty", "CONFLICT", "has_upcoming_stays");
		assertRefused(graphQl.anonymous()
			.document(DELETE)
			.variable("id", trip.propertyId())
			.execute(), "deleteProperty", "UNAUTHORIZED", "unauthorized");

		delete(accounts.admin(), trips.listing().id()).path("deleteProperty").entity(Boolean.class).isEqualTo(true);
	}

	private Map<String, Object> read(UUID id) {
		return graphQl.anonymous().document(PROPERTY).variable("id", id).execute().path("property").entity(MAP).get();
	}

	private GraphQlTester.Response update(TestUser as, UUID id, Map<String, Object> input) {
		return graphQl.as(as).document(UPDATE).variable("id", id).variable("input", input).execute();
	}

	private GraphQlTester.Response delete(TestUser as, UUID id) {
		return graphQl.as(as).document(DELETE).variable("id", id).execute();
	}

	private List<Map<String, Object>> search(Map<String, Object> variables) {
		return graphQl.anonymous().document(SEARCH).variables(variables).execute().path("properties.edges")
			.entityList(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(List<Map<String, Object>> edges) {
		return edges.stream().map(edge -> (String) ((Map<String, Object>) edge.get("node")).get("id")).toList();
	}

	/** A valid PropertyInput with these changes. */
	static Map<String, Object> input(Map<String, Object> overrides) {
		Map<String, Object> input = new HashMap<>();
		input.put("title", "Harbour view");
		input.put("description", "A room with a view of the boats.");
		input.put("propertyType", "APARTMENT");
		input.put("address", "1 Quay Street");
		input.put("city", Listings.uniqueCity());
		input.put("country", "Portugal");
		input.put("latitude", 38.7);
		input.put("longitude", -9.1);
		input.put("pricePerNight", "99.50");
		input.put("maxGuests", 2);
		input.put("amenities", List.of("wifi", "kitchen", "wifi"));
		input.putAll(overrides);
		return input;
	}
}
