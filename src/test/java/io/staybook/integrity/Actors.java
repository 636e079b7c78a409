package io.staybook.integrity;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.staybook.integrity.Marketplace.Booking;
import io.staybook.integrity.Marketplace.Event;
import io.staybook.integrity.Marketplace.Listing;
import io.staybook.integrity.Marketplace.Payment;
import io.staybook.payment.WebhookSignature;
import io.staybook.payment.Webhooks;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The guests, hosts and admin of a {@link Marketplace}, taking one {@link Step} at a time over real HTTP. Whom a step
 * acts as and on what is drawn from the caller's {@link Random}. Every answer is counted in the {@link Tally}; a 4xx is
 * a legitimate refusal, a 5xx or an exchange that breaks the OpenAPI document is a failure. Safe to call from several
 * threads at once: that is how the steps interleave.
 */
final class Actors {

	/** The sandbox webhook secret of the test profile ({@code application-test.yaml}). */
	static final String WEBHOOK_SECRET = "test-webhook-secret";

	static final String WEBHOOKS = "/api/v1/payments/webhooks/sandbox";

	/** The most the clock is moved forward during one run, so that the run stays within a day's dates. */
	static final Duration MAX_ADVANCE = Duration.ofMinutes(40);

	/** How many of the latest bookings count as recent for {@link #someBooking}. */
	static final int RECENT = 6;

	private final Api api;

	private final Marketplace market;

	private final Tally tally;

	private final SandboxPaymentProvider sandbox;

	private final MutableClock clock;

	private final Scheduler scheduler;

	/** How far this run has moved the clock; only {@link #advanceClock} reads and writes it. */
	private Duration advanced = Duration.ZERO;

	Actors(Api api, Marketplace market, Tally tally, SandboxPaymentProvider sandbox, MutableClock clock,
			Scheduler scheduler) {
		this.api = api;
		this.market = market;
		this.tally = tally;
		this.sandbox = sandbox;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/** Takes one step; whatever the service answers is counted, and anything it throws is a failure. */
	void take(Step step, Random random) {
		try {
			switch (step) {
				case BOOK -> book(random);
				case PAY -> pay(step, random);
				case PAY_AGAIN -> payAgain(random);
				case PAY_THEN_CHANGE -> payThenChange(random);
				case CHANGE -> change(step, random);
				case CANCEL -> cancel(random);
				case CHECK_IN -> checkIn(random);
				case DELETE_LISTING -> deleteListing(step, random);
				case DELETE_ACCOUNT -> deleteAccount(random);
				case WEBHOOK -> webhook(random);
				case WEBHOOK_REPLAY -> webhookReplay(random);
				case PROVIDER_FAILURE -> providerFailure(random);
				case ADVANCE_CLOCK -> advanceClock(random);
				case PAY_WHILE_DELISTED -> payWhileDelisted(random);
			}
		}
		catch (AssertionError | Exception ex) {
			tally.failure(step.label(), ex);
		}
	}

	private void book(Random random) {
		TestUser guest = market.mostlyLive(random, market.guests, market::isLive);
		Listing listing = market.mostlyLive(random, market.listings, market::isLive);
		// a quarter start today (so that they can be checked in), the rest within two weeks, on few enough nights
		// that bookings of one listing often collide
		LocalDate checkIn = today().plusDays(random.nextInt(4) == 0 ? 0 : random.nextInt(1, 15));
		LocalDate checkOut = checkIn.plusDays(random.nextInt(1, 5));
		Api.Response response = send(Step.BOOK, "book " + listing.id(), api
			.post("/api/v1/bookings", Map.of("property_id", listing.id().toString(), "check_in", checkIn.toString(),
					"check_out", checkOut.toString(), "guests", random.nextInt(1, 3)))
			.as(guest)
			.header("Idempotency-Key", newKey()));
		if (response.status() == 201) {
			market.bookings
				.add(new Booking(id(response), guest, listing, checkIn, checkOut));
		}
	}

	private void pay(Step step, Random random) {
		Booking booking = someHold(random);
		if (booking == null) {
			tally.count(step.label() + " nothing-to-pay");
			return;
		}
		pay(step, booking, random.nextInt(5) == 0 ? "tok_chargeDeclined" : "tok_visa");
	}

	/** The guest pays with a fresh key; returns the answer (201: the payment is recorded for later steps). */
	private Api.Response pay(Step step, Booking booking, String token) {
		String key = newKey();
		Map<String, Object> body = Map.of("booking_id", booking.id.toString(), "payment_method", "card",
				"payment_token", token);
		booking.payRequested = true;
		Api.Response response = send(step, "pay " + booking.id + " " + token,
				api.post("/api/v1/payments", body).as(booking.guest).header("Idempotency-Key", key));
		if (response.status() == 201) {
			market.payments.add(new Payment(id(response), booking, token, key, body));
		}
		return response;
	}

	/** The same key again: with the same body (a replay), or now and then with another body (a 400). */
	private void payAgain(Random random) {
		Payment payment = Marketplace.pick(random, market.payments);
		if (payment == null) {
			tally.count(Step.PAY_AGAIN.label() + " nothing-to-replay");
			return;
		}
		Map<String, Object> body = payment.body();
		if (random.nextInt(4) == 0) {
			body = Map.of("booking_id", payment.booking().id.toString(), "payment_method", "card", "payment_token",
					payment.token().equals("tok_visa") ? "tok_chargeDeclined" : "tok_visa");
		}
		send(Step.PAY_AGAIN, "pay again " + payment.key(),
				api.post("/api/v1/payments", body).as(payment.booking().guest).header("Idempotency-Key", payment.key()));
	}

	/**
	 * Issue 10's first example: the dates change (longer or shorter) while the charge is in flight: right after the
	 * payment is answered, or sent at the same moment as it.
	 */
	private void payThenChange(Random random) throws Exception {
		Booking booking = someHold(random);
		if (booking == null) {
			tally.count(Step.PAY_THEN_CHANGE.label() + " nothing-to-pay");
			return;
		}
		long nights = ChronoUnit.DAYS.between(booking.checkIn, booking.checkOut);
		LocalDate checkOut = booking.checkIn
			.plusDays(nights > 1 && random.nextBoolean() ? nights - 1 : nights + random.nextInt(1, 5));
		if (random.nextBoolean()) {
			Concurrently.send(2, i -> i == 0 ? pay(Step.PAY_THEN_CHANGE, booking, "tok_visa")
					: changeDates(Step.PAY_THEN_CHANGE, booking, booking.checkIn, checkOut));
		}
		else if (pay(Step.PAY_THEN_CHANGE, booking, "tok_visa").status() == 201) {
			changeDates(Step.PAY_THEN_CHANGE, booking, booking.checkIn, checkOut);
		}
	}

	private void change(Step step, Random random) {
		Booking booking = someBooking(random);
		if (booking == null) {
			tally.count(step.label() + " nothing-to-change");
			return;
		}
		int shift = random.nextInt(-2, 4);
		LocalDate checkIn = booking.checkIn.plusDays(shift);
		changeDates(step, booking, checkIn, checkIn.plusDays(random.nextInt(1, 6)));
	}

	private Api.Response changeDates(Step step, Booking booking, LocalDate checkIn, LocalDate checkOut) {
		Api.Response response = send(step, "change " + booking.id + " to " + checkIn + ".." + checkOut, api
			.patch("/api/v1/bookings/" + booking.id, Map.of("check_in", checkIn.toString(), "check_out",
					checkOut.toString()))
			.as(booking.guest));
		if (response.status() == 200) {
			booking.checkIn = checkIn;
			booking.checkOut = checkOut;
		}
		return response;
	}

	private void cancel(Random random) {
		Booking booking = Marketplace.pick(random, market.bookings);
		if (booking == null) {
			tally.count(Step.CANCEL.label() + " nothing-to-cancel");
			return;
		}
		int who = random.nextInt(10);
		TestUser by = who < 4 ? booking.guest : who < 8 ? booking.listing.host() : market.admin;
		send(Step.CANCEL, "cancel " + booking.id,
				api.post("/api/v1/bookings/" + booking.id + "/cancel", Map.of("reason", "interleaving")).as(by));
	}

	private void checkIn(Random random) {
		LocalDate today = today();
		Booking booking = Marketplace.pick(random, market.bookings, b -> !b.checkIn.isAfter(today));
		if (booking == null) {
			tally.count(Step.CHECK_IN.label() + " nothing-starts-today");
			return;
		}
		TestUser by = random.nextInt(5) == 0 ? market.admin : booking.listing.host();
		send(Step.CHECK_IN, "check in " + booking.id, api.post("/api/v1/bookings/" + booking.id + "/check-in", null).as(by));
	}

	/** Deletes a listing, by its host or an admin; at most half of the listings go, so that the run goes on. */
	private Api.Response deleteListing(Step step, Random random) {
		Listing listing = Marketplace.pick(random, market.listings, market::isLive);
		if (listing == null || market.deletedListings.size() >= market.listings.size() / 2) {
			tally.count(step.label() + " enough-deleted");
			return null;
		}
		return deleteListing(step, listing, random.nextInt(3) == 0 ? market.admin : listing.host());
	}

	private Api.Response deleteListing(Step step, Listing listing, TestUser by) {
		Api.Response response = send(step, "delete listing " + listing.id(), api.delete("/api/v1/properties/" + listing.id()).as(by));
		if (response.status() == 204) {
			market.deletedListings.add(listing.id());
		}
		return response;
	}

	/** A guest or a host deletes their account, or an admin deletes it; at most a third of each go. */
	private void deleteAccount(Random random) {
		List<TestUser> role = random.nextBoolean() ? market.guests : market.hosts;
		TestUser account = Marketplace.pick(random, role, market::isLive);
		long gone = role.stream().filter(user -> !market.isLive(user)).count();
		if (account == null || gone >= Math.max(1, role.size() / 3)) {
			tally.count(Step.DELETE_ACCOUNT.label() + " enough-deleted");
			return;
		}
		TestUser by = random.nextInt(3) == 0 ? market.admin : account;
		Api.Response response = send(Step.DELETE_ACCOUNT, "delete account " + account.id(), api.delete("/api/v1/users/" + account.id()).as(by));
		if (response.status() == 204) {
			market.deletedAccounts.add(account.id());
		}
	}

	/**
	 * An event the provider could send about a real payment: a {@code tok_visa} charge succeeded, a
	 * {@code tok_chargeDeclined} one failed, and a paid payment whose booking is cancelled or over was refunded (by
	 * the booking's {@code refund_amount}, or in full when it was never owed).
	 */
	private void webhook(Random random) {
		Payment payment = Marketplace.pick(random, market.payments);
		if (payment == null) {
			tally.count(Step.WEBHOOK.label() + " nothing-to-report");
			return;
		}
		String more = "";
		String type;
		if (payment.token().equals("tok_chargeDeclined")) {
			type = "payment.failed";
			more = ",\"failure_reason\":\"card_declined\"";
		}
		else if (random.nextBoolean()) {
			type = "payment.succeeded";
		}
		else {
			JsonNode booking = read("/api/v1/bookings/" + payment.booking().id);
			JsonNode paid = read("/api/v1/payments/" + payment.id());
			String status = booking.path("status").asString("");
			boolean charged = List.of("completed", "partially_refunded", "refunded")
				.contains(paid.path("status").asString(""));
			if (!charged || !List.of("cancelled", "expired").contains(status)) {
				type = "payment.succeeded";
			}
			else {
				type = "payment.refunded";
				JsonNode refund = booking.path("refund_amount");
				if (status.equals("cancelled") && !refund.isNull() && !refund.isMissingNode()) {
					more = ",\"amount\":\"" + refund.asString() + "\"";
				}
			}
		}
		String id = "evt_interleave_" + UUID.randomUUID();
		String body = event(id, type, payment.id(), more);
		if (deliver(Step.WEBHOOK, body).status() == 200) {
			market.events.add(new Event(id, body));
		}
	}

	/** The same event id again: the same body (a provider's retry), or another type under it (must change nothing). */
	private void webhookReplay(Random random) {
		Event event = Marketplace.pick(random, market.events);
		Payment payment = Marketplace.pick(random, market.payments);
		if (event == null || payment == null) {
			tally.count(Step.WEBHOOK_REPLAY.label() + " nothing-to-replay");
			return;
		}
		deliver(Step.WEBHOOK_REPLAY,
				random.nextInt(4) == 0 ? event(event.id(), "payment.refunded", payment.id(), "") : event.body());
	}

	/** The provider's next one or two answers are lost: the charge or refund job that asks next must retry. */
	private void providerFailure(Random random) {
		sandbox.loseNextResponses(random.nextInt(1, 3));
		tally.count(Step.PROVIDER_FAILURE.label() + " injected");
	}

	private synchronized void advanceClock(Random random) {
		Duration step = Duration.ofMinutes(random.nextInt(2, 9));
		if (advanced.plus(step).compareTo(MAX_ADVANCE) > 0) {
			tally.count(Step.ADVANCE_CLOCK.label() + " capped");
			return;
		}
		advanced = advanced.plus(step);
		clock.advance(step);
		scheduler.triggerCheckForDueExecutions();
		tally.count(Step.ADVANCE_CLOCK.label() + " " + step.toMinutes() + "m");
	}

	/** Issue 10's second example, raced: the guest pays a hold while the host delists its listing. */
	private void payWhileDelisted(Random random) throws Exception {
		Booking booking = Marketplace.pick(random, market.bookings,
				b -> !b.payRequested && market.isLive(b.listing) && market.isLive(b.guest));
		if (booking == null || market.deletedListings.size() >= market.listings.size() / 2) {
			pay(Step.PAY_WHILE_DELISTED, random);
			return;
		}
		Concurrently.send(2, i -> i == 0 ? pay(Step.PAY_WHILE_DELISTED, booking, "tok_visa")
				: deleteListing(Step.PAY_WHILE_DELISTED, booking.listing, booking.listing.host()));
	}

	/** Mostly a hold nobody has tried to pay yet, else as {@link #someBooking}. */
	private Booking someHold(Random random) {
		Booking open = random.nextInt(4) == 0 ? null
				: Marketplace.pick(random, market.bookings, b -> !b.payRequested && market.isLive(b.guest));
		return open != null ? open : someBooking(random);
	}

	/**
	 * Mostly one of the latest bookings (those are the holds still open, so most steps reach the service's rules rather
	 * than a 409 for a booking long over) of a guest still here; sometimes any, which the service must refuse.
	 */
	private Booking someBooking(Random random) {
		List<Booking> all = market.bookings;
		List<Booking> latest = random.nextInt(4) == 0 ? all : all.subList(Math.max(0, all.size() - RECENT), all.size());
		return market.mostlyLive(random, latest, b -> market.isLive(b.guest));
	}

	private JsonNode read(String path) {
		return tally.record("read", path, api.get(path).as(market.admin).send()).body();
	}

	/** Delivers {@code body} signed now (by the service's clock) with the sandbox secret. */
	private Api.Response deliver(Step step, String body) {
		String signature = WebhookSignature.sign(WEBHOOK_SECRET, clock.instant().getEpochSecond(), body);
		return send(step, "webhook " + body, api.post(WEBHOOKS, null)
			.raw(body)
			.header("Content-Type", "application/json")
			.header(Webhooks.SANDBOX_SIGNATURE, signature));
	}

	private Api.Response send(Step step, String what, Api.Call call) {
		return tally.record(step.label(), what, call.send());
	}

	static String event(String id, String type, UUID paymentId, String moreData) {
		return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":{\"payment_id\":\"" + paymentId + "\""
				+ moreData + "}}";
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static UUID id(Api.Response response) {
		return UUID.fromString(response.body().path("id").asString());
	}

	private static String newKey() {
		return "interleave-" + UUID.randomUUID();
	}
}
