package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Test data for listings ("object mother"): creates them over HTTP with sensible defaults that a test overrides field by
 * field. An override whose value is {@link #OMIT} removes the field from the request, to exercise the defaults.
 */
public final class Listings {

	/** Marks a field to leave out of the request body. */
	public static final Object OMIT = new Object();

	private final Api api;

	Listings(Api api) {
		this.api = api;
	}

	/** A city (and country) no other test uses, so that searches scoped to it see only this test's listings. */
	public static String uniqueCity() {
		return "City-" + UUID.randomUUID();
	}

	/** The body of a valid listing, in a fresh unique city. */
	public static Map<String, Object> defaults() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "Sunny loft by the canal");
		body.put("description", "Two rooms, big windows, five minutes from the station.");
		body.put("property_type", "apartment");
		body.put("address", "Prinsengracht 263");
		body.put("city", uniqueCity());
		body.put("country", "Netherlands");
		body.put("latitude", 52.3752);
		body.put("longitude", 4.8840);
		body.put("price_per_night", "120.00");
		body.put("max_guests", 4);
		body.put("amenities", List.of("wifi", "kitchen"));
		return body;
	}

	/** {@link #defaults()} with {@code overrides} applied. */
	public static Map<String, Object> body(Map<String, ?> overrides) {
		Map<String, Object> body = defaults();
		overrides.forEach((field, value) -> {
			if (value == OMIT) {
				body.remove(field);
			}
			else {
				body.put(field, value);
			}
		});
		return body;
	}

	/** Sends {@code POST /properties} with the defaults and {@code overrides}, whatever the outcome. */
	public Api.Response post(Accounts.TestUser as, Map<String, ?> overrides) {
		return api.post("/api/v1/properties", body(overrides)).as(as).send();
	}

	/** Creates a listing as {@code host}; fails the test unless it is created. Returns the listing as the API shows it. */
	public JsonNode create(Accounts.TestUser host, Map<String, ?> overrides) {
		Api.Response response = post(host, overrides);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	public JsonNode create(Accounts.TestUser host) {
		return create(host, Map.of());
	}

	/** Closes {@code [start, end)} on the listing's calendar as {@code host}; fails the test unless it is created. */
	public JsonNode block(Accounts.TestUser host, String propertyId, LocalDate start, LocalDate end) {
		Api.Response response = api
			.post("/api/v1/properties/" + propertyId + "/blocks", Map.of("start", start.toString(), "end", end.toString()))
			.as(host)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	public static String id(JsonNode listing) {
		return listing.path("id").asString();
	}
}
