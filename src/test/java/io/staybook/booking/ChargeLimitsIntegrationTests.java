package io.staybook.booking;

import static io.staybook.booking.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stay whose total no card payment can take (Stripe's minimum and maximum charge amounts, {@code ChargeLimits}) is
 * refused up front, by the quote, the booking and a date change alike, with a 400 on {@code check_out} that names the
 * limit: before, it was booked, held the dates, and its charge failed at the provider ({@code amount_too_small}).
 */
@IntegrationTest
class ChargeLimitsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	BookingFixtures fixtures;

	TestUser guest;

	@BeforeEach
	void setUp() {
		fixtures = new BookingFixtures(api, accounts, bookingService, clock);
		guest = accounts.guest();
	}

	/** 20 JPY a night, no cleaning fee: one night is 22 JPY with the service fee, under Stripe's 50 JPY. */
	@Test
	void aTotalBelowTheSmallestCardPaymentIsRefusedByTheQuoteAndTheBooking() {
		Listing listing = fixtures.listing(BookingFixtures.spec().price("20").cleaningFee("0").with("currency", "JPY"));
		LocalDate checkIn = fixtures.today(listing).plusDays(10);

		Response quote = quote(listing, checkIn, checkIn.plusDays(1));
		assertInvalid(quote, "check_out");
		assertThat(quote.text()).contains("22 JPY").contains("50 JPY");
		assertInvalid(fixtures.tryBook(guest, listing, checkIn, checkIn.plusDays(1)), "check_out");
		assertThat(bookings(listing)).isZero();

		// three nights (66 JPY) can be paid
		assertThat(quote(listing, checkIn, checkIn.plusDays(3)).status()).isEqualTo(200);
		Response booked = fixtures.tryBook(guest, listing, checkIn, checkIn.plusDays(3));
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

		Response shortened = api.patch("/api/v1/bookings/" + BookingFixtures.id(booked.body()),
				Map.of("check_out", checkIn.plusDays(1).toString())).as(guest).send();
		assertInvalid(shortened, "check_out");
	}

	/** GBP's minimum is 0.30: 0.25 a night with its fee (0.28) is refused, two nights (0.55) are not. */
	@Test
	void eachCurrencyHasItsOwnMinimum() {
		Listing listing = fixtures.listing(BookingFixtures.spec().price("0.25").cleaningFee("0.00")
			.with("currency", "GBP"));
		LocalDate checkIn = fixtures.today(listing).plusDays(10);

		assertInvalid(quote(listing, checkIn, checkIn.plusDays(1)), "check_out");
		assertThat(quote(listing, checkIn, checkIn.plusDays(2)).status()).isEqualTo(200);
	}

	/** Stripe takes at most 99,999,999 minor units: 999,999.99 USD. Five nights at 200,000.00 are 1,100,000.00. */
	@Test
	void aTotalAboveTheLargestCardPaymentIsRefused() {
		Listing listing = fixtures.listing(BookingFixtures.spec().price("200000.00").cleaningFee("0.00"));
		LocalDate checkIn = fixtures.today(listing).plusDays(10);

		Response quote = quote(listing, checkIn, checkIn.plusDays(5));
		assertInvalid(quote, "check_out");
		assertThat(quote.text()).contains("999999.99 USD");
		assertInvalid(fixtures.tryBook(guest, listing, checkIn, checkIn.plusDays(5)), "check_out");
		assertThat(quote(listing, checkIn, checkIn.plusDays(4)).status()).isEqualTo(200);
	}

	private Response quote(Listing listing, LocalDate checkIn, LocalDate checkOut) {
		return api.get("/api/v1/properties/" + listing.id() + "/quote?check_in=" + checkIn + "&check_out=" + checkOut
				+ "&guests=1").send();
	}

	private int bookings(Listing listing) {
		return api.get("/api/v1/bookings?as=host").as(listing.host()).send().body().path("results").size();
	}
}
