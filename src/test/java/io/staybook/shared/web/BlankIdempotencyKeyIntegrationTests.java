package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StoredBookings;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An {@code Idempotency-Key} sent empty or as spaces only is a key sent that is not one: a 400
 * {@code invalid_idempotency_key} on every operation that reads the header (the contract: POST /payments requires
 * one, every creating POST accepts one), as a key too long or with a control character is. It was taken for no key
 * at all, and the request run without the protection its client asked for (a retry then created twice); POST
 * /payments answered {@code idempotency_key_required}, as if nothing had been sent. Each request here would succeed
 * with a real key (or without one), and the refusal writes nothing: no row, and no stored photo.
 */
@IntegrationTest
class BlankIdempotencyKeyIntegrationTests {

	/** Empty, and spaces only (Tomcat trims a field value's surrounding spaces, so these arrive empty too). */
	private static final List<String> BLANK = List.of("", "   ");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	/** A request to send with each blank key, and what it would write, read before and after. */
	private record Attempt(Supplier<Api.Call> call, Supplier<List<Map<String, Object>>> written) {
	}

	@Test
	void aBlankKeyIsAnInvalidKeyOnEveryOperationThatReadsItAndWritesNothing() {
		SweepFixtures f = new SweepFixtures(api, accounts, listings, jdbc);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		// a completed stay not reviewed yet (the fixtures' one is)
		UUID stay = StoredBookings.confirmed(jdbc, UUID.fromString(f.property), f.guest.id(), today.minusDays(9),
				today.minusDays(7));
		jdbc.update("update bookings set status = 'completed' where id = ?", stay);
		String email = "blank-key-" + UUID.randomUUID() + "@example.com";
		String city = Listings.uniqueCity();
		byte[] image = TestImages.uniqueJpeg(640, 480);

		Map<String, Attempt> attempts = new LinkedHashMap<>();
		attempts.put("POST /api/v1/users", new Attempt(() -> api.post("/api/v1/users",
				Map.of("first_name", "Ada", "last_name", "Lovelace", "email", email, "password", Accounts.PASSWORD)),
				() -> rows("select id from users where email = ?", email)));
		attempts.put("POST /api/v1/bookings", new Attempt(() -> api.post("/api/v1/bookings",
				Map.of("property_id", f.property, "check_in", today.plusDays(200).toString(), "check_out",
						today.plusDays(202).toString(), "guests", 1))
			.as(f.guest), () -> rows("select id from bookings where property_id = ?::uuid", f.property)));
		attempts.put("POST /api/v1/bookings/{id}/approve",
				new Attempt(() -> api.post("/api/v1/bookings/" + f.requested + "/approve", null).as(f.host),
						() -> booking(f.requested)));
		attempts.put("POST /api/v1/bookings/{id}/decline",
				new Attempt(() -> api.post("/api/v1/bookings/" + f.requested + "/decline", Map.of("reason", "No"))
					.as(f.host), () -> booking(f.requested)));
		attempts.put("POST /api/v1/reviews", new Attempt(() -> api.post("/api/v1/reviews",
				Map.of("booking_id", stay.toString(), "rating", 5, "comment", "Lovely."))
			.as(f.guest), () -> rows("select id from reviews where booking_id = ?", stay)));
		attempts.put("POST /api/v1/reviews/{id}/response", new Attempt(() -> api
			.post("/api/v1/reviews/" + f.review + "/response", Map.of("body", "Thank you."))
			.as(f.host), () -> rows("select to_jsonb(r)::text from reviews r where id = ?::uuid", f.review)));
		attempts.put("POST /api/v1/payments", new Attempt(() -> api.post("/api/v1/payments",
				Map.of("booking_id", f.pending, "payment_method", "card", "payment_token", "tok_visa"))
			.as(f.guest), () -> rows("select id from payments where booking_id = ?::uuid", f.pending)));
		attempts.put("POST /api/v1/properties",
				new Attempt(() -> api.post("/api/v1/properties", Listings.body(Map.of("city", city))).as(f.host),
						() -> rows("select id from properties where city = ?", city)));
		attempts.put("POST /api/v1/properties/{id}/blocks", new Attempt(() -> api
			.post("/api/v1/properties/" + f.property + "/blocks",
					Map.of("start", today.plusDays(300).toString(), "end", today.plusDays(302).toString()))
			.as(f.host), () -> rows("select id from property_blocks where property_id = ?::uuid", f.property)));
		attempts.put("POST /api/v1/properties/{id}/photos",
				new Attempt(() -> Uploads.call(api, f.host, f.property, image, "image/jpeg", "Blank"),
						// the photo's row, and the images stored (claimed) before the key's transaction
						() -> rows("select (select count(*) from property_photos where property_id = ?::uuid),"
								+ " (select count(*) from media_objects)", f.property)));
		attempts.put("POST /api/v1/conversations", new Attempt(() -> api.post("/api/v1/conversations",
				Map.of("property_id", f.requestProperty, "body", "Hello there"))
			.as(f.guest), () -> rows("select m.id from messages m join conversations c on c.id = m.conversation_id"
					+ " where c.property_id = ?::uuid", f.requestProperty)));
		attempts.put("POST /api/v1/conversations/{id}/messages", new Attempt(() -> api
			.post("/api/v1/conversations/" + f.conversation + "/messages", Map.of("body", "Still there?"))
			.as(f.guest), () -> rows("select id from messages where conversation_id = ?::uuid", f.conversation)));
		attempts.put("POST /api/v1/properties/{id}/ical-imports", new Attempt(() -> api
			.post("/api/v1/properties/" + f.property + "/ical-imports",
					Map.of("url", "https://93.184.215.14/other.ics", "name", "Other"))
			.as(f.host), () -> rows("select id from ical_imports where property_id = ?::uuid", f.property)));
		attempts.put("POST /api/v1/wishlists",
				new Attempt(() -> api.post("/api/v1/wishlists", Map.of("name", city)).as(f.guest),
						() -> rows("select id from wishlists where name = ?", city)));

		List<String> failures = new ArrayList<>();
		attempts.forEach((operation, attempt) -> {
			for (String key : BLANK) {
				List<Map<String, Object>> before = attempt.written().get();
				Api.Response response = attempt.call().get().header(IdempotentResponses.KEY_HEADER, key).send();
				if (response.status() != 400
						|| !response.body().path("code").asString("").equals("invalid_idempotency_key")) {
					failures.add(operation + " with key '" + key + "': " + response);
					continue;
				}
				assertProblem(response, 400);
				if (!attempt.written().get().equals(before)) {
					failures.add(operation + " with key '" + key + "' wrote " + attempt.written().get());
				}
			}
		});
		assertThat(failures).isEmpty();
		assertThat(attempts.keySet()).as("every operation the document says takes an Idempotency-Key is tried")
			.containsExactlyInAnyOrderElementsOf(operationsTakingAKey());
	}

	private List<Map<String, Object>> rows(String sql, Object... args) {
		return jdbc.queryForList(sql, args);
	}

	private List<Map<String, Object>> booking(String id) {
		return rows("select status, updated_at from bookings where id = ?::uuid", id);
	}

	/** "POST /api/v1/..." for every operation of the OpenAPI document with an {@code Idempotency-Key} parameter. */
	private Set<String> operationsTakingAKey() {
		JsonNode paths = api.get("/v3/api-docs").send().body().path("paths");
		Set<String> found = new TreeSet<>();
		paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			for (JsonNode parameter : operation.getValue().path("parameters")) {
				if (parameter.path("in").asString("").equals("header")
						&& parameter.path("name").asString("").equalsIgnoreCase(IdempotentResponses.KEY_HEADER)) {
					found.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}));
		return found;
	}
}
