package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Test data for bookings ("object mother"): listings made over HTTP by a fresh host, bookings made over HTTP by a
 * given guest, and confirmation through {@link BookingService#confirm}, which is what the payments module calls.
 */
final class BookingFixtures {

	private final Api api;

	private final Accounts accounts;

	private final BookingService bookings;

	private final Clock clock;

	BookingFixtures(Api api, Accounts accounts, BookingService bookings, Clock clock) {
		this.api = api;
		this.accounts = accounts;
		this.bookings = bookings;
		this.clock = clock;
	}

	/** A listing as created, with the host who owns it. */
	record Listing(UUID id, TestUser host, String title, ZoneId zone) {
	}

	/** What a test cares about in a listing; everything else gets a plain default. */
	static final class Spec {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private Spec() {
			fields.put("title", "Loft " + UUID.randomUUID().toString().substring(0, 8));
			fields.put("description", "A quiet place for tests.");
			fields.put("property_type", "apartment");
			fields.put("address", "1 Test Street");
			fields.put("city", "Testville");
			fields.put("country", "Testland");
			fields.put("latitude", 10.0);
			fields.put("longitude", 20.0);
			fields.put("timezone", "UTC");
			fields.put("price_per_night", "100.00");
			fields.put("cleaning_fee", "20.00");
			fields.put("currency", "USD");
			fields.put("max_guests", 4);
			fields.put("min_nights", 1);
			fields.put("max_nights", 30);
			fields.put("cancellation_policy", "flexible");
		}

		Spec timezone(String zone) {
			return with("timezone", zone);
		}

		Spec price(String perNight) {
			return with("price_per_night", perNight);
		}

		Spec cleaningFee(String fee) {
			return with("cleaning_fee", fee);
		}

		Spec policy(String policy) {
			return with("cancellation_policy", policy);
		}

		Spec nights(int min, int max) {
			return with("min_nights", min).with("max_nights", max);
		}

		/** A listing without instant book: its bookings are requests the host answers. */
		Spec requestToBook() {
			return with("instant_book", false);
		}

		Spec maxGuests(int guests) {
			return with("max_guests", guests);
		}

		Spec title(String title) {
			return with("title", title);
		}

		Spec with(String field, Object value) {
			fields.put(field, value);
			return this;
		}
	}

	static Spec spec() {
		return new Spec();
	}

	Listing listing() {
		return listing(spec());
	}

	Listing listing(Spec spec) {
		return listing(accounts.host(), spec);
	}

	Listing listing(TestUser host, Spec spec) {
		Response response = api.post("/api/v1/properties", spec.fields).as(host).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.body();
		return new Listing(UUID.fromString(body.path("id").asString()), host, body.path("title").asString(),
				ZoneId.of(body.path("timezone").asString()));
	}

	/** Today where the listing is, by the application's clock. */
	LocalDate today(Listing listing) {
		return LocalDate.ofInstant(clock.instant(), listing.zone());
	}

	static Map<String, Object> request(UUID propertyId, LocalDate checkIn, LocalDate checkOut, int guests) {
		Map<String, Object> body = new HashMap<>();
		body.put("property_id", propertyId.toString());
		body.put("check_in", checkIn.toString());
		body.put("check_out", checkOut.toString());
		body.put("guests", guests);
		return body;
	}

	Response tryBook(TestUser guest, Listing listing, LocalDate checkIn, LocalDate checkOut) {
		return api.post("/api/v1/bookings", request(listing.id(), checkIn, checkOut, 2)).as(guest).send();
	}

	/** Books and expects the 201. */
	JsonNode book(TestUser guest, Listing listing, LocalDate checkIn, LocalDate checkOut) {
		Response response = tryBook(guest, listing, checkIn, checkOut);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	/** A new guest books the listing for the nights from {@code daysAhead} (from today there) on. */
	Booked book(Listing listing, int daysAhead, int nights) {
		return book(accounts.guest(), listing, daysAhead, nights);
	}

	/**
	 * The guest books the listing for the nights from {@code daysAhead} (from today there) on. (A test that moves the
	 * clock into the past makes its guests first: an access token issued "in the past" has already expired.)
	 */
	Booked book(TestUser guest, Listing listing, int daysAhead, int nights) {
		LocalDate checkIn = today(listing).plusDays(daysAhead);
		JsonNode body = book(guest, listing, checkIn, checkIn.plusDays(nights));
		return new Booked(id(body), guest, listing, body);
	}

	/** A paid booking: booked as {@link #book(Listing, int, int)}, then confirmed as the payments module does. */
	Booked confirmed(Listing listing, int daysAhead, int nights) {
		return confirmed(accounts.guest(), listing, daysAhead, nights);
	}

	Booked confirmed(TestUser guest, Listing listing, int daysAhead, int nights) {
		Booked booked = book(guest, listing, daysAhead, nights);
		bookings.confirm(booked.id());
		return booked;
	}

	record Booked(UUID id, TestUser guest, Listing listing, JsonNode json) {

		String path() {
			return "/api/v1/bookings/" + id;
		}
	}

	JsonNode get(TestUser user, UUID bookingId) {
		Response response = api.get("/api/v1/bookings/" + bookingId).as(user).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	String status(TestUser user, UUID bookingId) {
		return get(user, bookingId).path("status").asString();
	}

	/** The unavailable spans of the listing's calendar in [from, to). */
	List<JsonNode> unavailable(Listing listing, LocalDate from, LocalDate to) {
		Response response = api.get("/api/v1/properties/" + listing.id() + "/availability?from=" + from + "&to=" + to)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return List.copyOf(response.body().path("unavailable").values());
	}

	/** Whether a search for the stay, narrowed to the listing's host, finds the listing. */
	boolean searchFinds(Listing listing, LocalDate checkIn, LocalDate checkOut) {
		Response response = api.get("/api/v1/properties?host_id=" + listing.host().id() + "&check_in=" + checkIn
				+ "&check_out=" + checkOut + "&limit=100")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body()
			.path("results")
			.values()
			.stream()
			.anyMatch(p -> p.path("id").asString().equals(listing.id().toString()));
	}

	static UUID id(JsonNode body) {
		return UUID.fromString(body.path("id").asString());
	}
}
