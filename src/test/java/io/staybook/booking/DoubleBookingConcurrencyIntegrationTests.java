package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No double booking, however many requests race: PostgreSQL's exclusion constraint decides, and a refused request is a
 * 409 {@code dates_unavailable}, never a 5xx. Requests are released together by a latch from one thread each.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleBookingConcurrencyIntegrationTests {

	private static final int GUESTS = 60;

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

	List<TestUser> guests;

	@BeforeAll
	void guests() throws Exception {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<TestUser>> made = new ArrayList<>();
			for (int i = 0; i < GUESTS; i++) {
				made.add(pool.submit(accounts::guest));
			}
			guests = new ArrayList<>();
			for (Future<TestUser> guest : made) {
				guests.add(guest.get(2, TimeUnit.MINUTES));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void ofManyGuestsBookingTheSameDatesAtOnceExactlyOneSucceeds() throws Exception {
		Listing listing = fixtures.listing();
		LocalDate in = fixtures.today(listing).plusDays(20);

		List<Response> responses = race(guest -> request(listing.id(), in, in.plusDays(3), 2));

		assertThat(responses).hasSize(GUESTS);
		assertThat(responses).filteredOn(r -> r.status() >= 500).isEmpty();
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(GUESTS - 1).allSatisfy(r -> {
			assertThat(r.status()).as(r.toString()).isEqualTo(409);
			assertThat(r.body().path("code").asString()).as(r.toString()).isEqualTo("dates_unavailable");
		});
		assertThat(jdbc.sql("""
				select count(*) from bookings
				where property_id = ? and status in ('pending_payment', 'confirmed', 'checked_in')""")
			.param(listing.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(fixtures.unavailable(listing, in, in.plusDays(3))).hasSize(1);
	}

	@Test
	void overlappingRangesRacingNeverLeaveTwoActiveBookingsOverlapping() throws Exception {
		Listing listing = fixtures.listing();
		LocalDate start = fixtures.today(listing).plusDays(20);
		Random random = new Random(20261121);
		Map<TestUser, LocalDate[]> stays = new java.util.HashMap<>();
		for (TestUser guest : guests) {
			LocalDate in = start.plusDays(random.nextInt(30));
			stays.put(guest, new LocalDate[] { in, in.plusDays(1 + random.nextInt(5)) });
		}

		List<Response> responses = race(guest -> request(listing.id(), stays.get(guest)[0], stays.get(guest)[1], 1));

		assertThat(responses).allSatisfy(r -> {
			assertThat(r.status()).as(r.toString()).isIn(201, 409);
			if (r.status() == 409) {
				assertThat(r.body().path("code").asString()).as(r.toString()).isEqualTo("dates_unavailable");
			}
		});
		long created = responses.stream().filter(r -> r.status() == 201).count();
		assertThat(created).isPositive();
		assertThat(jdbc.sql("""
				select count(*) from bookings a join bookings b
				  on a.property_id = b.property_id and a.id < b.id
				 and daterange(a.check_in, a.check_out) && daterange(b.check_in, b.check_out)
				where a.property_id = ?
				  and a.status in ('pending_payment', 'confirmed', 'checked_in')
				  and b.status in ('pending_payment', 'confirmed', 'checked_in')""")
			.param(listing.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from bookings where property_id = ?")
			.param(listing.id())
			.query(Long.class)
			.single()).isEqualTo(created);
		// the calendar holds exactly the nights of the bookings that were made
		assertThat(jdbc.sql("select count(*) from property_blocks where property_id = ? and reason = 'booked'")
			.param(listing.id())
			.query(Long.class)
			.single()).isEqualTo(created);
	}

	/** Every guest sends one request; all are released at the same instant, each from its own thread. */
	private List<Response> race(Function<TestUser, Map<String, Object>> body) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(guests.size());
		try {
			CountDownLatch ready = new CountDownLatch(guests.size());
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Response>> futures = new ArrayList<>();
			for (TestUser guest : guests) {
				Api.Call call = api.post("/api/v1/bookings", body.apply(guest)).as(guest);
				futures.add(pool.submit((Callable<Response>) () -> {
					ready.countDown();
					go.await();
					return call.send();
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : futures) {
				responses.add(future.get(2, TimeUnit.MINUTES));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
