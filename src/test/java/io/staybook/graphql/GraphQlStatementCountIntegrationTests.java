package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.Ids;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract's promise that nested fields are batched: a page of listings with their hosts and their newest reviews
 * (and those reviews' authors) costs the same number of SQL statements for 5 listings as for 50. The statements are
 * counted per request by the {@link StatementRecorder}, wherever Spring for GraphQL runs the request's work; the
 * queries are anonymous, so no account lookup for a token is among them.
 */
@IntegrationTest
class GraphQlStatementCountIntegrationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final int LISTINGS = 50;

	static final int HOSTS = 5;

	static final int REVIEWS_EACH = 3;

	static final String PAGE = """
			query($city: String!, $first: Int!) {
			  properties(filter: {city: $city}, first: $first) {
			    edges { node {
			      title
			      host { firstName }
			      ratings { cleanliness }
			      reviews(first: 3) { edges { node { rating subject publishedAt cleanliness response { body } author { firstName } } } }
			    } }
			  }
			}""";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StatementRecorder recorder;

	GraphQlTesters graphQl;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
	}

	@Test
	void aPageOf50ListingsWithHostsAndReviewsCostsAsManyStatementsAsAPageOf5() {
		String city = Listings.uniqueCity();
		List<TestUser> hosts = new ArrayList<>();
		for (int i = 0; i < HOSTS; i++) {
			hosts.add(accounts.host());
		}
		List<TestUser> authors = List.of(accounts.guest(), accounts.guest(), accounts.guest());
		for (int i = 0; i < LISTINGS; i++) {
			TestUser host = hosts.get(i % HOSTS);
			UUID listing = UUID.fromString(Listings.id(listings.create(host, Map.of("city", city, "title",
					"Listing " + i))));
			insertReviewedStays(listing, host, authors);
		}
		// the first request of a kind may pay for warming up; measure the steady state
		graphQl.anonymous().document(PAGE).variable("city", city).variable("first", 1).execute().path("properties")
			.hasValue();

		List<String> five = statementsOfPage(city, 5);
		List<String> fifty = statementsOfPage(city, LISTINGS);

		System.out.printf("GraphQL page of 5 listings: %d SQL statements; of 50: %d%n", five.size(), fifty.size());
		fifty.forEach(sql -> System.out.println("  " + sql));
		// the page, its hosts, its reviews, their authors: never one per listing
		assertThat(five).as("statements for 5 listings").isNotEmpty().hasSizeLessThanOrEqualTo(6);
		assertThat(fifty.size()).as("statements for 50 listings: %s, for 5: %s", fifty, five).isEqualTo(five.size());
	}

	@Test
	void aPageReadsCoversOnlyWhenItShowsThemAndNeverJoinsThePhotos() {
		String city = Listings.uniqueCity();
		listings.create(accounts.host(), Map.of("city", city));

		assertThat(searchStatements("query($city: String!) { properties(filter: {city: $city}) { edges { node {"
				+ " title } } } }", city)).as("without coverPhoto")
			.noneMatch(sql -> sql.contains("cover_thumbnail_key"))
			.noneMatch(sql -> sql.contains("property_photos"));
		// the cover's keys are on the listing's row (V29): shown, they are read from it, with no join per result
		assertThat(searchStatements("query($city: String!) { properties(filter: {city: $city}) { edges { node {"
				+ " title coverPhoto { thumbnail } } } } }", city)).as("with coverPhoto")
			.anyMatch(sql -> sql.contains("p.cover_thumbnail_key"))
			.noneMatch(sql -> sql.contains("property_photos"));
	}

	@Test
	void aPageReadsOnlyTheColumnsItsQuerySelects() {
		String city = Listings.uniqueCity();
		listings.create(accounts.host(), Map.of("city", city));

		assertThat(searchStatements("query($city: String!) { properties(filter: {city: $city}) { edges { node {"
				+ " title pricePerNight host { firstName } } } } }", city)).as("titles, prices and hosts")
			.anyMatch(sql -> sql.contains("p.title") && sql.contains("p.price_per_night") && sql.contains("u.first_name"))
			.noneMatch(sql -> sql.contains("p.description"))
			.noneMatch(sql -> sql.contains("p.ratings"))
			.noneMatch(sql -> sql.contains("p.weekend_price"));
		// a field selected through a fragment is read too
		assertThat(searchStatements("query($city: String!) { properties(filter: {city: $city}) { edges { node {"
				+ " ...more } } } } fragment more on Property { description weekendPrice ratings { value } }", city))
			.as("through a fragment")
			.anyMatch(sql -> sql.contains("p.description") && sql.contains("p.weekend_price")
					&& sql.contains("p.ratings"))
			.noneMatch(sql -> sql.contains("p.title"));
	}

	private List<String> searchStatements(String document, String city) {
		String tag = "graphql-cover-" + UUID.randomUUID();
		graphQl.with(Map.of(StatementRecorder.HEADER, tag)).document(document).variable("city", city).execute()
			.path("properties.edges").entityList(MAP).hasSize(1);
		List<String> statements = recorder.statements(tag);
		recorder.clear(tag);
		return statements;
	}

	/** Runs the page query for {@code first} listings, checks what it answered, and returns the SQL it ran. */
	private List<String> statementsOfPage(String city, int first) {
		String tag = "graphql-page-" + first + "-" + UUID.randomUUID();
		List<Map<String, Object>> edges = graphQl.with(Map.of(StatementRecorder.HEADER, tag))
			.document(PAGE)
			.variable("city", city)
			.variable("first", first)
			.execute()
			.path("properties.edges")
			.entityList(MAP)
			.get();
		List<String> statements = recorder.statements(tag);
		recorder.clear(tag);

		assertThat(edges).hasSize(first);
		assertThat(edges).allSatisfy(edge -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> node = (Map<String, Object>) edge.get("node");
			assertThat(node.get("host")).isEqualTo(Map.of("firstName", "Test"));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> reviews = (List<Map<String, Object>>) ((Map<String, Object>) node.get("reviews"))
				.get("edges");
			assertThat(reviews).hasSize(REVIEWS_EACH)
				.allSatisfy(review -> {
					@SuppressWarnings("unchecked")
					Map<String, Object> shown = (Map<String, Object>) review.get("node");
					assertThat(shown).containsEntry("rating", 5)
						.containsEntry("author", Map.of("firstName", "Test"))
						.containsEntry("subject", "PROPERTY")
						.containsEntry("cleanliness", 4)
						.containsEntry("response", null)
						.containsKey("publishedAt");
				});
		});
		return statements;
	}

	/**
	 * Completed past stays of {@code listing}, one by each author, each reviewed: written straight to the tables,
	 * since this test measures reads and stays made over HTTP would cost minutes. The rating aggregate is left as it
	 * is; nothing here reads it.
	 */
	private void insertReviewedStays(UUID listing, TestUser host, List<TestUser> authors) {
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> stays = new ArrayList<>();
		List<Object[]> reviews = new ArrayList<>();
		for (int i = 0; i < authors.size(); i++) {
			UUID booking = Ids.newId();
			LocalDate checkIn = LocalDate.of(2020, 1, 1).plusDays(3L * i);
			stays.add(new Object[] { booking, listing, authors.get(i).id(), host.id(), Date.valueOf(checkIn),
					Date.valueOf(checkIn.plusDays(2)), now, now });
			reviews.add(new Object[] { Ids.newId(), listing, booking, authors.get(i).id(), now, now, now, now });
		}
		jdbc.batchUpdate("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				    cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone, status, created_at,
				    updated_at)
				values (?, ?, ?, ?, ?, ?, 1, 120.00, 0.00, 24.00, 264.00, 'USD', 'flexible', 'UTC', 'completed', ?, ?)""",
				stays);
		jdbc.batchUpdate("""
				insert into reviews (id, property_id, booking_id, author_id, rating, comment, created_at, updated_at,
				    subject, published_at, publish_due, cleanliness)
				values (?, ?, ?, ?, 5, 'Lovely', ?, ?, 'property', ?, ?, 4)""", reviews);
	}
}
