package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.StoredBookings;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /properties/{id}/availability}, {@code POST} and {@code DELETE /properties/{id}/blocks}: the calendar,
 * who may close dates, and the exclusion constraint that keeps blocks and bookings from overlapping, even when
 * requests race.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvailabilityAndBlocksIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	TestUser host;

	TestUser otherHost;

	TestUser guest;

	@BeforeAll
	void users() {
		host = accounts.host();
		otherHost = accounts.host();
		guest = accounts.guest();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** A day well ahead, so that blocks are never in the past. */
	static LocalDate ahead(int days) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(100 + days);
	}

	String newListing() {
		return Listings.id(listings.create(host));
	}

	static String blocks(String propertyId) {
		return "/api/v1/properties/" + propertyId + "/blocks";
	}

	static String availability(String propertyId) {
		return "/api/v1/properties/" + propertyId + "/availability";
	}

	Api.Response block(TestUser as, String propertyId, Object start, Object end) {
		Map<String, Object> body = new HashMap<>();
		body.put("start", String.valueOf(start));
		body.put("end", String.valueOf(end));
		Api.Call call = api.post(blocks(propertyId), body);
		return (as == null ? call : call.as(as)).send();
	}

	JsonNode availabilityOf(String propertyId, LocalDate from, LocalDate to) {
		Api.Response response = api.get(availability(propertyId) + "?from=" + from + "&to=" + to).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** The spans of the window as "start/end/reason". */
	List<String> spans(String propertyId, LocalDate from, LocalDate to) {
		List<String> spans = new ArrayList<>();
		availabilityOf(propertyId, from, to).path("unavailable")
			.forEach(span -> spans.add(span.path("start").asString() + "/" + span.path("end").asString() + "/"
					+ span.path("reason").asString()));
		return spans;
	}

	/** A booking as the bookings module stores it: a 'booked' span on the same calendar. */
	void book(String propertyId, LocalDate start, LocalDate end) {
			StoredBookings.confirmed(jdbc, UUID.fromString(propertyId), guest.id(), start, end);
	}

	static void assertFieldError(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.fieldErrors()).as(response.toString()).contains(field);
	}

	static void assertDatesUnavailable(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("code").asString()).isEqualTo("dates_unavailable");
	}

	@Nested
	class Blocks {

		@Test
		void theOwnerClosesDates() {
			String property = newListing();
			Map<String, Object> body = Map.of("start", ahead(0).toString(), "end", ahead(3).toString(), "note",
					"Painting the kitchen");

			Api.Response response = api.post(blocks(property), body).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			JsonNode block = response.body();
			String id = block.path("id").asString();
			assertThat(UUID.fromString(id)).isNotNull();
			assertThat(response.header("Location")).endsWith(blocks(property) + "/" + id);
			assertThat(block.path("property_id").asString()).isEqualTo(property);
			assertThat(block.path("start").asString()).isEqualTo(ahead(0).toString());
			assertThat(block.path("end").asString()).isEqualTo(ahead(3).toString());
			assertThat(block.path("note").asString()).isEqualTo("Painting the kitchen");
		}

		@Test
		void availabilityShowsTheBlock() {
			String property = newListing();
			listings.block(host, property, ahead(5), ahead(8));

			JsonNode availability = availabilityOf(property, ahead(0), ahead(30));

			assertThat(availability.path("property_id").asString()).isEqualTo(property);
			assertThat(availability.path("from").asString()).isEqualTo(ahead(0).toString());
			assertThat(availability.path("to").asString()).isEqualTo(ahead(30).toString());
			assertThat(availability.path("unavailable").size()).isOne();
			JsonNode span = availability.path("unavailable").get(0);
			assertThat(span.path("start").asString()).isEqualTo(ahead(5).toString());
			assertThat(span.path("end").asString()).isEqualTo(ahead(8).toString());
			assertThat(span.path("reason").asString()).isEqualTo("blocked");
		}

		@Test
		void aBlockOverlappingAnotherIsAConflict() {
			String property = newListing();
			listings.block(host, property, ahead(10), ahead(15));

			assertDatesUnavailable(block(host, property, ahead(10), ahead(15)));
			assertDatesUnavailable(block(host, property, ahead(14), ahead(16)));
			assertDatesUnavailable(block(host, property, ahead(8), ahead(11)));
			assertDatesUnavailable(block(host, property, ahead(11), ahead(12)));
			assertDatesUnavailable(block(host, property, ahead(5), ahead(20)));
			assertThat(spans(property, ahead(0), ahead(30))).hasSize(1);
		}

		@Test
		void backToBackBlocksAreAllowed() {
			String property = newListing();
			listings.block(host, property, ahead(10), ahead(15));

			assertThat(block(host, property, ahead(15), ahead(17)).status()).isEqualTo(201);
			assertThat(block(host, property, ahead(7), ahead(10)).status()).isEqualTo(201);

			assertThat(spans(property, ahead(0), ahead(30))).containsExactly(ahead(7) + "/" + ahead(10) + "/blocked",
					ahead(10) + "/" + ahead(15) + "/blocked", ahead(15) + "/" + ahead(17) + "/blocked");
		}

		@Test
		void theSameDatesOnAnotherListingAreFree() {
			String one = newListing();
			String other = newListing();
			listings.block(host, one, ahead(10), ahead(15));

			assertThat(block(host, other, ahead(10), ahead(15)).status()).isEqualTo(201);
		}

		@Test
		void aBlockOverlappingABookingIsAConflict() {
			String property = newListing();
			book(property, ahead(20), ahead(25));

			assertDatesUnavailable(block(host, property, ahead(24), ahead(26)));
			assertThat(block(host, property, ahead(25), ahead(26)).status()).isEqualTo(201);
			assertThat(spans(property, ahead(0), ahead(30))).containsExactly(
					ahead(20) + "/" + ahead(25) + "/booked", ahead(25) + "/" + ahead(26) + "/blocked");
		}

		@Test
		void startMustNotBeInThePastOfTheListingsTimeZone() {
			// 10:30 UTC is already tomorrow on Kiritimati (UTC+14)
			LocalDate utcToday = LocalDate.now(ZoneOffset.UTC);
			clock.fixAt(utcToday.atTime(LocalTime.of(10, 30)).toInstant(ZoneOffset.UTC));
			String utc = newListing();
			String kiritimati = Listings
				.id(listings.create(host, Map.of("timezone", "Pacific/Kiritimati", "latitude", 1.87, "longitude", -157.4)));

			assertFieldError(block(host, utc, utcToday.minusDays(1), utcToday.plusDays(2)), 400, "start");
			assertThat(block(host, utc, utcToday, utcToday.plusDays(2)).status()).isEqualTo(201);
			assertFieldError(block(host, kiritimati, utcToday, utcToday.plusDays(2)), 400, "start");
			assertThat(block(host, kiritimati, utcToday.plusDays(1), utcToday.plusDays(2)).status()).isEqualTo(201);
		}

		@Test
		void endMustBeAfterStart() {
			String property = newListing();

			assertFieldError(block(host, property, ahead(5), ahead(5)), 400, "end");
			assertFieldError(block(host, property, ahead(5), ahead(4)), 400, "end");
		}

		@Test
		void aBlockIsAtMost730Days() {
			String property = newListing();

			assertFieldError(block(host, property, ahead(0), ahead(731)), 400, "end");
			assertThat(block(host, property, ahead(0), ahead(730)).status()).isEqualTo(201);
		}

		@Test
		void startAndEndAreRequiredDates() {
			String property = newListing();

			assertFieldError(api.post(blocks(property), Map.of("end", ahead(3).toString())).as(host).send(), 400,
					"start");
			assertFieldError(api.post(blocks(property), Map.of("start", ahead(3).toString())).as(host).send(), 400,
					"end");
			assertFieldError(block(host, property, "next monday", ahead(3)), 400, "start");
			assertFieldError(api
				.post(blocks(property), Map.of("start", ahead(1).toString(), "end", ahead(3).toString(), "color", "red"))
				.as(host)
				.send(), 400, "color");
			assertFieldError(api
				.post(blocks(property),
						Map.of("start", ahead(1).toString(), "end", ahead(3).toString(), "note", "x".repeat(501)))
				.as(host)
				.send(), 400, "note");
		}

		@Test
		void anotherHostMayNotBlock() {
			String property = newListing();

			assertThat(block(otherHost, property, ahead(1), ahead(3)).status()).isEqualTo(403);
			assertThat(spans(property, ahead(0), ahead(10))).isEmpty();
		}

		@Test
		void aGuestMayNotBlock() {
			String property = newListing();

			assertThat(block(guest, property, ahead(1), ahead(3)).status()).isEqualTo(403);
			assertThat(spans(property, ahead(0), ahead(10))).isEmpty();
		}

		@Test
		void anAnonymousCallerMayNotBlock() {
			String property = newListing();

			assertThat(block(null, property, ahead(1), ahead(3)).status()).isEqualTo(401);
			assertThat(spans(property, ahead(0), ahead(10))).isEmpty();
		}

		@Test
		void anUnknownListingCannotBeBlocked() {
			assertThat(block(host, UUID.randomUUID().toString(), ahead(1), ahead(3)).status()).isEqualTo(404);
		}

		@Test
		void aDeletedListingCannotBeBlocked() {
			String property = newListing();
			assertThat(api.delete("/api/v1/properties/" + property).as(host).send().status()).isEqualTo(204);

			assertThat(block(host, property, ahead(1), ahead(3)).status()).isEqualTo(404);
			assertThat(api.get(availability(property)).send().status()).isEqualTo(404);
		}
	}

	@Nested
	class Unblocking {

		@Test
		void theOwnerReopensDates() {
			String property = newListing();
			String block = listings.block(host, property, ahead(1), ahead(4)).path("id").asString();
			listings.block(host, property, ahead(6), ahead(8));

			Api.Response response = api.delete(blocks(property) + "/" + block).as(host).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(204);
			assertThat(spans(property, ahead(0), ahead(10))).containsExactly(ahead(6) + "/" + ahead(8) + "/blocked");
			// and the dates can be closed again
			assertThat(block(host, property, ahead(1), ahead(4)).status()).isEqualTo(201);
		}

		@Test
		void anUnknownBlockIs404() {
			String property = newListing();

			assertThat(api.delete(blocks(property) + "/" + UUID.randomUUID()).as(host).send().status()).isEqualTo(404);
		}

		@Test
		void aBlockOfAnotherListingIs404() {
			String property = newListing();
			String other = newListing();
			String block = listings.block(host, other, ahead(1), ahead(4)).path("id").asString();

			assertThat(api.delete(blocks(property) + "/" + block).as(host).send().status()).isEqualTo(404);
			assertThat(spans(other, ahead(0), ahead(10))).hasSize(1);
		}

		@Test
		void aBlockDeletedTwiceIs404TheSecondTime() {
			String property = newListing();
			String block = listings.block(host, property, ahead(1), ahead(4)).path("id").asString();

			assertThat(api.delete(blocks(property) + "/" + block).as(host).send().status()).isEqualTo(204);
			assertThat(api.delete(blocks(property) + "/" + block).as(host).send().status()).isEqualTo(404);
		}

		@Test
		void aBookingIsNotRemovedThisWay() {
			String property = newListing();
			book(property, ahead(1), ahead(4));
			UUID booked = jdbc.queryForObject("select id from property_blocks where property_id = ?", UUID.class,
					UUID.fromString(property));

			assertThat(api.delete(blocks(property) + "/" + booked).as(host).send().status()).isEqualTo(404);
			assertThat(spans(property, ahead(0), ahead(10))).containsExactly(ahead(1) + "/" + ahead(4) + "/booked");
		}

		@Test
		void onlyTheOwnerMayReopenDates() {
			String property = newListing();
			String block = listings.block(host, property, ahead(1), ahead(4)).path("id").asString();
			String path = blocks(property) + "/" + block;

			assertThat(api.delete(path).as(otherHost).send().status()).isEqualTo(403);
			assertThat(api.delete(path).as(guest).send().status()).isEqualTo(403);
			assertThat(api.delete(path).send().status()).isEqualTo(401);
			assertThat(spans(property, ahead(0), ahead(10))).hasSize(1);
		}
	}

	@Nested
	class Availability {

		@Test
		void theWindowDefaultsToNinetyDaysFromTodayInTheListingsTimeZone() {
			// 10:30 UTC: already tomorrow on Kiritimati (UTC+14), still yesterday in Pago Pago (UTC-11)
			LocalDate utcToday = LocalDate.now(ZoneOffset.UTC);
			Instant now = utcToday.atTime(LocalTime.of(10, 30)).toInstant(ZoneOffset.UTC);
			String utc = newListing();
			String kiritimati = Listings.id(listings.create(host, Map.of("timezone", "Pacific/Kiritimati")));
			String pagoPago = Listings.id(listings.create(host, Map.of("timezone", "Pacific/Pago_Pago")));
			clock.fixAt(now);

			for (String property : List.of(utc, kiritimati, pagoPago)) {
				String zone = api.get("/api/v1/properties/" + property).send().body().path("timezone").asString();
				LocalDate today = LocalDate.ofInstant(now, ZoneId.of(zone));
				JsonNode availability = api.get(availability(property)).send().body();
				assertThat(availability.path("from").asString()).as(zone).isEqualTo(today.toString());
				assertThat(availability.path("to").asString()).as(zone).isEqualTo(today.plusDays(90).toString());
			}
			assertThat(LocalDate.ofInstant(now, ZoneId.of("Pacific/Kiritimati"))).isEqualTo(utcToday.plusDays(1));
			assertThat(LocalDate.ofInstant(now, ZoneId.of("Pacific/Pago_Pago"))).isEqualTo(utcToday.minusDays(1));
		}

		@Test
		void onlyFromGivenMeansNinetyDaysFromThere() {
			String property = newListing();

			JsonNode availability = api.get(availability(property) + "?from=" + ahead(0)).send().body();

			assertThat(availability.path("from").asString()).isEqualTo(ahead(0).toString());
			assertThat(availability.path("to").asString()).isEqualTo(ahead(90).toString());
		}

		@Test
		void theWindowHoldsSpansThatOverlapIt() {
			String property = newListing();
			listings.block(host, property, ahead(1), ahead(4));
			listings.block(host, property, ahead(9), ahead(12));
			listings.block(host, property, ahead(20), ahead(22));

			assertThat(spans(property, ahead(3), ahead(10))).containsExactly(ahead(1) + "/" + ahead(4) + "/blocked",
					ahead(9) + "/" + ahead(12) + "/blocked");
			// end is exclusive: a window ending where a span starts, or starting where one ends, holds it not
			assertThat(spans(property, ahead(4), ahead(9))).isEmpty();
		}

		@Test
		void fromMustBeBeforeTo() {
			String property = newListing();

			assertFieldError(api.get(availability(property) + "?from=" + ahead(5) + "&to=" + ahead(5)).send(), 400,
					"to");
			assertFieldError(api.get(availability(property) + "?from=" + ahead(5) + "&to=" + ahead(4)).send(), 400,
					"to");
		}

		@Test
		void theWindowIsAtMost366Days() {
			String property = newListing();

			assertFieldError(api.get(availability(property) + "?from=" + ahead(0) + "&to=" + ahead(367)).send(), 400,
					"to");
			assertThat(api.get(availability(property) + "?from=" + ahead(0) + "&to=" + ahead(366)).send().status())
				.isEqualTo(200);
		}

		@Test
		void datesMustBeIsoDates() {
			String property = newListing();

			assertFieldError(api.get(availability(property) + "?from=tomorrow").send(), 400, "from");
			assertFieldError(api.get(availability(property) + "?to=2027-02-30").send(), 400, "to");
		}

		@Test
		void anUnknownListingIs404() {
			Api.Response response = api.get(availability(UUID.randomUUID().toString())).send();

			assertThat(response.status()).as(response.toString()).isEqualTo(404);
		}
	}

	@Nested
	class ExclusionConstraint {

		@Test
		void concurrentOverlappingBlocksLeaveExactlyOne() throws Exception {
			String property = newListing();
			int requests = 12;
			List<Integer> statuses = race(requests,
					i -> block(host, property, ahead(10 + i), ahead(10 + i + requests)).status());

			assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
			assertThat(statuses).filteredOn(status -> status == 409).hasSize(requests - 1);
			assertThat(spans(property, ahead(0), ahead(60))).hasSize(1);
		}

		@Test
		void concurrentIdenticalBlocksLeaveExactlyOne() throws Exception {
			String property = newListing();
			List<Integer> statuses = race(10, i -> block(host, property, ahead(30), ahead(35)).status());

			assertThat(statuses).containsOnly(201, 409);
			assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
			assertThat(spans(property, ahead(0), ahead(60))).hasSize(1);
		}

		@Test
		void concurrentBackToBackBlocksAreAllAccepted() throws Exception {
			String property = newListing();
			List<Integer> statuses = race(10, i -> block(host, property, ahead(2 * i), ahead(2 * i + 2)).status());

			assertThat(statuses).containsOnly(201);
			assertThat(spans(property, ahead(0), ahead(60))).hasSize(10);
		}

		@Test
		void theDatabaseRefusesOverlappingSpansWhateverTheirKind() {
			String property = newListing();
			UUID id = UUID.fromString(property);
			insertBlock(id, ahead(10), ahead(15));

			assertExclusionViolation(() -> insertBlock(id, ahead(14), ahead(16)));
			assertExclusionViolation(() -> book(property, ahead(12), ahead(13)));
			book(property, ahead(15), ahead(18));
			assertExclusionViolation(() -> insertBlock(id, ahead(17), ahead(19)));
			insertBlock(id, ahead(18), ahead(19));
		}

		@Test
		void concurrentInsertsStraightIntoTheDatabaseLeaveExactlyOne() throws Exception {
			String property = newListing();
			UUID id = UUID.fromString(property);

			List<Integer> outcomes = race(12, i -> {
				try {
					insertBlock(id, ahead(40 + i), ahead(52 + i));
					return 1;
				}
				catch (DataIntegrityViolationException ex) {
					assertThat(SqlStates.violates(ex, Calendar.NO_OVERLAP)).isTrue();
					return 0;
				}
			});

			assertThat(outcomes).filteredOn(outcome -> outcome == 1).hasSize(1);
		}

		private void insertBlock(UUID property, LocalDate start, LocalDate end) {
			jdbc.update("""
					insert into property_blocks (id, property_id, start_date, end_date, reason, created_at)
					values (?, ?, ?, ?, 'blocked', ?)""", UUID.randomUUID(), property, start, end,
					Timestamp.from(Instant.now()));
		}

		private void assertExclusionViolation(Runnable insert) {
			assertThatThrownBy(insert::run).isInstanceOf(DataIntegrityViolationException.class)
				.satisfies(ex -> assertThat(SqlStates.of(ex)).isEqualTo(SqlStates.EXCLUSION_VIOLATION))
				.satisfies(ex -> assertThat(SqlStates.violates(ex, Calendar.NO_OVERLAP)).isTrue());
		}

		interface Attempt {

			int run(int index) throws Exception;
		}

		/** Runs {@code attempts} at once, released together by a latch, and returns what each gave. */
		private List<Integer> race(int attempts, Attempt attempt) throws Exception {
			ExecutorService executor = Executors.newFixedThreadPool(attempts);
			try {
				CountDownLatch ready = new CountDownLatch(attempts);
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> futures = new ArrayList<>();
				for (int i = 0; i < attempts; i++) {
					int index = i;
					Callable<Integer> task = () -> {
						ready.countDown();
						go.await();
						return attempt.run(index);
					};
					futures.add(executor.submit(task));
				}
				assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
				go.countDown();
				List<Integer> results = new ArrayList<>();
				for (Future<Integer> future : futures) {
					results.add(future.get(60, TimeUnit.SECONDS));
				}
				return results;
			}
			finally {
				executor.shutdownNow();
			}
		}
	}
}
