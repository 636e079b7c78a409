package io.staybook.graphql;

import io.staybook.booking.BookingService;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every test of GraphQL operations needs: a tester per role over real HTTP, accounts, and {@link Trips} for
 * listings, bookings and stays; the clock is put back after each test.
 */
abstract class GraphQlOperationTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	GraphQlTesters graphQl;

	Trips trips;

	@BeforeEach
	void setUpTesters() {
		graphQl = new GraphQlTesters(port);
		trips = new Trips(api, accounts, listings, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}
}
