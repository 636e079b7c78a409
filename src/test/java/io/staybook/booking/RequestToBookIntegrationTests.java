package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.request;
import static io.staybook.booking.BookingFixtures.spec;
import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.staybook.booking.BookingFixtures.Booked;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Request to book over HTTP (api-contract.md, v1.1 "Request to book"): a listing's {@code instant_book}, requests held
 * for 24 hours, the host's approve and decline (and who may), the deadline before and after the sweep, the no-overlap
 * rule with requests in it, the guest withdrawing a request, and the new statuses in the list filters. This context runs
 * no jobs, so the sweep runs only where a test calls it.
 */
@IntegrationTest
class RequestToBookIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	BookingFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private Booked requested(Listing listing, int daysAhead, int nights) {
		return fixtures.book(listing, daysAhead, nights);
	}

	private Response approve(TestUser as, Booked booking) {
		return api.post(booking.path() + "/approve", null).as(as).send();
	}

	/** The guest pays {@code booking} with the sandbox's card that succeeds. */
	private Response pay(Booked booking) {
		return api.post("/api/v1/payments", Map.of("booking_id", booking.id().toString(), "payment_method", "card",
				"payment_token", "tok_visa"))
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.as(booking.guest())
			.send();
	}

	private Response decline(TestUser as, Booked booking, Object body) {
		return api.post(booking.path() + "/decline", body).as(as).send();
	}

	private JsonNode ok(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private int count(String sql, Object parameter) {
		return jdbc.sql(sql).param(parameter).query(Integer.class).single();
	}

	private static LocalDate checkIn(Booked booking) {
		return LocalDate.parse(booking.json().path("check_in").asString());
	}

	private static Instant instant(JsonNode node, String field) {
		return Instant.parse(node.path(field).asString());
	}

	@Nested
	class Listings {

		@Test
		void instantBookIsTrueByDefaultAndShownInDetailAndSearch() {
			Listing listing = fixtures.listing();

			JsonNode detail = ok(api.get("/api/v1/properties/" + listing.id()).send());
			JsonNode found = ok(api.get("/api/v1/properties?host_id=" + listing.host().id()).send());

			assertThat(detail.path("instant_book").asBoolean(false)).isTrue();
			assertThat(found.path("results").get(0).path("instant_book").asBoolean(false)).isTrue();
			JsonNode sparse = ok(api.get("/api/v1/properties?host_id=" + listing.host().id() + "&fields=id,instant_book")
				.send());
			assertThat(sparse.path("results").get(0).path("instant_book").asBoolean(false)).isTrue();
		}

		@Test
		void aChangeOfInstantBookIsSeenByDetailSearchAndTheEtag() {
			Listing listing = fixtures.listing();
			String path = "/api/v1/properties/" + listing.id();
			Response before = api.get(path).send();
			// the search keeps the listing's JSON written: it must not outlive the change
			ok(api.get("/api/v1/properties?host_id=" + listing.host().id()).send());

			JsonNode changed = ok(api.patch(path, Map.of("instant_book", false)).as(listing.host()).send());

			assertThat(changed.path("instant_book").asBoolean(true)).isFalse();
			Response after = api.get(path).header("If-None-Match", before.header("ETag")).send();
			assertThat(after.status()).isEqualTo(200);
			assertThat(after.body().path("instant_book").asBoolean(true)).isFalse();
			assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
			JsonNode found = ok(api.get("/api/v1/properties?host_id=" + listing.host().id()).send());
			assertThat(found.path("results").get(0).path("instant_book").asBoolean(true)).isFalse();
		}

		@Test
		void instantBookMustBeABoolean() {
			Listing listing = fixtures.listing();

			Response response = api.patch("/api/v1/properties/" + listing.id(), Map.of("instant_book", "maybe"))
				.as(listing.host())
				.send();

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
		}
	}

	@Nested
	class Create {

		@Test
		void anInstantListingIsHeldForPaymentAsBefore() {
			Booked booked = fixtures.book(fixtures.listing(), 10, 2);

			assertThat(booked.json().path("status").asString()).isEqualTo("pending_payment");
			assertThat(booked.json().path("decline_reason").isNull()).isTrue();
		}

		@Test
		void aRequestListingMakesARequestHeldForTwentyFourHours() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Instant before = clock.instant();

			Booked booked = requested(listing, 10, 2);

			JsonNode json = booked.json();
			assertThat(json.path("status").asString()).isEqualTo("requested");
			assertThat(json.path("decline_reason").isNull()).isTrue();
			assertThat(instant(json, "expires_at")).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5),
					clock.instant().plus(Duration.ofHours(24)));
			assertThat(fixtures.unavailable(listing, checkIn(booked), checkIn(booked).plusDays(2)))
				.extracting(span -> span.path("reason").asString())
				.containsExactly("booked");
			assertThat(fixtures.searchFinds(listing, checkIn(booked), checkIn(booked).plusDays(2))).isFalse();
		}

		@Test
		void aRequestCannotBePaidNorChanged() {
			Booked booked = requested(fixtures.listing(spec().requestToBook()), 10, 2);

			Response pay = pay(booked);
			Response change = api.patch(booked.path(), Map.of("guests", 1)).as(booked.guest()).send();

			assertProblem(pay, 409, "booking_not_payable");
			assertProblem(change, 409, "illegal_status_change");
		}
	}

	@Nested
	class Approve {

		@Test
		void theHostApprovesAndThePaymentHoldStartsNow() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			clock.advance(Duration.ofHours(3));

			JsonNode approved = ok(approve(listing.host(), booked));

			assertThat(approved.path("status").asString()).isEqualTo("pending_payment");
			assertThat(instant(approved, "expires_at")).isBetween(clock.instant().plus(Duration.ofMinutes(15)).minusSeconds(5),
					clock.instant().plus(Duration.ofMinutes(15)));
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("pending_payment");
			// the dates stay held, now for the payment hold's time
			assertThat(fixtures.searchFinds(listing, checkIn(booked), checkIn(booked).plusDays(2))).isFalse();
			Response pay = pay(booked);
			assertThat(pay.status()).as(pay.toString()).isEqualTo(201);
		}

		@Test
		void theGuestCannotChangeWhatTheHostApproved() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			JsonNode approved = ok(approve(listing.host(), booked));

			// the host said yes to these two nights for these guests, not to a longer or fuller stay
			for (Map<String, Object> change : List.<Map<String, Object>>of(
					Map.of("check_out", checkIn(booked).plusDays(6).toString()),
					Map.of("check_in", checkIn(booked).plusDays(1).toString()), Map.of("guests", 2), Map.of())) {
				assertProblem(api.patch(booked.path(), change).as(booked.guest()).send(), 409, "illegal_status_change");
			}
			JsonNode after = ok(api.get(booked.path()).as(booked.guest()).send());
			for (String field : new String[] { "check_in", "check_out", "guests", "total_price", "updated_at" }) {
				assertThat(after.path(field)).as(field).isEqualTo(approved.path(field));
			}
			// the database holds the rule whatever writes the row
			assertThat(catchThrowable(() -> jdbc.sql("update bookings set check_out = check_out + 4 where id = ?")
				.param(booked.id())
				.update())).hasMessageContaining("is an approved request");
			// it is paid as approved
			Response pay = pay(booked);
			assertThat(pay.status()).as(pay.toString()).isEqualTo(201);
			assertThat(pay.body().path("amount").asString()).isEqualTo(approved.path("total_price").asString());
		}

		@Test
		void anAdminMayApprove() {
			Booked booked = requested(fixtures.listing(spec().requestToBook()), 10, 2);

			assertThat(ok(approve(accounts.admin(), booked)).path("status").asString()).isEqualTo("pending_payment");
		}

		@Test
		void theGuestIsForbiddenAndAStrangerFindsNothing() {
			Booked booked = requested(fixtures.listing(spec().requestToBook()), 10, 2);

			assertProblem(approve(booked.guest(), booked), 403, "host_only");
			assertProblem(approve(accounts.host(), booked), 404, "not_found");
			assertProblem(decline(booked.guest(), booked, null), 403, "host_only");
			assertProblem(decline(accounts.guest(), booked, null), 404, "not_found");
			Response anonymous = api.post(booked.path() + "/approve", null).send();
			assertThat(anonymous.status()).isEqualTo(401);
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("requested");
		}

		@Test
		void onlyARequestCanBeAnswered() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			ok(approve(listing.host(), booked));
			Booked instant = fixtures.book(fixtures.listing(), 10, 2);

			assertProblem(approve(listing.host(), booked), 409, "illegal_status_change");
			assertProblem(decline(listing.host(), booked, null), 409, "illegal_status_change");
			assertProblem(approve(instant.listing().host(), instant), 409, "illegal_status_change");
			assertProblem(api.post("/api/v1/bookings/" + UUID.randomUUID() + "/approve", null).as(listing.host()).send(),
					404, "not_found");
		}

		@Test
		void aRepeatWithTheSameKeyReplaysTheAnswer() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			String key = UUID.randomUUID().toString();

			Response first = api.post(booked.path() + "/approve", null).header("Idempotency-Key", key).as(listing.host()).send();
			Response repeat = api.post(booked.path() + "/approve", null).header("Idempotency-Key", key).as(listing.host()).send();

			assertThat(first.status()).as(first.toString()).isEqualTo(200);
			assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
			assertThat(repeat.header("Idempotency-Replayed")).isEqualTo("true");
			assertThat(repeat.body()).isEqualTo(first.body());
			assertProblem(api.post(booked.path() + "/approve", null).as(listing.host()).send(), 409,
					"illegal_status_change");
		}
	}

	@Nested
	class Decline {

		@Test
		void theHostDeclinesWithAReasonAndTheDatesAreFree() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);

			JsonNode declined = ok(decline(listing.host(), booked, Map.of("reason", "Closed for works")));

			assertThat(declined.path("status").asString()).isEqualTo("declined");
			assertThat(declined.path("decline_reason").asString()).isEqualTo("Closed for works");
			assertThat(fixtures.unavailable(listing, checkIn(booked), checkIn(booked).plusDays(2))).isEmpty();
			assertThat(requested(listing, 10, 2).json().path("status").asString()).isEqualTo("requested");
		}

		@Test
		void anAdminDeclinesWithoutAReason() {
			Booked booked = requested(fixtures.listing(spec().requestToBook()), 10, 2);

			JsonNode declined = ok(decline(accounts.admin(), booked, null));

			assertThat(declined.path("status").asString()).isEqualTo("declined");
			assertThat(declined.path("decline_reason").isNull()).isTrue();
		}

		@Test
		void aReasonOverAThousandCharactersIsRefusedAndChangesNothing() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);

			Response response = decline(listing.host(), booked, Map.of("reason", "x".repeat(1001)));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(decline(listing.host(), booked, Map.of("reason", "ok", "other", 1)).status()).isEqualTo(400);
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("requested");
		}
	}

	@Nested
	class Deadline {

		@Test
		void pastItsTimeARequestCannotBeAnsweredAndHoldsNothingEvenBeforeTheSweep() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			LocalDate checkIn = checkIn(booked);
			clock.advance(Duration.ofHours(24).plusSeconds(1));

			assertProblem(approve(listing.host(), booked), 409, "request_expired");
			assertProblem(decline(listing.host(), booked, null), 409, "request_expired");
			assertThat(fixtures.unavailable(listing, checkIn, checkIn.plusDays(2))).isEmpty();
			assertThat(fixtures.searchFinds(listing, checkIn, checkIn.plusDays(2))).isTrue();

			// another guest asks for the same nights: the lapsed request is declined to make way
			Booked next = fixtures.book(listing, (int) java.time.temporal.ChronoUnit.DAYS.between(fixtures.today(listing), checkIn), 2);
			assertThat(next.json().path("status").asString()).isEqualTo("requested");
			JsonNode lapsed = fixtures.get(booked.guest(), booked.id());
			assertThat(lapsed.path("status").asString()).isEqualTo("declined");
			assertThat(lapsed.path("decline_reason").asString()).isEqualTo("expired");
		}

		/**
		 * A request for a stay that begins within the day kept its 24 hours, so the host could approve it, and the guest
		 * pay for it, once its check-in date had passed, a stay POST /bookings refuses to make (found by trying it as a
		 * client). Its deadline is the end of the check-in date where the listing is, when that comes first.
		 */
		@Test
		void aRequestEndsWithItsCheckInDateWhenThatComesBeforeItsTwentyFourHours() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 0, 2);
			Instant checkInDateEnds = checkIn(booked).plusDays(1).atStartOfDay(listing.zone()).toInstant();
			assertThat(instant(booked.json(), "expires_at")).isEqualTo(checkInDateEnds);

			clock.advance(Duration.between(clock.instant(), checkInDateEnds).plusSeconds(1));

			assertProblem(approve(listing.host(), booked), 409, "request_expired");
			assertThat(fixtures.unavailable(listing, checkIn(booked), checkIn(booked).plusDays(2))).isEmpty();
		}

		@Test
		void justBeforeItsTimeTheHostCanStillApprove() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			clock.advance(Duration.ofHours(23).plusMinutes(59));

			assertThat(ok(approve(listing.host(), booked)).path("status").asString()).isEqualTo("pending_payment");
		}

		@Test
		void theSweepDeclinesUnansweredRequestsAsExpiredAndLeavesTheOthers() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked overdue = requested(listing, 10, 2);
			clock.advance(Duration.ofHours(12));
			Booked fresh = requested(listing, 20, 2);
			clock.advance(Duration.ofHours(12).plusSeconds(1));

			bookingService.expireOverdueHolds();

			JsonNode swept = fixtures.get(overdue.guest(), overdue.id());
			assertThat(swept.path("status").asString()).isEqualTo("declined");
			assertThat(swept.path("decline_reason").asString()).isEqualTo("expired");
			assertThat(fixtures.status(fresh.guest(), fresh.id())).isEqualTo("requested");
			assertThat(count("select count(*) from property_blocks where booking_id = ?", overdue.id())).isZero();
			assertThat(count("select count(*) from scheduled_tasks where task_name = 'booking-mail' and task_instance = ?", "booking_request_expired:" + overdue.id())).isEqualTo(1);
		}
	}

	@Nested
	class Overlaps {

		@Test
		void anInstantBookingOverARequestIsRefused() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked first = requested(listing, 10, 3);
			api.patch("/api/v1/properties/" + listing.id(), Map.of("instant_book", true)).as(listing.host()).send();

			Response second = fixtures.tryBook(accounts.guest(), listing, checkIn(first).plusDays(1),
					checkIn(first).plusDays(4));

			assertProblem(second, 409, "dates_unavailable");
		}

		@Test
		void aRequestOverAnInstantBookingIsRefused() {
			Listing listing = fixtures.listing();
			Booked first = fixtures.book(listing, 10, 3);
			api.patch("/api/v1/properties/" + listing.id(), Map.of("instant_book", false)).as(listing.host()).send();

			Response second = fixtures.tryBook(accounts.guest(), listing, checkIn(first).minusDays(1),
					checkIn(first).plusDays(1));

			assertProblem(second, 409, "dates_unavailable");
		}

		@Test
		void aHostBlockOverARequestIsRefused() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked first = requested(listing, 10, 3);

			Response block = api.post("/api/v1/properties/" + listing.id() + "/blocks",
					Map.of("start", checkIn(first).toString(), "end", checkIn(first).plusDays(1).toString()))
				.as(listing.host())
				.send();

			assertThat(block.status()).as(block.toString()).isEqualTo(409);
		}

		@Test
		void ofConcurrentRequestsForTheSameNightsExactlyOneWins() throws Exception {
			Listing listing = fixtures.listing(spec().requestToBook());
			LocalDate checkIn = fixtures.today(listing).plusDays(30);
			List<TestUser> guests = List.of(accounts.guest(), accounts.guest(), accounts.guest(), accounts.guest());

			List<Response> answers = Concurrently.send(guests.size(),
					i -> api.post("/api/v1/bookings", request(listing.id(), checkIn, checkIn.plusDays(2), 1))
						.as(guests.get(i))
						.send());

			assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
			assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(guests.size() - 1);
			assertThat(count("select count(*) from bookings where property_id = ? and status = 'requested'", listing.id())).isEqualTo(1);
		}

		@Test
		void anApprovalAndADeclineAtOnceHaveExactlyOneWinner() throws Exception {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			TestUser admin = accounts.admin();

			List<Response> answers = Concurrently.send(2, i -> i == 0 ? approve(listing.host(), booked)
					: decline(admin, booked, Map.of("reason", "Admin says no")));

			assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
			assertThat(answers).filteredOn(r -> r.status() == 409).singleElement()
				.satisfies(r -> assertProblem(r, 409, "illegal_status_change"));
			String winner = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().body()
				.path("status").asString();
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo(winner);
		}

		@Test
		void theDatabaseRefusesAnOverlapWithARequestWhateverTheCode() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked first = requested(listing, 10, 3);

			// a second active row over the request's nights, written past the service
			assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql("""
					insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
					  cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at,
					  created_at, updated_at)
					select gen_random_uuid(), property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
					  cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone, 'confirmed', null,
					  now(), now()
					from bookings where id = ?""").param(first.id()).update()))
				.hasMessageContaining("bookings_no_overlap");
		}
	}

	@Nested
	class GuestCancels {

		@Test
		void theGuestWithdrawsARequestWithoutMoneyAndTheDatesAreFree() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);

			JsonNode cancelled = ok(api.post(booked.path() + "/cancel", Map.of("reason", "Found another place"))
				.as(booked.guest())
				.send());

			assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
			assertThat(cancelled.path("refund_amount").isNull()).isTrue();
			assertThat(count("select count(*) from refunds where booking_id = ?", booked.id())).isZero();
			assertThat(fixtures.unavailable(listing, checkIn(booked), checkIn(booked).plusDays(2))).isEmpty();
			assertProblem(approve(listing.host(), booked), 409, "illegal_status_change");
		}

		/**
		 * A request past its deadline that the sweep had not reached yet could still be cancelled by its guest, and then
		 * read "cancelled" for ever, where a moment later (after the sweep) it would read "declined", reason "expired",
		 * and the cancel would be refused. A real platform shows the request as expired whenever the sweep happens to
		 * run: past its time it is the sweep's, as approve and decline already answer (409 {@code request_expired}), and
		 * as an unpaid hold's change is refused (409 {@code hold_expired}).
		 */
		@Test
		void pastItsTimeTheGuestCannotCancelARequestItEndsAsExpired() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			clock.advance(Duration.ofHours(24).plusSeconds(1));

			assertProblem(api.post(booked.path() + "/cancel", null).as(booked.guest()).send(), 409,
					"request_expired");

			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("requested");
			bookingService.expireOverdueHolds();
			JsonNode swept = fixtures.get(booked.guest(), booked.id());
			assertThat(swept.path("status").asString()).isEqualTo("declined");
			assertThat(swept.path("decline_reason").asString()).isEqualTo("expired");
			assertThat(swept.path("cancelled_at").isNull()).isTrue();
		}

		/** The same for an unpaid hold past its time: neither its guest nor its host cancels it; it expires. */
		@Test
		void pastItsTimeAnUnpaidHoldCannotBeCancelledItExpires() {
			Listing listing = fixtures.listing();
			Booked booked = fixtures.book(listing, 10, 2);
			clock.advance(Duration.ofMinutes(15).plusSeconds(1));

			assertProblem(api.post(booked.path() + "/cancel", null).as(booked.guest()).send(), 409, "hold_expired");
			assertProblem(api.post(booked.path() + "/cancel", null).as(listing.host()).send(), 409, "hold_expired");

			bookingService.expireOverdueHolds();
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("expired");
		}

		@Test
		void theHostDeclinesRatherThanCancels() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);

			assertProblem(api.post(booked.path() + "/cancel", null).as(listing.host()).send(), 409,
					"illegal_status_change");
			assertThat(fixtures.status(booked.guest(), booked.id())).isEqualTo("requested");
		}
	}

	@Nested
	class Removal {

		@Test
		void deletingTheListingCancelsItsRequestsAndTellsBothSides() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);

			Response deleted = api.delete("/api/v1/properties/" + listing.id()).as(listing.host()).send();

			assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
			JsonNode cancelled = fixtures.get(booked.guest(), booked.id());
			assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
			assertThat(cancelled.path("refund_amount").isNull()).isTrue();
			assertThat(count("select count(*) from scheduled_tasks where task_instance = ?",
					"booking_request_cancelled:" + booked.id())).isEqualTo(1);
		}

		/**
		 * Deleting a listing cancelled a request past its deadline that the sweep had not reached, so it read
		 * "cancelled" by the host where the sweep would have declined it as expired: it ends as the sweep ends it.
		 */
		@Test
		void deletingTheListingEndsAnOverdueRequestAsExpiredNotCancelled() {
			Listing listing = fixtures.listing(spec().requestToBook());
			Booked booked = requested(listing, 10, 2);
			clock.advance(Duration.ofHours(24).plusSeconds(1));

			Response deleted = api.delete("/api/v1/properties/" + listing.id()).as(listing.host()).send();

			assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
			JsonNode ended = fixtures.get(booked.guest(), booked.id());
			assertThat(ended.path("status").asString()).isEqualTo("declined");
			assertThat(ended.path("decline_reason").asString()).isEqualTo("expired");
			assertThat(count("select count(*) from scheduled_tasks where task_instance = ?",
					"booking_request_expired:" + booked.id())).isEqualTo(1);
			assertThat(count("select count(*) from scheduled_tasks where task_instance = ?",
					"booking_request_cancelled:" + booked.id())).isZero();
		}
	}

	@Nested
	class Lists {

		@Test
		void theNewStatusesFilterTheGuestsAndTheHostsLists() {
			Listing listing = fixtures.listing(spec().requestToBook());
			TestUser guest = accounts.guest();
			Booked waiting = fixtures.book(guest, listing, 10, 2);
			Booked declined = fixtures.book(guest, listing, 20, 2);
			ok(decline(listing.host(), declined, Map.of("reason", "No")));

			assertThat(ids(guest, "?status=requested")).containsExactly(waiting.id().toString());
			assertThat(ids(guest, "?status=declined")).containsExactly(declined.id().toString());
			assertThat(ids(listing.host(), "?as=host&status=requested")).containsExactly(waiting.id().toString());
			assertThat(ids(listing.host(), "?as=host&status=declined")).containsExactly(declined.id().toString());
			assertThat(ids(listing.host(), "?as=host")).containsExactlyInAnyOrder(waiting.id().toString(),
					declined.id().toString());
			assertThat(api.get("/api/v1/bookings?status=withdrawn").as(guest).send().status()).isEqualTo(400);
		}

		private List<String> ids(TestUser user, String query) {
			return ok(api.get("/api/v1/bookings" + query).as(user).send()).path("results")
				.values()
				.stream()
				.map(b -> b.path("id").asString())
				.toList();
		}
	}
}
