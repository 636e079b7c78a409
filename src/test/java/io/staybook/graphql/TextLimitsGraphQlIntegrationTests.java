package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.graphql.Trips.Listing;
import io.staybook.graphql.Trips.Trip;
import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The GraphQL inputs count text limits in characters (code points) as REST does (see
 * {@code io.staybook.shared.web.TextLimitsIntegrationTests}): a text of exactly its limit in emoji is taken and kept
 * intact, one more emoji is a BAD_REQUEST naming the field. An idempotency key is visible ASCII (RFC 8941 §3.3.3,
 * as its header is), so an emoji there is refused whatever the length.
 */
@IntegrationTest
class TextLimitsGraphQlIntegrationTests extends GraphQlOperationTests {

	/** One character, two UTF-16 units. */
	static final String EMOJI = "😀";

	static final String REGISTER = "mutation($input: RegisterInput!) { register(input: $input) { firstName lastName } }";

	static final String UPDATE_ME = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { firstName lastName } }";

	static final String PROPERTY_FIELDS = "id title description address city country";

	static final String CREATE_PROPERTY = "mutation($input: PropertyInput!, $key: String) {"
			+ " createProperty(input: $input, idempotencyKey: $key) { " + PROPERTY_FIELDS + " } }";

	static final String UPDATE_PROPERTY = "mutation($id: ID!, $input: PropertyInput!) {"
			+ " updateProperty(id: $id, input: $input) { " + PROPERTY_FIELDS + " } }";

	static final String UPDATE_PHOTO = "mutation($propertyId: ID!, $id: ID!, $input: PhotoInput!) {"
			+ " updatePhoto(propertyId: $propertyId, id: $id, input: $input) { caption } }";

	static final String CREATE_IMPORT = "mutation($propertyId: ID!, $input: CreateIcalImportInput!) {"
			+ " createIcalImport(propertyId: $propertyId, input: $input) { id name } }";

	static final String CANCEL = "mutation($id: ID!, $reason: String) { cancelBooking(id: $id, reason: $reason) { id } }";

	static final String DECLINE = "mutation($id: ID!, $reason: String) {"
			+ " declineBooking(id: $id, reason: $reason) { id declineReason } }";

	@Autowired
	JdbcClient jdbc;

	/** Sends one text as the value of one input field; reads back what was kept of a taken one. */
	interface Input {

		GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text);

		String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken);
	}

	record Limit(String name, String operation, String field, int max, Input how) {

		@Override
		public String toString() {
			return name;
		}
	}

	/**
	 * A search's full-text query, unbounded over GraphQL (no URL around it): 20,000 words overflowed PostgreSQL's stack
	 * while it parsed them, answered as service_unavailable, as if the database were down.
	 */
	@Test
	void aSearchQueryPast256CharactersIsRefused() {
		String search = "query($q: String) { properties(filter: { q: $q }, first: 1) { edges { node { id } } } }";
		String words = String.join(" ", java.util.Collections.nCopies(20_000, "sea"));

		assertInvalid(graphQl.anonymous().document(search).variable("q", words).execute(), "properties", "q");
		graphQl.anonymous().document(search).variable("q", EMOJI.repeat(256)).execute().errors().verify();
	}

	static Stream<Limit> limits() {
		return Stream.of(new Limit("register firstName", "register", "firstName", 100, register("firstName")),
				new Limit("register lastName", "register", "lastName", 100, register("lastName")),
				new Limit("updateMe firstName", "updateMe", "firstName", 100, updateMe("firstName")),
				new Limit("updateMe lastName", "updateMe", "lastName", 100, updateMe("lastName")),
				new Limit("createProperty title", "createProperty", "title", 200, createProperty("title")),
				new Limit("createProperty description", "createProperty", "description", 10_000,
						createProperty("description")),
				new Limit("createProperty address", "createProperty", "address", 300, createProperty("address")),
				new Limit("createProperty city", "createProperty", "city", 100, createProperty("city")),
				new Limit("createProperty country", "createProperty", "country", 100, createProperty("country")),
				new Limit("updateProperty title", "updateProperty", "title", 200, updateProperty("title")),
				new Limit("updatePhoto caption", "updatePhoto", "caption", 500, updatePhoto()),
				new Limit("createIcalImport name", "createIcalImport", "name", 100, icalName()),
				new Limit("cancelBooking reason", "cancelBooking", "reason", 1000, cancelReason()),
				new Limit("declineBooking reason", "declineBooking", "reason", 1000, declineReason()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("limits")
	void aTextOfItsLimitInEmojiIsTakenAndOneMoreIsRefusedNamingTheField(Limit limit) {
		String longest = EMOJI.repeat(limit.max());

		GraphQlTester.Response taken = limit.how().send(this, longest);
		taken.errors().verify();
		assertThat(limit.how().stored(this, taken)).as(limit.toString()).isEqualTo(longest);

		assertInvalid(limit.how().send(this, longest + EMOJI), limit.operation(), limit.field());
	}

	@Test
	void anIdempotencyKeyIsVisibleAsciiUpToItsLimitAndAnEmojiIsRefused() {
		TestUser host = accounts.host();
		String longest = "k".repeat(255);
		graphQl.as(host)
			.document(CREATE_PROPERTY)
			.variable("input", PropertyGraphQlIntegrationTests.input(Map.of()))
			.variable("key", longest)
			.execute()
			.path("createProperty.id")
			.hasValue();

		for (String refused : List.of(longest + "k", EMOJI, EMOJI.repeat(255))) {
			assertRefused(graphQl.as(host)
				.document(CREATE_PROPERTY)
				.variable("input", PropertyGraphQlIntegrationTests.input(Map.of()))
				.variable("key", refused)
				.execute(), "createProperty", "BAD_REQUEST", "invalid_idempotency_key");
		}
	}

	private static Input register(String field) {
		return new Input() {
			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				Map<String, Object> input = new HashMap<>(Map.of("firstName", "Grace", "lastName", "Hopper", "email",
						Accounts.uniqueEmail("gql-emoji"), "password", Accounts.PASSWORD));
				input.put(field, text);
				return test.graphQl.anonymous().document(REGISTER).variable("input", input).execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return taken.path("register." + field).entity(String.class).get();
			}
		};
	}

	private static Input updateMe(String field) {
		return new Input() {
			TestUser user;

			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				user = user == null ? test.accounts.guest() : user;
				return test.graphQl.as(user).document(UPDATE_ME).variable("input", Map.of(field, text)).execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.graphQl.as(user).document("{ me { " + field + " } }").execute()
					.path("me." + field).entity(String.class).get();
			}
		};
	}

	private static Input createProperty(String field) {
		return new Input() {
			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				return test.graphQl.as(test.accounts.host())
					.document(CREATE_PROPERTY)
					.variable("input", PropertyGraphQlIntegrationTests.input(Map.of(field, text)))
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.readProperty(id(taken, "createProperty"), field);
			}
		};
	}

	private static Input updateProperty(String field) {
		return new Input() {
			Listing listing;

			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				listing = listing == null ? test.trips.listing() : listing;
				return test.graphQl.as(listing.host())
					.document(UPDATE_PROPERTY)
					.variable("id", listing.id())
					.variable("input", Map.of(field, text))
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.readProperty(listing.id().toString(), field);
			}
		};
	}

	private String readProperty(String id, String field) {
		return graphQl.anonymous()
			.document("query($id: ID!) { property(id: $id) { " + field + " } }")
			.variable("id", id)
			.execute()
			.path("property." + field)
			.entity(String.class)
			.get();
	}

	/** The one text that {@code sql} selects for this id. */
	private String column(String sql, String id) {
		return jdbc.sql(sql).param(UUID.fromString(id)).query(String.class).single();
	}

	/** The id of what the mutation {@code operation} answered. */
	private static String id(GraphQlTester.Response taken, String operation) {
		return taken.path(operation + ".id").entity(String.class).get();
	}

	private static Input updatePhoto() {
		return new Input() {
			Listing listing;

			String photo;

			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				if (listing == null) {
					listing = test.trips.listing();
					photo = Uploads.upload(test.api, listing.host(), listing.id().toString(),
							TestImages.uniqueJpeg(640, 480), "image/jpeg", null).body().path("id").asString();
				}
				return test.graphQl.as(listing.host())
					.document(UPDATE_PHOTO)
					.variable("propertyId", listing.id())
					.variable("id", photo)
					.variable("input", Map.of("caption", text))
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.column("select caption from property_photos where id = ?", photo);
			}
		};
	}

	private static Input icalName() {
		return new Input() {
			Listing listing;

			int feeds;

			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				listing = listing == null ? test.trips.listing() : listing;
				// a public address literal (TEST-NET-1, never routed) needs no DNS, and jobs do not run in this context:
				// the feed is never fetched, only the import's name is looked at
				String url = "https://93.184.215.14/feed-" + feeds++ + ".ics";
				return test.graphQl.as(listing.host())
					.document(CREATE_IMPORT)
					.variable("propertyId", listing.id())
					.variable("input", Map.of("url", url, "name", text))
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.column("select name from ical_imports where id = ?", id(taken, "createIcalImport"));
			}
		};
	}

	private static Input cancelReason() {
		return new Input() {
			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				Trip trip = test.trips.booked();
				return test.graphQl.as(trip.guest())
					.document(CANCEL)
					.variable("id", trip.bookingId())
					.variable("reason", text)
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.column("select cancel_reason from bookings where id = ?", id(taken, "cancelBooking"));
			}
		};
	}

	private static Input declineReason() {
		return new Input() {
			@Override
			public GraphQlTester.Response send(TextLimitsGraphQlIntegrationTests test, String text) {
				Listing listing = test.trips.listing(test.accounts.host(), Map.of("instant_book", false));
				Trip trip = test.trips.booked(listing, test.accounts.guest(), test.trips.today().plusDays(10), 2);
				return test.graphQl.as(listing.host())
					.document(DECLINE)
					.variable("id", trip.bookingId())
					.variable("reason", text)
					.execute();
			}

			@Override
			public String stored(TextLimitsGraphQlIntegrationTests test, GraphQlTester.Response taken) {
				return test.column("select decline_reason from bookings where id = ?", id(taken, "declineBooking"));
			}
		};
	}
}
