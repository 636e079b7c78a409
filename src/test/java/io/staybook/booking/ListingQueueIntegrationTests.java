package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.property.ListingQueue;
import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A burst of new bookings, date changes or photo uploads on one listing waits its turn without holding the pool
 * ({@link ListingQueue}): while the listing's row is locked (a slow write, here an outside transaction), more requests
 * for it than the pool has connections are in flight, and a booking of another listing, over REST and over GraphQL,
 * is still answered at once. Before the queue every waiter held a connection while it waited for the row lock, and
 * the other listings' bookings waited for a connection until the pool's 2 s bound and got 503.
 */
@IntegrationTest
class ListingQueueIntegrationTests {

	/** More than the pool's 10 connections. */
	private static final int BURST = 14;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	DataSource dataSource;

	@Autowired
	ListingQueue queue;

	@Test
	void aBurstOfBookingsOnOneListingLeavesThePoolToOtherListings() throws Exception {
		TestUser guest = accounts.guest();
		burstLeavesThePool(201, (hot, start) -> {
			List<Callable<Response>> burst = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				LocalDate in = start.plusDays(3L * i);
				burst.add(api.post("/api/v1/bookings", request(hot.id(), in, in.plusDays(2), 1)).as(guest)::send);
			}
			return burst;
		});
	}

	@Test
	void aBurstOfPhotoUploadsOnOneListingLeavesThePoolToOtherListings() throws Exception {
		burstLeavesThePool(201, (hot, start) -> {
			List<Callable<Response>> burst = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				int index = i;
				burst.add(() -> Uploads.upload(api, hot.host(), hot.id().toString(),
						TestImages.jpeg(400, 300, index), "image/jpeg", null));
			}
			return burst;
		});
	}

	@Test
	void aBurstOfDateChangesOnOneListingLeavesThePoolToOtherListings() throws Exception {
		TestUser guest = accounts.guest();
		burstLeavesThePool(200, (hot, start) -> {
			List<Callable<Response>> burst = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				LocalDate in = start.plusDays(3L * i);
				Response held = api.post("/api/v1/bookings", request(hot.id(), in, in.plusDays(2), 1)).as(guest).send();
				assertThat(held.status()).as(held.toString()).isEqualTo(201);
				// one more night: priced again on the listing's locked row (BookingService#update)
				burst.add(api.patch("/api/v1/bookings/" + held.body().path("id").asString(),
						Map.of("check_out", in.plusDays(3).toString())).as(guest)::send);
			}
			return burst;
		});
	}

	/**
	 * Sends the requests {@code burst} makes for the hot listing (dates from {@code start}; made before its row is
	 * locked) while the row is locked from outside, books two other listings meanwhile, and expects every request of
	 * the burst to end with {@code status} once the lock goes.
	 */
	private void burstLeavesThePool(int status, BiFunction<Listing, LocalDate, List<Callable<Response>>> burst)
			throws Exception {
		BookingFixtures fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		Listing hot = fixtures.listing();
		Listing other = fixtures.listing();
		Listing third = fixtures.listing();
		TestUser guest = accounts.guest();
		LocalDate start = fixtures.today(hot).plusDays(30);
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		List<Callable<Response>> requests = burst.apply(hot, start);
		ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<Response>> sent = new ArrayList<>();
		try (Connection outside = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
				pool.getPassword())) {
			outside.setAutoCommit(false);
			try (PreparedStatement lock = outside.prepareStatement("select 1 from properties where id = ? for update")) {
				lock.setObject(1, hot.id());
				lock.executeQuery().close();
			}
			for (Callable<Response> request : requests) {
				sent.add(clients.submit(request));
			}
			// the burst has reached the service: one request holds a connection, waiting for the row lock; the others
			// wait their turn in the queue (without the queue they hold the pool, and some give up on it with 503s,
			// so this is not asserted: the other listings' bookings below are the test)
			waitFor(() -> pool.getHikariPoolMXBean().getActiveConnections() >= 1
					&& queue.requests(hot.id()) == BURST, Duration.ofSeconds(5));

			long began = System.nanoTime();
			Response elsewhere = api.post("/api/v1/bookings", request(other.id(), start, start.plusDays(2), 1))
				.as(guest)
				.send();
			Response overGraphQl = api.post("/graphql", Map.of("query", """
					mutation($input: CreateBookingInput!) { createBooking(input: $input) { id status } }""", "variables",
					Map.of("input", Map.of("propertyId", third.id().toString(), "checkIn",
							start.plusDays(60).toString(), "checkOut", start.plusDays(62).toString(), "guests", 1))))
				.as(guest)
				.send();
			Duration took = Duration.ofNanos(System.nanoTime() - began);

			assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
			assertThat(overGraphQl.status()).as(overGraphQl.toString()).isEqualTo(200);
			assertThat(overGraphQl.body().path("errors").isMissingNode()).as(overGraphQl.toString()).isTrue();
			assertThat(overGraphQl.body().path("data").path("createBooking").path("status").asString())
				.isEqualTo("PENDING_PAYMENT");
			assertThat(took).as("the other listings' bookings did not wait for a connection").isLessThan(
					Duration.ofMillis(1500));
			assertThat(pool.getHikariPoolMXBean().getActiveConnections())
				.as("the burst holds one connection, not the pool")
				.isLessThanOrEqualTo(2);
			outside.rollback();
		}
		finally {
			clients.shutdown();
		}
		for (Future<Response> request : sent) {
			Response response = request.get(30, TimeUnit.SECONDS);
			assertThat(response.status()).as(response.toString()).isEqualTo(status);
		}
		assertThat(waitFor(() -> queue.size() == 0, Duration.ofSeconds(10))).as("the queue is empty again").isTrue();
	}

	/** Whether {@code condition} held within {@code most}. */
	private static boolean waitFor(BooleanSupplier condition, Duration most) throws InterruptedException {
		long deadline = System.nanoTime() + most.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

}
