package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The shared rules of {@link OpenApiConventions} and {@link NotBlankProperties} hold in the served {@code /v3/api-docs}:
 * what every creating POST may answer and what its {@code Idempotency-Key} is, money examples as money is sent, and
 * request fields documented as the service validates them (blank refused, null accepted where it is).
 */
@IntegrationTest
class OpenApiConventionsIntegrationTests {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");

	private static final Pattern MONEY = Pattern.compile("-?[0-9]+\\.[0-9]{2}");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	/** Every page size is documented as the service reads it: at least 1 (a 400 below), clamped to 100 above. */
	@Test
	void everyPageSizeIsDocumentedAsAtLeastOneAndClampedTo100() {
		List<String> paged = new ArrayList<>();
		document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			for (JsonNode parameter : operation.getValue().path("parameters")) {
				if (parameter.path("name").asString().equals("limit") && parameter.path("in").asString().equals("query")) {
					String where = operation.getKey() + " " + path.getKey();
					paged.add(where);
					assertThat(parameter.at("/schema/minimum").asInt()).as(where).isEqualTo(1);
					assertThat(parameter.at("/schema/maximum").isMissingNode()).as(where).isTrue();
					assertThat(parameter.path("description").asString()).as(where).contains("clamped to 100", "400");
				}
			}
		}));
		assertThat(paged).contains("get /api/v1/bookings", "get /api/v1/properties", "get /api/v1/reviews");
	}

	@Test
	void everyCreatingPostDocumentsItsIdempotencyKeyAndItsConflicts() {
		List<String> creating = new ArrayList<>();
		document().path("paths").properties().forEach(path -> {
			JsonNode post = path.getValue().path("post");
			if (!post.path("responses").has("201")) {
				return;
			}
			creating.add(path.getKey());
			assertThat(post.path("responses").has("409")).as("409 request_in_progress on POST " + path.getKey())
				.isTrue();
			assertThat(post.path("responses").has("400")).as("400 idempotency_key_reused on POST " + path.getKey())
				.isTrue();
			JsonNode key = null;
			for (JsonNode parameter : post.path("parameters")) {
				if (parameter.path("name").asString().equalsIgnoreCase("Idempotency-Key")) {
					key = parameter;
				}
			}
			assertThat(key).as("Idempotency-Key on POST " + path.getKey()).isNotNull();
			assertThat(key.path("description").asString()).as("its description on POST " + path.getKey())
				.contains("255");
			assertThat(key.path("schema").path("maxLength").asInt()).as("its maxLength on POST " + path.getKey())
				.isEqualTo(255);
		});
		assertThat(creating).contains("/api/v1/users", "/api/v1/properties", "/api/v1/bookings", "/api/v1/payments",
				"/api/v1/reviews", "/api/v1/properties/{id}/blocks");
	}

	@Test
	void moneyIsExemplifiedWithTwoFractionDigitsAsTheServiceSendsIt() {
		JsonNode schemas = document().path("components").path("schemas");
		Map<String, String> examples = new HashMap<>();
		schemas.properties().forEach(schema -> schema.getValue().path("properties").properties().forEach(property -> {
			JsonNode example = property.getValue().path("example");
			if (types(property.getValue()).contains("string") && !example.isMissingNode()
					&& DECIMAL.matcher(example.asString()).matches()) {
				examples.put(schema.getKey() + "." + property.getKey(), example.isString() ? example.asString()
						: "not a string: " + example);
			}
		}));
		assertThat(examples).containsEntry("Booking.total_price", "563.00")
			.containsEntry("Payment.refunded_amount", "0.00")
			.containsEntry("Property.price_per_night", "120.00")
			.containsEntry("PropertyInput.price_per_night", "120.00")
			.containsEntry("PropertyInput.cleaning_fee", "35.00");
		examples.forEach((property, example) -> assertThat(example).as(property).matches(MONEY));
	}

	@Test
	void aFieldThatMustNotBeBlankSaysSo() {
		JsonNode schemas = document().path("components").path("schemas");
		for (String field : List.of("Register.first_name", "Register.last_name", "Register.email",
				"CreatePayment.payment_token", "Login.email", "Refresh.refresh_token", "PropertyInput.title")) {
			String[] names = field.split("\\.");
			JsonNode property = schemas.path(names[0]).path("properties").path(names[1]);
			assertThat(property.path("minLength").asInt()).as(field + " minLength").isGreaterThanOrEqualTo(1);
			assertThat(property.path("pattern").asString()).as(field + " pattern").isNotEmpty();
		}
		assertThat(schemas.path("Register").path("properties").path("first_name").path("pattern").asString())
			.isEqualTo(NotBlankProperties.NOT_BLANK);
		// the pattern refuses what the service refuses, in ECMA-262 as in Java
		assertThat(Pattern.compile(NotBlankProperties.NOT_BLANK).matcher(" \t\n").find()).isFalse();
		assertThat(Pattern.compile(NotBlankProperties.NOT_BLANK).matcher(" a ").find()).isTrue();
	}

	/**
	 * The text limits that {@code @CodePointLength} now enforces (in characters, as JSON Schema counts them) are
	 * documented exactly as {@code @Size} documented them before, bounds of 0 included: the document did not change.
	 */
	@Test
	void textLimitsCountedInCharactersAreDocumentedAsBefore() {
		JsonNode schemas = document().path("components").path("schemas");
		Map<String, String> documented = new HashMap<>();
		Map<String, String> expected = Map.ofEntries(
				Map.entry("Register.first_name", "1..100"),
				Map.entry("Register.last_name", "1..100"),
				Map.entry("Register.email", "1..254"),
				Map.entry("Register.password", "8..128"),
				Map.entry("PropertyInput.title", "1..200"),
				Map.entry("PropertyInput.description", "0..10000"),
				Map.entry("PropertyInput.address", "1..300"),
				Map.entry("PropertyInput.city", "1..100"),
				Map.entry("PropertyInput.country", "1..100"),
				Map.entry("ImportBody.url", "1..2048"),
				Map.entry("ImportBody.name", "1..100"),
				Map.entry("BlockBody.note", "0..500"),
				Map.entry("CreatePayment.payment_token", "1..255"),
				Map.entry("DeclineBooking.reason", "0..1000"),
				Map.entry("CancelBooking.reason", "0..1000"),
				Map.entry("VerifyEmail.token", "1..200"),
				Map.entry("PasswordReset.email", "1..254"),
				Map.entry("PasswordResetConfirm.token", "1..200"),
				Map.entry("PasswordResetConfirm.password", "8..128"),
				Map.entry("UpdateMe.first_name", "1..100"),
				Map.entry("UpdateMe.last_name", "1..100"),
				Map.entry("UpdateMe.password", "8..128"),
				Map.entry("UpdateMe.email", "3..254"),
				Map.entry("PhotoChange.caption", "0..500"),
				Map.entry("PropertyChange.title", "1..200"),
				Map.entry("PropertyChange.description", "0..10000"),
				Map.entry("PropertyChange.address", "1..300"),
				Map.entry("PropertyChange.city", "1..100"),
				Map.entry("PropertyChange.country", "1..100"));
		expected.keySet().forEach(field -> {
			String[] names = field.split("\\.");
			JsonNode property = schemas.path(names[0]).path("properties").path(names[1]);
			documented.put(field, property.path("minLength").asInt(-1) + ".." + property.path("maxLength").asInt(-1));
		});
		assertThat(documented).containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	void optionalFieldsThatAcceptNullAreNullableInTheDocument() {
		JsonNode schemas = document().path("components").path("schemas");
		for (String field : List.of("Register.phone_number", "Register.role", "CancelBooking.reason",
				"BlockBody.note")) {
			String[] names = field.split("\\.");
			assertThat(types(schemas.path(names[0]).path("properties").path(names[1]))).as(field).contains("null");
		}
	}

	@Test
	void aRegistrationWithNullPhoneAndRoleIsAcceptedAndTheDocumentAgrees() {
		// Api checks the exchange against the document: a 201 for a body it calls invalid fails here
		Map<String, Object> body = new HashMap<>();
		body.put("first_name", "Ada");
		body.put("last_name", "Lovelace");
		body.put("email", Accounts.uniqueEmail("nullable"));
		body.put("password", Accounts.PASSWORD);
		body.put("phone_number", null);
		body.put("role", null);

		var response = api.post("/api/v1/users", body).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.body().path("role").asString()).isEqualTo("guest");
	}

	@Test
	void aCancellationWithANullReasonIsAcceptedAndTheDocumentAgrees() {
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(accounts.host()));
		LocalDate checkIn = LocalDate.now().plusDays(40);
		var booking = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.send();
		assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
		Map<String, Object> body = new HashMap<>();
		body.put("reason", null);

		var cancelled = api.post("/api/v1/bookings/" + booking.body().path("id").asString() + "/cancel", body)
			.as(guest)
			.send();

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("status").asString()).isEqualTo("cancelled");
	}

	private JsonNode document() {
		var response = api.get("/v3/api-docs").send();
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private static List<String> types(JsonNode schema) {
		JsonNode type = schema.path("type");
		List<String> types = new ArrayList<>();
		if (type.isArray()) {
			type.forEach(t -> types.add(t.asString()));
		}
		else if (!type.isMissingNode()) {
			types.add(type.asString());
		}
		return types;
	}
}
