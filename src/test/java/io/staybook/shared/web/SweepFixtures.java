package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.shared.security.Role;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import io.staybook.test.StoredBookings;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One real record of every kind the REST API addresses, and a caller who may act on each, for the bad-input sweep: a
 * host's instant and request-to-book listings with a block, a photo and an iCal import; a guest's pending, requested,
 * confirmed and completed bookings, a payment, a payout, a review, a conversation and a wishlist; an admin; and a user
 * of its own for the {@code /users} operations, so that nothing the sweep does to an account touches the others.
 */
final class SweepFixtures {

	final TestUser host;

	final TestUser guest;

	final TestUser admin;

	/** The caller of {@code /users/me} and {@code /users/{id}}. */
	final TestUser self;

	/** Whose refresh token the {@code /auth} bodies carry. */
	final TestUser session;

	final String property;

	final String requestProperty;

	final String pending;

	final String requested;

	final String confirmed;

	final String completed;

	final String paid;

	final String payment;

	final String payout;

	final String review;

	final String block;

	final String photo;

	final String mediaKey;

	final String icalImport;

	final String icalToken;

	final String conversation;

	final String wishlist;

	SweepFixtures(Api api, Accounts accounts, Listings listings, JdbcTemplate jdbc) {
		host = accounts.host();
		guest = accounts.guest();
		admin = accounts.admin();
		self = accounts.register(Role.GUEST);
		session = accounts.register(Role.GUEST);
		property = Listings.id(listings.create(host));
		requestProperty = Listings.id(listings.create(host, Map.of("instant_book", false)));
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		pending = book(api, property, today.plusDays(30));
		requested = book(api, requestProperty, today.plusDays(30));
		paid = book(api, property, today.plusDays(50));
		confirmed = StoredBookings.confirmed(jdbc, UUID.fromString(property), guest.id(), today.plusDays(60),
				today.plusDays(62)).toString();
		UUID stay = StoredBookings.confirmed(jdbc, UUID.fromString(property), guest.id(), today.minusDays(5),
				today.minusDays(3));
		jdbc.update("update bookings set status = 'completed' where id = ?", stay);
		completed = stay.toString();
		payment = created(api.post("/api/v1/payments",
				Map.of("booking_id", paid, "payment_method", "card", "payment_token", "tok_visa"))
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.as(guest)
			.send());
		payout = storedPayout(jdbc, stay);
		review = created(api.post("/api/v1/reviews", Map.of("booking_id", completed, "rating", 4, "comment", "Fine."))
			.as(guest)
			.send());
		block = Listings.id(listings.block(host, property, today.plusDays(100), today.plusDays(102)));
		JsonNode uploaded = Uploads.upload(api, host, property, TestImages.uniqueJpeg(640, 480), "image/jpeg", "x")
			.body();
		photo = uploaded.path("id").asString();
		String original = uploaded.path("urls").path("original").asString();
		mediaKey = original.substring(original.lastIndexOf('/') + 1);
		icalImport = created(api.post("/api/v1/properties/" + property + "/ical-imports",
				Map.of("url", "https://93.184.215.14/feed.ics", "name", "Elsewhere"))
			.as(host)
			.send());
		String exportUrl = api.get("/api/v1/properties/" + property + "/ical").as(host).send().body()
			.path("export_url").asString();
		icalToken = URI.create(exportUrl).getRawQuery().replaceFirst("^.*token=", "");
		conversation = created(api.post("/api/v1/conversations", Map.of("property_id", property, "body", "Hello"))
			.as(guest)
			.send());
		wishlist = created(api.post("/api/v1/wishlists", Map.of("name", "Summer")).as(guest).send());
		Api.Response added = api.put("/api/v1/wishlists/" + wishlist + "/properties/" + property, null)
			.as(guest)
			.send();
		assertThat(added.status()).as(added.toString()).isEqualTo(204);
	}

	private String book(Api api, String listing, LocalDate checkIn) {
		return created(api.post("/api/v1/bookings", Map.of("property_id", listing, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.send());
	}

	private String storedPayout(JdbcTemplate jdbc, UUID booking) {
		UUID charge = UUID.randomUUID();
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, status,
				                      provider, provider_reference, created_at, updated_at)
				select ?, id, guest_id, host_id, total_price, currency, 'card', 'completed', 'sandbox', ?, now(), now()
				from bookings where id = ?""", charge, "ch_" + charge, booking);
		UUID id = UUID.randomUUID();
		jdbc.update("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, provider_reference, due_at, created_at, updated_at, paid_at)
				select ?, id, host_id, ?, total_price - 6.00, 6.00, 0, currency, 'paid', 'sandbox', ?, now(), now(), now(), now()
				from bookings where id = ?""", id, charge, "tr_" + id, booking);
		return id.toString();
	}

	private static String created(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	/** The caller who may act on the target of {@code method path} (a path of the document, with its templates). */
	TestUser callerOf(String method, String path) {
		if (path.startsWith("/api/v1/admin") || (path.equals("/api/v1/users") && method.equals("GET"))) {
			return admin;
		}
		if (path.startsWith("/api/v1/users")) {
			return self;
		}
		if (path.startsWith("/api/v1/properties") || path.startsWith("/api/v1/payouts")
				|| path.matches(".*/(check-in|check-out|approve|decline|response)$")) {
			return host;
		}
		return guest;
	}

	/** The real value of path parameter {@code name} of {@code path}. */
	String pathValue(String path, String name) {
		return switch (name) {
			case "property_id" -> property;
			case "block_id" -> block;
			case "photo_id" -> photo;
			case "import_id" -> icalImport;
			case "provider" -> "sandbox";
			case "key" -> mediaKey;
			default -> idOf(path);
		};
	}

	private String idOf(String path) {
		String[] segments = path.split("/");
		String collection = segments.length > 3 ? segments[3] : "";
		return switch (collection) {
			case "properties" -> property;
			case "bookings" -> path.matches(".*/(approve|decline)$") ? requested
					: path.matches(".*/(check-in|check-out)$") ? confirmed : pending;
			case "payments" -> payment;
			case "payouts" -> payout;
			case "reviews" -> review;
			case "conversations" -> conversation;
			case "wishlists" -> wishlist;
			case "users" -> self.id().toString();
			default -> throw new IllegalStateException("no fixture for " + path);
		};
	}
}
