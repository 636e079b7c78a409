package io.staybook.reconciliation;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Listings;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bookings, payments and refunds written straight into their tables, in any state, for the reconciliation to read:
 * each booking on a listing of its own (so that active ones never overlap), three nights of 100.00 from 30 days
 * ahead, total 300.00 USD. Then a test breaks one rule with one SQL update.
 */
final class MoneyRecords {

	static final BigDecimal TOTAL = new BigDecimal("300.00");

	private final JdbcTemplate jdbc;

	private final Accounts accounts;

	private final Listings listings;

	private final Clock clock;

	MoneyRecords(JdbcTemplate jdbc, Accounts accounts, Listings listings, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.listings = listings;
		this.clock = clock;
	}

	record Booked(UUID bookingId, UUID propertyId, UUID guestId, UUID hostId) {
	}

	/**
	 * A booking in {@code status}; {@code refundAmount} only for a cancelled one (null: cancelled before it was paid).
	 */
	Booked booking(String status, BigDecimal refundAmount) {
		TestUser host = accounts.host();
		UUID property = UUID.fromString(Listings.id(listings.create(host)));
		TestUser guest = accounts.guest();
		UUID id = UUID.randomUUID();
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				                      cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone,
				                      status, expires_at, cancelled_at, refund_amount, created_at, updated_at)
				select ?, p.id, ?, p.host_id, ?, ?, 1, 100.00, 0, 0, 300.00, 'USD', p.cancellation_policy, p.timezone,
				       ?, ?, ?, ?, ?, ?
				from properties p where p.id = ?""", id, guest.id(), checkIn, checkIn.plusDays(3), status,
				status.equals("pending_payment") || status.equals("requested") ? Timestamp.from(clock.instant().plus(Duration.ofMinutes(15))) : null,
				status.equals("cancelled") ? now : null, refundAmount, now, now, property);
		return new Booked(id, property, guest.id(), host.id());
	}

	/** A payment of the booking's total in {@code status}, made {@code age} ago, with the provider's reference. */
	UUID payment(Booked booked, String status, String reference, Duration age) {
		return payment(booked, status, reference, age, "sandbox");
	}

	/** A payment as {@link #payment(Booked, String, String, Duration)}, taken through {@code provider}. */
	UUID payment(Booked booked, String status, String reference, Duration age, String provider) {
		UUID id = UUID.randomUUID();
		Timestamp at = Timestamp.from(clock.instant().minus(age));
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, status,
				                      failure_reason, provider, provider_reference, created_at, updated_at)
				values (?, ?, ?, ?, ?, 'USD', 'card', ?, ?, ?, ?, ?, ?)""", id, booked.bookingId(),
				booked.guestId(), booked.hostId(), TOTAL, status, status.equals("failed") ? "card_declined" : null,
				provider, reference, at, at);
		return id;
	}

	UUID paid(Booked booked, String reference) {
		return payment(booked, "completed", reference, Duration.ZERO);
	}

	/** A refund of the payment in {@code status}, decided {@code age} ago. */
	UUID refund(UUID payment, BigDecimal amount, String reason, String status, Duration age) {
		UUID id = UUID.randomUUID();
		Instant at = clock.instant().minus(age);
		jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, provider_reference, failure_reason, created_at, updated_at)
				select ?, id, booking_id, ?, currency, ?, ?, provider, ?, ?, ?, ?, ?
				from payments where id = ?""", id, amount, reason, status, "refund-" + id,
				status.equals("succeeded") ? "re_test_" + id : null,
				status.equals("failed") ? "gave_up: test" : null, Timestamp.from(at), Timestamp.from(at), payment);
		return id;
	}
}
