package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, items 1 and 3: what is charged is what the booking owes. A booking whose payment is in flight is frozen
 * (409 {@code payment_in_progress}, and the database refuses it too); the charge is the booking's total read under its
 * lock; and a booking is priced from the listing's locked row, never from a cache that may be stale.
 */
@IntegrationTest
class MoneyFollowsTheBookingIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	PaymentService payments;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		clock.reset();
	}

	/** The example: paid, then moved four days later; the charge was the old total, the booking the new. */
	@Test
	void aBookingWhosePaymentIsInFlightCannotBeLengthenedOrShortened() {
		Stay stay = fixtures.stay("flexible", 60, 3);
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		LocalDate checkIn = LocalDate.parse(stay.booking().path("check_in").asString());

		for (LocalDate checkOut : new LocalDate[] { checkIn.plusDays(7), checkIn.plusDays(1) }) {
			var changed = api.patch("/api/v1/bookings/" + stay.bookingId(), Map.of("check_out", checkOut.toString()))
				.as(stay.guest())
				.send();
			assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
			assertThat(changed.body().path("code").asString()).isEqualTo("payment_in_progress");
		}
		var moreGuests = api.patch("/api/v1/bookings/" + stay.bookingId(), Map.of("guests", 3)).as(stay.guest()).send();
		assertThat(moreGuests.body().path("code").asString()).as(moreGuests.toString()).isEqualTo("payment_in_progress");

		payments.charge(payment);

		JsonNode booking = fixtures.booking(stay.guest(), stay.bookingId());
		JsonNode paid = fixtures.payment(stay.guest(), payment);
		assertThat(booking.path("status").asString()).isEqualTo("confirmed");
		assertThat(booking.path("check_out").asString()).isEqualTo(stay.booking().path("check_out").asString());
		assertThat(paid.path("status").asString()).isEqualTo("completed");
		assertThat(new BigDecimal(paid.path("amount").asString()))
			.isEqualByComparingTo(new BigDecimal(booking.path("total_price").asString()));
	}

	@Test
	void aBookingWhosePaymentFailedCanBeChangedAgain() {
		Stay stay = fixtures.stay("flexible", 60, 3);
		PaymentFixtures.insertPayment(jdbc, stay, "failed", null, clock);
		LocalDate checkIn = LocalDate.parse(stay.booking().path("check_in").asString());

		var changed = api.patch("/api/v1/bookings/" + stay.bookingId(),
				Map.of("check_out", checkIn.plusDays(4).toString()))
			.as(stay.guest())
			.send();

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.body().path("nights").asInt()).isEqualTo(4);
	}

	@Test
	void theDatabaseRefusesToChangeABookingWithAPaymentInFlightOrDone() {
		Stay stay = fixtures.stay("flexible", 60, 3);
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		assertThatThrownBy(() -> jdbc.update(
				"update bookings set check_out = check_out + 4, total_price = total_price + 4 * price_per_night where id = ?",
				stay.bookingId()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("bookings_frozen_while_paying");

		payments.charge(payment);

		assertThatThrownBy(() -> jdbc.update("update bookings set guests = 3 where id = ?", stay.bookingId()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("bookings_frozen_while_paying");
	}

	@Test
	void theDatabaseRefusesAPaymentThatDoesNotChargeTheBookingsTotal() {
		Stay stay = fixtures.stay("flexible", 60, 3);
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		assertThatThrownBy(() -> jdbc.update("update payments set amount = amount + 1 where id = ?", payment))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("payments_amount_is_booking_total");
		assertThatThrownBy(() -> jdbc.update(
				"update payments set status = 'completed', provider_reference = 'ch_x', amount = 1 where id = ?",
				payment))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("payments_amount_is_booking_total");
	}

	/** Item 3: the cache still says 99.99 a night; the row says 150.00, and the booking pays what the row says. */
	@Test
	void aBookingIsPricedFromTheListingsRowNotFromTheCache() {
		TestUser host = accounts.host();
		UUID listing = fixtures.listing(host, "flexible");
		cache(listing);
		jdbc.update("update properties set price_per_night = 150.00, max_nights = 5 where id = ?", listing);

		var booked = book(listing, 60, 3, 2);
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		assertThat(booked.body().path("price_per_night").asString()).isEqualTo("150.00");

		var tooLong = book(listing, 90, 6, 2);
		assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
	}

	@Test
	void aListingDelistedBehindTheCacheCannotBeBookedAndItsLimitsHold() {
		TestUser host = accounts.host();
		UUID delisted = fixtures.listing(host, "flexible");
		UUID smaller = fixtures.listing(host, "flexible");
		cache(delisted);
		cache(smaller);
		jdbc.update("update properties set deleted_at = now() where id = ?", delisted);
		jdbc.update("update properties set max_guests = 1 where id = ?", smaller);

		var gone = book(delisted, 60, 3, 2);
		assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
		var tooMany = book(smaller, 60, 3, 2);
		assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
		assertThat(tooMany.toString()).contains("guests");
	}

	/** A cancellation policy changed behind the cache is the one copied onto the booking. */
	@Test
	void theCancellationPolicyCopiedIsTheRowsOne() {
		TestUser host = accounts.host();
		UUID listing = fixtures.listing(host, "flexible");
		cache(listing);
		jdbc.update("update properties set cancellation_policy = 'strict' where id = ?", listing);

		var booked = book(listing, 60, 3, 2);

		assertThat(booked.body().path("cancellation_policy").asString()).as(booked.toString()).isEqualTo("strict");
	}

	private void cache(UUID listing) {
		assertThat(api.get("/api/v1/properties/" + listing).send().status()).isEqualTo(200);
		assertThat(api.get("/api/v1/properties/" + listing).send().body().path("price_per_night").asString())
			.isEqualTo(PaymentFixtures.PRICE_PER_NIGHT.toPlainString());
	}

	private Api.Response book(UUID listing, int daysAhead, int nights, int guests) {
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(daysAhead);
		return api.post("/api/v1/bookings", Map.of("property_id", listing.toString(), "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(nights).toString(), "guests", guests))
			.as(accounts.guest())
			.send();
	}
}
