package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.shared.validation.Characters;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every text limit of the REST API counts characters (Unicode code points), as the contract, the OpenAPI document's
 * {@code maxLength} and the columns' {@code char_length} checks do: a text of exactly its limit in emoji (two UTF-16
 * units each) is taken and stored intact, one more emoji is a 400 naming the field. {@code @Size} counted UTF-16
 * units and refused such a text at half its limit.
 */
@IntegrationTest
class TextLimitsIntegrationTests {

	/** One character, two UTF-16 units. */
	static final String EMOJI = "😀";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcClient jdbc;

	/** Sends one text as the value of one field; returns the response and, once it was taken, the text stored. */
	interface Field {

		Api.Response send(TextLimitsIntegrationTests test, String text);

		String stored(TextLimitsIntegrationTests test, Api.Response taken);
	}

	record Limit(String name, String field, int max, Field how) {

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Limit> limits() {
		return Stream.of(new Limit("register first_name", "first_name", 100, register("first_name")),
				new Limit("register last_name", "last_name", 100, register("last_name")),
				new Limit("PATCH /users/me first_name", "first_name", 100, updateMe("first_name")),
				new Limit("PATCH /users/me last_name", "last_name", 100, updateMe("last_name")),
				new Limit("listing title", "title", 200, listing("title")),
				new Limit("listing description", "description", 10_000, listing("description")),
				new Limit("listing address", "address", 300, listing("address")),
				new Limit("listing city", "city", 100, listing("city")),
				new Limit("listing country", "country", 100, listing("country")),
				new Limit("PATCH listing title", "title", 200, listingChange("title")),
				new Limit("photo caption on upload", "caption", 500, uploadCaption()),
				new Limit("PATCH photo caption", "caption", 500, photoCaption()),
				new Limit("calendar block note", "note", 500, blockNote()),
				new Limit("booking cancel reason", "reason", 1000, cancelReason()),
				new Limit("booking decline reason", "reason", 1000, declineReason()),
				new Limit("iCal import name", "name", 100, icalName()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("limits")
	void aTextOfItsLimitInEmojiIsTakenAndStoredIntactAndOneMoreIsRefusedNamingTheField(Limit limit) {
		String longest = EMOJI.repeat(limit.max());
		assertThat(longest.length()).isEqualTo(2 * limit.max());

		Api.Response taken = limit.how().send(this, longest);
		assertThat(taken.status()).as(limit + ": " + taken).isBetween(200, 299);
		assertThat(limit.how().stored(this, taken)).as(limit.toString()).isEqualTo(longest);

		assertFieldErrors(limit.how().send(this, longest + EMOJI), limit.field());
	}

	/**
	 * The service counts exactly what the column's check counts: code points as sent, not normalized. An "é" written as
	 * "e" and a combining accent is two characters to {@code char_length}; a count after NFC would take the title
	 * below plus one "e" as 151 and leave the refusal to the check (a 400 that names no field). So 50 such pairs and
	 * 100 emoji are a longest title, stored as sent, and one code point more is the same 400 naming {@code title} as
	 * any other, never the check's refusal or a 5xx.
	 */
	@Test
	void aTitleIsCountedAsTheDatabaseCountsItWithoutNormalizing() {
		TestUser host = accounts.host();
		String decomposed = "e\u0301".repeat(50) + EMOJI.repeat(100);
		assertThat(Characters.count(decomposed)).isEqualTo(200);

		JsonNode created = listings.create(host, Map.of("title", decomposed));
		assertThat(api.get("/api/v1/properties/" + Listings.id(created)).send().body().path("title").asString())
			.isEqualTo(decomposed);

		Api.Response refused = listings.post(host, Map.of("title", decomposed + "e"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.body().path("code").asString()).isEqualTo("validation_failed");
		assertFieldErrors(refused, "title");
	}

	/**
	 * Passwords count characters too, as NIST SP 800-63B asks ("each Unicode code point counted as a single character"):
	 * Argon2id hashes them with no byte limit, so 128 emoji are a password that logs in, and 4 emoji are too short.
	 */
	@Test
	void aPasswordOfEmojiCountsCharacters() {
		String email = Accounts.uniqueEmail("emoji-password");
		String longest = EMOJI.repeat(128);
		Api.Response registered = api.post("/api/v1/users", registration(email, longest)).send();
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		assertThat(accounts.login(email, longest).accessToken()).isNotBlank();

		assertFieldErrors(api.post("/api/v1/users", registration(Accounts.uniqueEmail("emoji-password"),
				longest + EMOJI)).send(), "password");
		assertFieldErrors(api.post("/api/v1/users", registration(Accounts.uniqueEmail("emoji-password"),
				EMOJI.repeat(7))).send(), "password");
	}

	private static Map<String, Object> registration(String email, String password) {
		Map<String, Object> body = new HashMap<>();
		body.put("first_name", "Ada");
		body.put("last_name", "Lovelace");
		body.put("email", email);
		body.put("password", password);
		return body;
	}

	private static Field register(String field) {
		return new Field() {
			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				Map<String, Object> body = registration(Accounts.uniqueEmail("emoji"), Accounts.PASSWORD);
				body.put(field, text);
				return test.api.post("/api/v1/users", body).send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				TestUser user = test.accounts.login(taken.body().path("email").asString(), Accounts.PASSWORD);
				return test.api.get("/api/v1/users/me").as(user).send().body().path(field).asString();
			}
		};
	}

	private static Field updateMe(String field) {
		return new Field() {
			TestUser user;

			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				user = user == null ? test.accounts.guest() : user;
				return test.api.patch("/api/v1/users/me", Map.of(field, text)).as(user).send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.api.get("/api/v1/users/me").as(user).send().body().path(field).asString();
			}
		};
	}

	private static Field listing(String field) {
		return new Field() {
			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				return test.listings.post(test.accounts.host(), Map.of(field, text));
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.api.get("/api/v1/properties/" + Listings.id(taken.body())).send().body().path(field)
					.asString();
			}
		};
	}

	private static Field listingChange(String field) {
		return new OnAListing() {
			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				make(test);
				return test.api.patch("/api/v1/properties/" + id, Map.of(field, text)).as(host).send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.api.get("/api/v1/properties/" + id).send().body().path(field).asString();
			}
		};
	}

	private static Field uploadCaption() {
		return new OnAListing() {
			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				make(test);
				return Uploads.upload(test.api, host, id, TestImages.uniqueJpeg(640, 480), "image/jpeg", text);
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return photoCaption(test, id, taken.body().path("id").asString());
			}
		};
	}

	private static Field photoCaption() {
		return new OnAListing() {
			String photo;

			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				if (make(test)) {
					photo = Uploads.upload(test.api, host, id, TestImages.uniqueJpeg(640, 480), "image/jpeg", null)
						.body()
						.path("id")
						.asString();
				}
				return test.api.patch("/api/v1/properties/" + id + "/photos/" + photo, Map.of("caption", text))
					.as(host)
					.send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return photoCaption(test, id, photo);
			}
		};
	}

	private static String photoCaption(TextLimitsIntegrationTests test, String listing, String photo) {
		for (JsonNode each : test.api.get("/api/v1/properties/" + listing + "/photos").send().body().path("results")) {
			if (each.path("id").asString().equals(photo)) {
				return each.path("caption").asString();
			}
		}
		throw new AssertionError("no photo " + photo);
	}

	private static Field blockNote() {
		return new OnAListing() {
			int weeks;

			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				make(test);
				LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(30 + 7 * weeks++);
				return test.api.post("/api/v1/properties/" + id + "/blocks",
						Map.of("start", start.toString(), "end", start.plusDays(2).toString(), "note", text))
					.as(host)
					.send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.column("select note from property_blocks where id = ?", taken);
			}
		};
	}

	private static Field cancelReason() {
		return new Field() {
			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				TestUser guest = test.accounts.guest();
				String booking = test.book(guest, Map.of());
				return test.api.post("/api/v1/bookings/" + booking + "/cancel", Map.of("reason", text))
					.as(guest)
					.send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.column("select cancel_reason from bookings where id = ?", taken);
			}
		};
	}

	private static Field declineReason() {
		return new Field() {
			TestUser host;

			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				host = test.accounts.host();
				String booking = test.book(test.accounts.guest(), Map.of("instant_book", false), host);
				return test.api.post("/api/v1/bookings/" + booking + "/decline", Map.of("reason", text))
					.as(host)
					.send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.api.get("/api/v1/bookings/" + taken.body().path("id").asString())
					.as(host)
					.send()
					.body()
					.path("decline_reason")
					.asString();
			}
		};
	}

	private static Field icalName() {
		return new OnAListing() {
			int feeds;

			@Override
			public Api.Response send(TextLimitsIntegrationTests test, String text) {
				make(test);
				// a public address literal (TEST-NET-1, never routed) needs no DNS, and jobs do not run in this context:
				// the feed is never fetched, only the import's name is looked at
				String url = "https://93.184.215.14/feed-" + feeds++ + ".ics";
				return test.api.post("/api/v1/properties/" + id + "/ical-imports", Map.of("url", url, "name", text))
					.as(host)
					.send();
			}

			@Override
			public String stored(TextLimitsIntegrationTests test, Api.Response taken) {
				return test.column("select name from ical_imports where id = ?", taken);
			}
		};
	}

	/** A field of something of one listing, which its host makes on the first send. */
	abstract static class OnAListing implements Field {

		TestUser host;

		String id;

		/** Makes the listing unless it is there; true if it made it. */
		boolean make(TextLimitsIntegrationTests test) {
			if (id != null) {
				return false;
			}
			host = test.accounts.host();
			id = Listings.id(test.listings.create(host));
			return true;
		}
	}

	/** The one text that {@code sql} selects for the id of what {@code taken} answered. */
	private String column(String sql, Api.Response taken) {
		return jdbc.sql(sql).param(UUID.fromString(taken.body().path("id").asString())).query(String.class).single();
	}

	private String book(TestUser guest, Map<String, ?> listing) {
		return book(guest, listing, accounts.host());
	}

	/** A new two-night booking by {@code guest} of a new listing of {@code host}, ten days ahead; its id. */
	private String book(TestUser guest, Map<String, ?> listing, TestUser host) {
		String id = Listings.id(listings.create(host, listing));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(10);
		Api.Response booked = api.post("/api/v1/bookings", Map.of("property_id", id, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		return booked.body().path("id").asString();
	}
}
