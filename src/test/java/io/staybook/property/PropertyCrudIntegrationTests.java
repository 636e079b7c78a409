package io.staybook.property;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code POST}, {@code GET}, {@code PATCH} and {@code DELETE /properties}: the contract's fields, rules and owners. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertyCrudIntegrationTests {

	private static final String PROPERTIES = "/api/v1/properties";

	/** Every member of a Property in the contract, and no other. */
	private static final Set<String> CONTRACT_FIELDS = Set.of("id", "host_id", "host", "title", "description",
			"property_type", "address", "city", "country", "latitude", "longitude", "timezone", "price_per_night",
			"cleaning_fee", "currency", "max_guests", "bedrooms", "beds", "bathrooms", "amenities", "min_nights",
			"max_nights", "cancellation_policy", "rating_average", "review_count", "created_at", "updated_at",
			// v1.1, request to book
			"instant_book",
			// v1.1, "Listing photos"
			"cover_photo",
			// v1.1, pricing rules and quotes
			"weekend_price", "weekly_discount_percent", "monthly_discount_percent", "guests_included",
			"extra_guest_fee",
			// v1.1, "Reviews, two-way and double-blind": the per-category averages
			"ratings");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	TestUser host;

	TestUser otherHost;

	TestUser guest;

	TestUser admin;

	@BeforeAll
	void users() {
		host = accounts.host();
		otherHost = accounts.host();
		guest = accounts.guest();
		admin = accounts.admin();
	}

	private int activeListingsOf(TestUser host) {
		return jdbc.sql("select count(*) from properties where host_id = ? and deleted_at is null")
			.param(host.id())
			.query(Integer.class)
			.single();
	}

	private static String path(JsonNode listing) {
		return PROPERTIES + "/" + Listings.id(listing);
	}

	private static Set<String> fieldNames(JsonNode node) {
		Set<String> names = new TreeSet<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

	@Nested
	class Create {

		@Test
		void aHostCreatesAListingWithEveryContractFieldAndTheDefaults() {
			Map<String, Object> body = Listings.body(Map.of("amenities", List.of("wifi", "pool", "wifi"), "timezone",
					Listings.OMIT, "currency", Listings.OMIT, "cleaning_fee", Listings.OMIT, "cancellation_policy",
					Listings.OMIT));
			Instant before = Instant.now().minusSeconds(1);

			Api.Response response = api.post(PROPERTIES, body).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			JsonNode listing = response.body();
			String id = Listings.id(listing);
			assertThat(UUID.fromString(id).version()).isEqualTo(7);
			assertThat(response.header("Location")).endsWith(PROPERTIES + "/" + id);
			assertThat(fieldNames(listing)).isEqualTo(new TreeSet<>(CONTRACT_FIELDS));
			assertThat(listing.path("host_id").asString()).isEqualTo(host.id().toString());
			assertThat(fieldNames(listing.path("host"))).containsExactlyInAnyOrder("id", "first_name");
			assertThat(listing.path("host").path("id").asString()).isEqualTo(host.id().toString());
			assertThat(listing.path("host").path("first_name").asString()).isEqualTo("Test");
			assertThat(listing.path("title").asString()).isEqualTo(body.get("title"));
			assertThat(listing.path("description").asString()).isEqualTo(body.get("description"));
			assertThat(listing.path("property_type").asString()).isEqualTo("apartment");
			assertThat(listing.path("address").asString()).isEqualTo(body.get("address"));
			assertThat(listing.path("city").asString()).isEqualTo(body.get("city"));
			assertThat(listing.path("country").asString()).isEqualTo("Netherlands");
			assertThat(listing.path("latitude").asDouble()).isEqualTo(52.3752);
			assertThat(listing.path("longitude").asDouble()).isEqualTo(4.8840);
			// money is a string with two fraction digits
			assertThat(listing.path("price_per_night").isString()).isTrue();
			assertThat(listing.path("price_per_night").asString()).isEqualTo("120.00");
			assertThat(listing.path("max_guests").asInt()).isEqualTo(4);
			// the defaults of the contract
			assertThat(listing.path("timezone").asString()).isEqualTo("UTC");
			assertThat(listing.path("currency").asString()).isEqualTo("USD");
			assertThat(listing.path("cleaning_fee").isString()).isTrue();
			assertThat(listing.path("cleaning_fee").asString()).isEqualTo("0.00");
			assertThat(listing.path("cancellation_policy").asString()).isEqualTo("flexible");
			assertThat(listing.path("instant_book").isBoolean()).isTrue();
			assertThat(listing.path("instant_book").asBoolean()).isTrue();
			assertThat(listing.has("rating_average")).isTrue();
			assertThat(listing.path("rating_average").isNull()).isTrue();
			assertThat(listing.path("review_count").asInt()).isZero();
			assertThat(listing.path("bedrooms").isInt()).isTrue();
			assertThat(listing.path("beds").isInt()).isTrue();
			assertThat(listing.path("bathrooms").isInt()).isTrue();
			assertThat(listing.path("min_nights").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(listing.path("max_nights").asInt()).isGreaterThanOrEqualTo(listing.path("min_nights").asInt());
			// deduplicated
			assertThat(strings(listing.path("amenities"))).containsExactlyInAnyOrder("wifi", "pool");
			// timestamps in UTC
			assertThat(listing.path("created_at").asString()).endsWith("Z");
			assertThat(Instant.parse(listing.path("created_at").asString())).isAfter(before);
			assertThat(listing.path("updated_at").asString()).endsWith("Z");

			// what the create returned is what a read returns
			JsonNode read = api.get(path(listing)).send().body();
			assertThat(read).isEqualTo(listing);
		}

		@Test
		void givenValuesAreKeptAndMoneyIsNormalisedToTwoDecimals() {
			Map<String, Object> given = new LinkedHashMap<>();
			given.put("price_per_night", 99.5);
			given.put("cleaning_fee", "35");
			given.put("currency", "EUR");
			given.put("timezone", "Europe/Amsterdam");
			given.put("cancellation_policy", "strict");
			given.put("property_type", "guest_house");
			given.put("bedrooms", 2);
			given.put("beds", 3);
			given.put("bathrooms", 2);
			given.put("min_nights", 2);
			given.put("max_nights", 30);
			JsonNode listing = listings.create(host, given);

			assertThat(listing.path("price_per_night").asString()).isEqualTo("99.50");
			assertThat(listing.path("cleaning_fee").asString()).isEqualTo("35.00");
			assertThat(listing.path("currency").asString()).isEqualTo("EUR");
			assertThat(listing.path("timezone").asString()).isEqualTo("Europe/Amsterdam");
			assertThat(listing.path("cancellation_policy").asString()).isEqualTo("strict");
			assertThat(listing.path("property_type").asString()).isEqualTo("guest_house");
			assertThat(listing.path("bedrooms").asInt()).isEqualTo(2);
			assertThat(listing.path("beds").asInt()).isEqualTo(3);
			assertThat(listing.path("bathrooms").asInt()).isEqualTo(2);
			assertThat(listing.path("min_nights").asInt()).isEqualTo(2);
			assertThat(listing.path("max_nights").asInt()).isEqualTo(30);
		}

		@Test
		void aGuestMayNotCreateAListing() {
			Api.Response response = listings.post(guest, Map.of());

			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}

		@Test
		void anAnonymousCallerMayNotCreateAListing() {
			Api.Response response = api.post(PROPERTIES, Listings.defaults()).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(401);
		}

		@Test
		void anAdminCreatesAListingForAHost() {
			Api.Response response = listings.post(admin, Map.of("host_id", host.id().toString()));

			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.body().path("host_id").asString()).isEqualTo(host.id().toString());
			assertThat(response.body().path("host").path("id").asString()).isEqualTo(host.id().toString());
		}

		@Test
		void anAdminMayNotCreateAListingForAGuest() {
			Api.Response response = listings.post(admin, Map.of("host_id", guest.id().toString()));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("host_id");
		}

		@Test
		void anAdminMayNotCreateAListingForNobody() {
			Api.Response response = listings.post(admin, Map.of("host_id", UUID.randomUUID().toString()));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("host_id");
		}

		@Test
		void aHostMayNotCreateAListingForAnotherHost() {
			Api.Response response = listings.post(host, Map.of("host_id", otherHost.id().toString()));

			assertThat(response.status()).as(response.toString()).isEqualTo(403);
		}

		/**
		 * A listing its host created while the host's account was being deleted waited for the deletion's lock on the
		 * account's row and was then made (201): a listing, bookable and in search, of an account that no longer
		 * existed, which the deletion (that takes the host's listings with it) never saw. V49 refuses it by name.
		 */
		@Test
		void aListingCreatedWhileItsHostIsDeletedIsRefused() throws Exception {
			TestUser leaving = accounts.host();

			Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, leaving,
					() -> listings.post(leaving, Map.of()));

			assertThat(assertProblem(late, 401).path("code").asString()).isEqualTo("unauthorized");
			assertThat(activeListingsOf(leaving)).isZero();
		}

		/** The same, created by an admin for the host: the host named is no longer one (400 on host_id). */
		@Test
		void aListingAnAdminCreatesForAHostBeingDeletedIsRefused() throws Exception {
			TestUser leaving = accounts.host();

			Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, leaving,
					() -> listings.post(admin, Map.of("host_id", leaving.id().toString())));

			assertProblem(late, 400);
			assertThat(late.fieldErrors()).containsExactly("host_id");
			assertThat(activeListingsOf(leaving)).isZero();
		}

		@Test
		void aHostMayNameItselfAsHost() {
			Api.Response response = listings.post(host, Map.of("host_id", host.id().toString()));

			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.body().path("host_id").asString()).isEqualTo(host.id().toString());
		}

		static Stream<Arguments> invalidFields() {
			return Stream.of(Arguments.of("price_per_night", -1), Arguments.of("price_per_night", "-0.01"),
					Arguments.of("price_per_night", "1.234"), Arguments.of("price_per_night", 1.234),
					Arguments.of("cleaning_fee", "-5.00"), Arguments.of("cleaning_fee", "5.001"),
					Arguments.of("max_guests", 0), Arguments.of("max_guests", 101), Arguments.of("bedrooms", -1),
					Arguments.of("bedrooms", 101), Arguments.of("beds", 101), Arguments.of("bathrooms", -1),
					Arguments.of("min_nights", 0), Arguments.of("max_nights", 366), Arguments.of("currency", "EUROS"),
					Arguments.of("currency", "XXY"), Arguments.of("currency", "eur"),
					Arguments.of("timezone", "Mars/Base"), Arguments.of("latitude", 91),
					Arguments.of("latitude", -90.0001), Arguments.of("longitude", -181),
					Arguments.of("longitude", 180.5), Arguments.of("property_type", "castle"),
					Arguments.of("cancellation_policy", "lenient"), Arguments.of("title", ""),
					Arguments.of("title", "   "), Arguments.of("title", "x".repeat(201)), Arguments.of("city", " "),
					Arguments.of("max_guests", "four"));
		}

		@ParameterizedTest(name = "{0} = {1}")
		@MethodSource("invalidFields")
		void anInvalidFieldIsA400NamingIt(String field, Object value) {
			Api.Response response = listings.post(host, Map.of(field, value));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.fieldErrors()).as(response.toString()).contains(field);
		}

		@Test
		void minNightsAboveMaxNightsIsA400() {
			Api.Response response = listings.post(host, Map.of("min_nights", 10, "max_nights", 5));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("min_nights");
		}

		@Test
		void minNightsAboveTheDefaultMaxNightsIsA400() {
			Api.Response response = listings.post(host, Map.of("min_nights", 30, "max_nights", 29));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("min_nights");
		}

		@Test
		void equalMinAndMaxNightsAreAllowed() {
			JsonNode listing = listings.create(host, Map.of("min_nights", 7, "max_nights", 7));

			assertThat(listing.path("min_nights").asInt()).isEqualTo(7);
			assertThat(listing.path("max_nights").asInt()).isEqualTo(7);
		}

		@Test
		void anAmenityThatIsNotASlugIsA400() {
			Api.Response response = listings.post(host, Map.of("amenities", List.of("wifi", "Free Parking")));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).as(response.toString()).anyMatch(f -> f.startsWith("amenities"));
		}

		@Test
		void anUnknownFieldIsA400NamingIt() {
			Api.Response response = listings.post(host, Map.of("swimming_pool", true));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("swimming_pool");
		}

		@Test
		void aMissingRequiredFieldIsA400NamingIt() {
			for (String field : List.of("title", "description", "property_type", "address", "city", "country",
					"latitude", "longitude", "price_per_night", "max_guests")) {
				Api.Response response = listings.post(host, Map.of(field, Listings.OMIT));

				assertThat(response.status()).as(field + ": " + response).isEqualTo(400);
				assertThat(response.fieldErrors()).as(field + ": " + response).contains(field);
			}
		}

		@Test
		void severalInvalidFieldsAreReportedTogether() {
			Api.Response response = listings.post(host,
					Map.of("price_per_night", -1, "currency", "EUROS", "latitude", 91));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("price_per_night", "currency", "latitude");
		}

		@Test
		void aBodyThatIsNotJsonIsA415() {
			Api.Response response = api.post(PROPERTIES, Map.of())
				.raw("title=Loft")
				.header("Content-Type", "text/plain")
				.as(host)
				.send();

			assertThat(response.status()).as(response.toString()).isEqualTo(415);
		}

		@Test
		void aBodyOverOneMebibyteIsA413() {
			Api.Response response = listings.post(host, Map.of("description", "x".repeat(1024 * 1024)));

			assertThat(response.status()).as(response.toString()).isEqualTo(413);
		}

		@Test
		void aDescriptionOverItsLimitIsA400() {
			Api.Response response = listings.post(host, Map.of("description", "x".repeat(10_001)));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("description");
		}

		@Test
		void malformedJsonIsA400() {
			Api.Response response = api.post(PROPERTIES, Map.of()).raw("{\"title\": ").as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Nested
	class Read {

		@Test
		void anyoneReadsAListingWithAnETag() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.get(path(listing)).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.header("ETag")).isNotBlank();
			assertThat(response.body().path("id").asString()).isEqualTo(Listings.id(listing));
			assertThat(response.body().path("title").asString()).isEqualTo(listing.path("title").asString());
		}

		@Test
		void aTrailingSlashReadsTheSameListing() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.get(path(listing) + "/").send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("id").asString()).isEqualTo(Listings.id(listing));
		}

		@Test
		void ifNoneMatchWithTheCurrentETagIs304WithoutABody() {
			JsonNode listing = listings.create(host);
			String etag = api.get(path(listing)).send().header("ETag");

			Api.Response response = api.get(path(listing)).header("If-None-Match", etag).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(304);
			assertThat(response.text()).isEmpty();
			assertThat(response.header("ETag")).isEqualTo(etag);
		}

		@Test
		void ifNoneMatchWithAnotherETagIs200() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.get(path(listing)).header("If-None-Match", "\"0123456789abcdef\"").send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("id").asString()).isEqualTo(Listings.id(listing));
		}

		@Test
		void afterAChangeTheOldETagGetsTheNewListingAndANewETag() {
			JsonNode listing = listings.create(host);
			String oldEtag = api.get(path(listing)).send().header("ETag");
			Api.Response patch = api.patch(path(listing), Map.of("title", "Renovated loft")).as(host).send();
			assertThat(patch.status()).as(patch.toString()).isEqualTo(200);

			Api.Response response = api.get(path(listing)).header("If-None-Match", oldEtag).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("title").asString()).isEqualTo("Renovated loft");
			String newEtag = response.header("ETag");
			assertThat(newEtag).isNotBlank().isNotEqualTo(oldEtag);
			assertThat(api.get(path(listing)).header("If-None-Match", newEtag).send().status()).isEqualTo(304);
		}

		@Test
		void anUnknownListingIs404() {
			Api.Response response = api.get(PROPERTIES + "/" + UUID.randomUUID()).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}

		@Test
		void anIdThatIsNotAUuidIs400() {
			Api.Response response = api.get(PROPERTIES + "/not-a-uuid").send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
		}
	}

	@Nested
	class Update {

		@Test
		void theOwnerChangesOnlyTheGivenFields() {
			JsonNode listing = listings.create(host, Map.of("cleaning_fee", "25.00", "amenities", List.of("wifi")));

			Api.Response response = api
				.patch(path(listing), Map.of("title", "Renovated loft", "price_per_night", "150.5", "amenities",
						List.of("pool", "wifi", "pool")))
				.as(host)
				.send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode changed = response.body();
			assertThat(changed.path("title").asString()).isEqualTo("Renovated loft");
			assertThat(changed.path("price_per_night").asString()).isEqualTo("150.50");
			assertThat(strings(changed.path("amenities"))).containsExactlyInAnyOrder("pool", "wifi");
			assertThat(Instant.parse(changed.path("updated_at").asString()))
				.isAfterOrEqualTo(Instant.parse(listing.path("updated_at").asString()));
			assertUnchangedExcept(listing, changed, "title", "price_per_night", "amenities", "updated_at");
			// and a read agrees
			JsonNode read = api.get(path(listing)).send().body();
			assertThat(read).isEqualTo(changed);
		}

		/** Issue 9 item 6: null for a field that cannot be empty used to read as "unchanged" and answer 200. */
		@Test
		void nullForAFieldThatCannotBeEmptyIsRefusedAndNothingChanges() {
			JsonNode listing = listings.create(host);
			Map<String, Object> change = new HashMap<>();
			change.put("title", null);
			change.put("description", "A new description.");

			Api.Response response = api.patch(path(listing), change).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).containsExactly("title");
			JsonNode stored = api.get(path(listing)).send().body();
			assertThat(stored.path("title").asString()).isEqualTo(listing.path("title").asString());
			assertThat(stored.path("description").asString()).isEqualTo(listing.path("description").asString());
		}

		@Test
		void theResponseToAChangeOfACachedListingShowsTheChange() {
			JsonNode listing = listings.create(host);
			// read it first, so that it is in the cache when it changes
			assertThat(api.get(path(listing)).send().status()).isEqualTo(200);

			Api.Response response = api.patch(path(listing), Map.of("max_guests", 6)).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("max_guests").asInt()).isEqualTo(6);
		}

		@Test
		void anAdminMayChangeAnyListing() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.patch(path(listing), Map.of("max_guests", 8)).as(admin).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("max_guests").asInt()).isEqualTo(8);
			assertThat(response.body().path("host_id").asString()).isEqualTo(host.id().toString());
		}

		@Test
		void anotherHostMayNotChangeIt() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.patch(path(listing), Map.of("title", "Mine now")).as(otherHost).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(api.get(path(listing)).send().body().path("title").asString())
				.isEqualTo(listing.path("title").asString());
		}

		@Test
		void aGuestMayNotChangeIt() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.patch(path(listing), Map.of("title", "Mine now")).as(guest).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(403);
		}

		@Test
		void anAnonymousCallerMayNotChangeIt() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.patch(path(listing), Map.of("title", "Mine now")).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(401);
		}

		@Test
		void anUnknownListingIs404() {
			Api.Response response = api.patch(PROPERTIES + "/" + UUID.randomUUID(), Map.of("title", "Anything"))
				.as(host)
				.send();

			assertThat(response.status()).as(response.toString()).isEqualTo(404);
		}

		@Test
		void aChangeThatPutsMinNightsAboveMaxNightsIs400() {
			JsonNode listing = listings.create(host, Map.of("min_nights", 2, "max_nights", 10));

			Api.Response response = api.patch(path(listing), Map.of("min_nights", 11)).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("min_nights");
			Api.Response lowerMax = api.patch(path(listing), Map.of("max_nights", 1)).as(host).send();
			assertThat(lowerMax.status()).as(lowerMax.toString()).isEqualTo(400);
			assertThat(api.get(path(listing)).send().body().path("min_nights").asInt()).isEqualTo(2);
		}

		@Test
		void theHostCannotBeChanged() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.patch(path(listing), Map.of("host_id", otherHost.id().toString()))
				.as(admin)
				.send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.fieldErrors()).contains("host_id");
			assertThat(api.get(path(listing)).send().body().path("host_id").asString())
				.isEqualTo(host.id().toString());
		}

		@Test
		void theFieldRulesHoldForChangesToo() {
			JsonNode listing = listings.create(host);
			Map<String, Object> invalid = new LinkedHashMap<>();
			invalid.put("price_per_night", "1.234");
			invalid.put("currency", "eur");
			invalid.put("timezone", "Mars/Base");
			invalid.put("latitude", 91);
			invalid.put("max_guests", 0);
			invalid.put("property_type", "castle");
			invalid.put("title", " ");
			invalid.put("unknown_field", 1);

			invalid.forEach((field, value) -> {
				Api.Response response = api.patch(path(listing), Map.of(field, value)).as(host).send();
				assertThat(response.status()).as(field + ": " + response).isEqualTo(400);
				assertThat(response.fieldErrors()).as(field + ": " + response).contains(field);
			});
			assertThat(api.get(path(listing)).send().body()).isEqualTo(listing);
		}

		private void assertUnchangedExcept(JsonNode before, JsonNode after, String... changed) {
			Set<String> skip = Set.of(changed);
			for (String field : CONTRACT_FIELDS) {
				if (!skip.contains(field)) {
					assertThat(after.path(field)).as(field).isEqualTo(before.path(field));
				}
			}
		}
	}

	@Nested
	class Delete {

		@Test
		void theOwnerDeletesAListingAndItIsGone() {
			JsonNode listing = listings.create(host);
			String city = listing.path("city").asString();
			assertThat(api.get(path(listing)).send().status()).isEqualTo(200);

			Api.Response response = api.delete(path(listing)).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(204);
			assertThat(api.get(path(listing)).send().status()).isEqualTo(404);
			JsonNode search = api.get(PROPERTIES + "?city=" + city).send().body();
			assertThat(search.path("results").size()).isZero();
			assertThat(api.patch(path(listing), Map.of("title", "Back")).as(host).send().status()).isEqualTo(404);
			assertThat(api.delete(path(listing)).as(host).send().status()).isEqualTo(404);
		}

		@Test
		void anotherHostMayNotDeleteIt() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.delete(path(listing)).as(otherHost).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(403);
			assertThat(api.get(path(listing)).send().status()).isEqualTo(200);
		}

		@Test
		void aGuestMayNotDeleteIt() {
			JsonNode listing = listings.create(host);

			assertThat(api.delete(path(listing)).as(guest).send().status()).isEqualTo(403);
			assertThat(api.get(path(listing)).send().status()).isEqualTo(200);
		}

		@Test
		void anAnonymousCallerMayNotDeleteIt() {
			JsonNode listing = listings.create(host);

			assertThat(api.delete(path(listing)).send().status()).isEqualTo(401);
			assertThat(api.get(path(listing)).send().status()).isEqualTo(200);
		}

		@Test
		void anAdminMayDeleteAnyListing() {
			JsonNode listing = listings.create(host);

			Api.Response response = api.delete(path(listing)).as(admin).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(204);
			assertThat(api.get(path(listing)).send().status()).isEqualTo(404);
		}

		@Test
		void anUnknownListingIs404() {
			assertThat(api.delete(PROPERTIES + "/" + UUID.randomUUID()).as(host).send().status()).isEqualTo(404);
		}
	}
}
