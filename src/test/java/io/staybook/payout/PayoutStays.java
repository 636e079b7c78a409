package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingService;
import io.staybook.payment.WebhookSignature;
import io.staybook.shared.money.Money;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Test data for payouts ("object mother"): a host's listing (UTC, 99.99 a night and 25.00 cleaning, so that the fees
 * must round), a guest's two-night stay from today, paid (a completed sandbox payment, as the charge job leaves it)
 * and confirmed, checked in by the host over HTTP.
 */
final class PayoutStays {

	static final String WEBHOOK_SECRET = "test-webhook-secret";

	private final Api api;

	private final Accounts accounts;

	private final Listings listings;

	private final BookingService bookings;

	private final JdbcTemplate jdbc;

	private final MutableClock clock;

	PayoutStays(Api api, Accounts accounts, Listings listings, BookingService bookings, JdbcTemplate jdbc,
			MutableClock clock) {
		this.api = api;
		this.accounts = accounts;
		this.listings = listings;
		this.bookings = bookings;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Stay(TestUser host, TestUser guest, UUID bookingId, UUID paymentId, LocalDate checkIn, JsonNode booking) {

		BigDecimal total() {
			return new BigDecimal(booking.path("total_price").asString());
		}

		BigDecimal serviceFee() {
			return new BigDecimal(booking.path("service_fee").asString());
		}

		BigDecimal cleaningFee() {
			return new BigDecimal(booking.path("cleaning_fee").asString());
		}

		/**
		 * The contract's payout: total − service fee − host fee − refunds, the host fee 3 % (Money.share) of the
		 * nights the host is paid for: the nights' amount, or what was kept after the service fee if less.
		 */
		BigDecimal expectedPayout(BigDecimal refunded) {
			BigDecimal nights = total().subtract(cleaningFee()).subtract(serviceFee());
			BigDecimal kept = total().subtract(serviceFee()).subtract(refunded);
			BigDecimal hostFee = new Money(nights.min(kept), booking.path("currency").asString()).share(new BigDecimal("0.03"))
				.amount();
			return kept.subtract(hostFee);
		}

		/** When its payout falls due: 24 hours after 15:00 (UTC, the listing's zone) on its check-in date. */
		Instant due() {
			return checkIn.atTime(LocalTime.of(15, 0)).toInstant(ZoneOffset.UTC).plus(Duration.ofHours(24));
		}
	}

	/** A new host's paid, confirmed two-night stay from today, not checked in. */
	Stay paid() {
		return paid(accounts.host());
	}

	/** A paid, confirmed two-night stay from today at a new listing of {@code host}, not checked in. */
	Stay paid(TestUser host) {
		return paid(host, null);
	}

	/**
	 * A paid, confirmed two-night stay from today at a new listing of a new host with this cancellation
	 * {@code policy}: cancelled by its guest, it is a late cancellation (0 days left).
	 */
	Stay paid(String policy) {
		return paid(accounts.host(), policy);
	}

	private Stay paid(TestUser host, String policy) {
		return paid(host, policy, "USD");
	}

	private Stay paid(TestUser host, String policy, String currency) {
		return paid(host, policy, currency, "sandbox");
	}

	private Stay paid(TestUser host, String policy, String currency, String provider) {
		Stay stay = held(host, policy, currency);
		UUID paymentId = captured(stay, provider);
		bookings.confirm(stay.bookingId());
		return new Stay(host, stay.guest(), stay.bookingId(), paymentId, stay.checkIn(), stay.booking());
	}

	/** A new host's two-night stay from today, held for payment ({@code pending_payment}): no payment yet. */
	Stay held() {
		return held(accounts.host(), null, "USD");
	}

	/** {@code policy} null: the listing's default; {@code currency} the listing's (a two-digit one). */
	private Stay held(TestUser host, String policy, String currency) {
		Map<String, Object> fields = new HashMap<>(
				Map.of("price_per_night", "99.99", "cleaning_fee", "25.00", "currency", currency, "max_guests", 4));
		if (policy != null) {
			fields.put("cancellation_policy", policy);
		}
		JsonNode listing = listings.create(host, fields);
		TestUser guest = accounts.guest();
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		var booked = api.post("/api/v1/bookings", Map.of("property_id", Listings.id(listing),
				"check_in", checkIn.toString(), "check_out", checkIn.plusDays(2).toString(), "guests", 2))
			.as(guest)
			.send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		UUID bookingId = UUID.fromString(booked.body().path("id").asString());
		return new Stay(host, guest, bookingId, null, checkIn, booked.body());
	}

	/** A completed sandbox payment of the stay's total, as the charge job leaves it; returns its id. */
	UUID captured(Stay stay) {
		return captured(stay, "sandbox");
	}

	/** A completed payment of the stay's total taken by {@code provider}; returns its id. */
	UUID captured(Stay stay, String provider) {
		UUID paymentId = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, status,
				                      provider, provider_reference, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, 'card', 'completed', ?, ?, ?, ?)""", paymentId, stay.bookingId(),
				stay.guest().id(), stay.host().id(), stay.total(), stay.booking().path("currency").asString(),
				provider, "ch_" + provider + "_payout_test_" + paymentId, now, now);
		return paymentId;
	}

	/** The stay's guest cancels it over HTTP; returns the booking as the answer shows it. */
	JsonNode cancelledByGuest(Stay stay) {
		var cancelled = api.post("/api/v1/bookings/" + stay.bookingId() + "/cancel", Map.of()).as(stay.guest())
			.send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		return cancelled.body();
	}

	/** The stay's refunds succeed at the provider, as the refund job records it (this context runs no jobs). */
	void refundsSucceeded(Stay stay) {
		jdbc.update("""
				update refunds set status = 'succeeded', provider_reference = 're_sandbox_payout_test_' || id,
				                   updated_at = now()
				where booking_id = ? and status = 'pending'""", stay.bookingId());
	}

	/** A paid stay, checked in by its host. */
	Stay checkedIn() {
		return checkedIn(accounts.host());
	}

	Stay checkedIn(TestUser host) {
		return checkedIn(host, "USD");
	}

	/** A paid stay in {@code currency} (two-digit: EUR, GBP...) at a new listing of {@code host}, checked in. */
	Stay checkedIn(TestUser host, String currency) {
		Stay stay = paid(host, null, currency);
		hostAction(stay, "check-in");
		return stay;
	}

	/** A paid stay at a new host's listing, its payment taken by {@code provider}, checked in. */
	Stay checkedInThrough(String provider) {
		Stay stay = paid(accounts.host(), null, "USD", provider);
		hostAction(stay, "check-in");
		return stay;
	}

	void hostAction(Stay stay, String action) {
		var response = api.post("/api/v1/bookings/" + stay.bookingId() + "/" + action, null).as(stay.host())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/** The provider reports a refund of {@code total} so far, made at its dashboard (a signed sandbox event). */
	void refundedAtTheProvider(Stay stay, String total) {
		String event = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"payment.refunded\",\"data\":{\"payment_id\":\""
				+ stay.paymentId() + "\",\"amount\":\"" + total + "\"}}";
		var response = api.post("/api/v1/payments/webhooks/sandbox", null)
			.raw(event)
			.header("Content-Type", "application/json")
			.header("Staybook-Signature", WebhookSignature.sign(WEBHOOK_SECRET, clock.instant().getEpochSecond(), event))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/**
	 * Pays out, with {@code sweep}, what other tests' stays (the database is shared) have due in the next three days,
	 * so that what a test counts is its own: the sweep pays every due stay, not only the test's. The clock is reset.
	 */
	void payOutWhatOthersHaveDue(PayoutSweep sweep) {
		clock.advance(Duration.ofDays(3));
		for (int i = 0; i < 100; i++) {
			PayoutSweep.Result result = sweep.sweep();
			if (result.made() + result.paid() + result.failed() + result.retrying() == 0) {
				break;
			}
		}
		clock.reset();
	}

	/** Sets the application's clock to {@code instant}; it keeps running from there. */
	void travelTo(Instant instant) {
		clock.advance(Duration.between(clock.instant(), instant));
	}

	/** How many payouts the stay's booking has (0 or 1). */
	int payoutRows(Stay stay) {
		return jdbc.queryForObject("select count(*) from payouts where booking_id = ?", Integer.class,
				stay.bookingId());
	}

	/** The host's payout of the stay, as {@code GET /payouts} lists it. */
	JsonNode payoutOf(TestUser host, Stay stay) {
		var response = api.get("/api/v1/payouts?limit=100").as(host).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> found = new ArrayList<>();
		response.body().path("results").forEach(p -> {
			if (p.path("booking_id").asString().equals(stay.bookingId().toString())) {
				found.add(p);
			}
		});
		assertThat(found).hasSize(1);
		return found.getFirst();
	}

	/** A reconciliation run now: its whole report. */
	JsonNode reconciliation() {
		var response = api.get("/api/v1/admin/reconciliation?refresh=true").as(accounts.admin()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** What a reconciliation run now reports about the stay's booking (R1 to R8). */
	List<JsonNode> reconciliationAbout(Stay stay) {
		List<JsonNode> found = new ArrayList<>();
		reconciliation().path("discrepancies").forEach(d -> {
			if (d.path("booking_id").asString("").equals(stay.bookingId().toString())) {
				found.add(d);
			}
		});
		return found;
	}
}
