package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The default search page is the contract's answer byte for byte while search writes whole listings from the JSON it
 * keeps per listing version ({@code web.SearchResults}): each result is exactly the listing's own answer ({@code GET
 * /properties/{id}}, written by the serializer of the whole listing), the page is exactly what the sparse-fieldset
 * writer gives when every field is named, the first request (written afresh) and the next (kept) agree, and a changed
 * listing is answered as changed at once.
 */
@IntegrationTest
class SearchResultBytesIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	String city;

	TestUser host;

	List<String> ids = new ArrayList<>();

	@BeforeEach
	void threeListings() {
		city = Listings.uniqueCity();
		host = accounts.host();
		for (int i = 0; i < 3; i++) {
			ids.add(Listings.id(listings.create(host, Map.of("city", city, "description",
					"Near the river, \"quiet\" — with a view é ü 日本 " + i, "price_per_night", (80 + i) + ".50"))));
		}
	}

	String page(String query) {
		Api.Response response = api.get("/api/v1/properties?city=" + city + query).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.text();
	}

	/** The page as the listings' own answers make it: newest first, no next page. */
	String fromDetails() {
		List<String> results = new ArrayList<>();
		for (String id : ids.reversed()) {
			Api.Response detail = api.get("/api/v1/properties/" + id).send();
			assertThat(detail.status()).isEqualTo(200);
			results.add(detail.text());
		}
		return "{\"results\":[" + String.join(",", results) + "],\"next_cursor\":null}";
	}

	@Test
	void theDefaultPageIsTheListingsOwnAnswersAndTheFullFieldsetByteForByte() {
		String written = page("");
		String kept = page("");
		String everyField = page("&fields=" + String.join(",", ListingFields.NAMES));

		assertThat(written).isEqualTo(fromDetails());
		assertThat(kept).isEqualTo(written);
		assertThat(everyField).isEqualTo(written);
	}

	@Test
	void aChangedListingIsAnsweredChangedAtOnce() {
		page("");
		String id = ids.get(1);
		assertThat(api.patch("/api/v1/properties/" + id, Map.of("title", "Renovated loft")).as(host).send().status())
			.isEqualTo(200);

		String changed = page("");

		JsonNode result = api.get("/api/v1/properties?city=" + city).send().body().path("results").get(1);
		assertThat(result.path("id").asString()).isEqualTo(id);
		assertThat(result.path("title").asString()).isEqualTo("Renovated loft");
		assertThat(changed).isEqualTo(fromDetails());
	}
}
