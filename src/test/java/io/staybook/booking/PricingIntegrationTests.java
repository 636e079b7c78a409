package io.staybook.booking;

import static io.staybook.booking.BookingFixtures.request;
import static io.staybook.booking.BookingFixtures.spec;
import static io.staybook.booking.ProblemAssertions.assertInvalid;
import static io.staybook.booking.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.BookingFixtures.Listing;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Pricing rules and quotes over real HTTP (README, "Pricing rules and quotes"): the listing's rules, the calendar, the
 * per-date prices, the quote, and that a booking and a date change cost what the quote said, and refunds after a
 * discount. The clock stands on Monday 2027-01-04, so that the stays below cross a weekend and a month's end.
 */
@IntegrationTest
class PricingIntegrationTests {

	private static final Instant MONDAY = Instant.parse("2027-01-04T12:00:00Z");

	/** Thursday: its stay of 4 nights has a Friday and a Saturday night and ends in February. */
	private static final LocalDate THURSDAY = LocalDate.of(2027, 1, 28);

	private static final LocalDate FEB_1 = LocalDate.of(2027, 2, 1);

	private static final String[] PARTS = { "nightly_subtotal", "discount", "extra_guest_fees", "cleaning_fee",
			"service_fee", "total_price", "currency" };

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
		clock.fixAt(MONDAY);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** 100.00 a night, 150.00 on Friday and Saturday nights, cleaning 20.00, USD, 10 % weekly, 20 % monthly. */
	private Listing listing(Map<String, Object> more) {
		Map<String, Object> rules = new HashMap<>(Map.of("weekend_price", "150.00", "weekly_discount_percent", 10,
				"monthly_discount_percent", 20, "max_nights", 60));
		rules.putAll(more);
		BookingFixtures.Spec spec = spec();
		return fixtures.listing(withAll(spec, rules));
	}

	private static BookingFixtures.Spec withAll(BookingFixtures.Spec spec, Map<String, Object> fields) {
		fields.forEach(spec::with);
		return spec;
	}

	private Response quote(Listing listing, LocalDate checkIn, LocalDate checkOut, int guests) {
		return api.get("/api/v1/properties/" + listing.id() + "/quote?check_in=" + checkIn + "&check_out=" + checkOut
				+ "&guests=" + guests).send();
	}

	private JsonNode quoted(Listing listing, LocalDate checkIn, LocalDate checkOut, int guests) {
		Response response = quote(listing, checkIn, checkOut, guests);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private Response setPrices(TestUser as, Listing listing, LocalDate from, LocalDate to, String price) {
		Map<String, Object> body = new HashMap<>();
		body.put("from", from.toString());
		body.put("to", to.toString());
		body.put("price_per_night", price);
		return api.put("/api/v1/properties/" + listing.id() + "/prices", body).as(as).send();
	}

	private JsonNode calendar(Listing listing, LocalDate from, LocalDate to) {
		Response response = api.get("/api/v1/properties/" + listing.id() + "/calendar?from=" + from + "&to=" + to)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static List<String> prices(JsonNode days) {
		return days.path("days").values().stream().map(day -> day.path("price").asString()).toList();
	}

	private static void assertSamePrice(JsonNode quote, JsonNode booking) {
		for (String part : PARTS) {
			assertThat(booking.path(part).asString()).as(part).isEqualTo(quote.path(part).asString());
		}
	}

	// the listing's rules

	@Test
	void aListingShowsItsRulesWithTheirDefaultsInDetailAndSearch() {
		Listing plain = fixtures.listing(spec().maxGuests(3));
		JsonNode detail = api.get("/api/v1/properties/" + plain.id()).send().body();

		assertThat(detail.path("weekend_price").isNull()).as(detail.toString()).isTrue();
		assertThat(detail.path("weekly_discount_percent").asInt()).isZero();
		assertThat(detail.path("monthly_discount_percent").asInt()).isZero();
		assertThat(detail.path("guests_included").asInt()).isEqualTo(3);
		assertThat(detail.path("extra_guest_fee").asString()).isEqualTo("0.00");

		Listing priced = listing(Map.of("guests_included", 2, "extra_guest_fee", "15.00"));
		JsonNode found = api.get("/api/v1/properties?host_id=" + priced.host().id()).send().body().path("results").get(0);
		assertThat(found.path("weekend_price").asString()).isEqualTo("150.00");
		assertThat(found.path("weekly_discount_percent").asInt()).isEqualTo(10);
		assertThat(found.path("monthly_discount_percent").asInt()).isEqualTo(20);
		assertThat(found.path("guests_included").asInt()).isEqualTo(2);
		assertThat(found.path("extra_guest_fee").asString()).isEqualTo("15.00");
	}

	@Test
	void badRulesAre400sThatChangeNothing() {
		TestUser host = accounts.host();
		assertInvalid(post(host, Map.of("weekly_discount_percent", 91)), "weekly_discount_percent");
		assertInvalid(post(host, Map.of("monthly_discount_percent", -1)), "monthly_discount_percent");
		assertInvalid(post(host, Map.of("max_guests", 2, "guests_included", 3)), "guests_included");
		assertInvalid(post(host, Map.of("extra_guest_fee", "-1.00")), "extra_guest_fee");
		assertInvalid(post(host, Map.of("currency", "JPY", "price_per_night", "10000", "weekend_price", "12000.50")),
				"weekend_price");
		assertInvalid(post(host, Map.of("weekend_price", "cheap")), "weekend_price");
		assertInvalid(post(host, Map.of("max_nights", 365, "weekend_price", "9999999999.00")), "weekend_price");
		assertThat(api.get("/api/v1/properties?host_id=" + host.id()).send().body().path("results").size()).isZero();
	}

	private Response post(TestUser host, Map<String, Object> overrides) {
		Map<String, Object> body = io.staybook.test.Listings.body(overrides);
		return api.post("/api/v1/properties", body).as(host).send();
	}

	@Test
	void aChangeOfRulesMovesTheETagAndGuestsIncludedFollowsMaxGuests() {
		Listing listing = fixtures.listing(spec().maxGuests(4));
		String path = "/api/v1/properties/" + listing.id();
		String etag = api.get(path).send().header("ETag");

		JsonNode changed = api.patch(path, Map.of("max_guests", 6, "weekend_price", "180.00")).as(listing.host()).send().body();
		assertThat(changed.path("guests_included").asInt()).as("all guests were included, and still are").isEqualTo(6);
		assertThat(changed.path("weekend_price").asString()).isEqualTo("180.00");
		Response again = api.get(path).send();
		assertThat(again.header("ETag")).isNotEqualTo(etag);
		assertThat(again.body().path("weekend_price").asString()).isEqualTo("180.00");

		api.patch(path, Map.of("guests_included", 2)).as(listing.host()).send();
		JsonNode fewer = api.patch(path, Map.of("max_guests", 5)).as(listing.host()).send().body();
		assertThat(fewer.path("guests_included").asInt()).as("fewer were included: kept").isEqualTo(2);
		JsonNode lowered = api.patch(path, Map.of("max_guests", 1)).as(listing.host()).send().body();
		assertThat(lowered.path("guests_included").asInt()).as("lowered with max_guests").isEqualTo(1);

		Map<String, Object> clear = new HashMap<>();
		clear.put("weekend_price", null);
		JsonNode cleared = api.patch(path, clear).as(listing.host()).send().body();
		assertThat(cleared.path("weekend_price").isNull()).as(cleared.toString()).isTrue();
		assertInvalid(api.patch(path, Map.of("guests_included", 2)).as(listing.host()).send(), "guests_included");
	}

	// quotes

	@Test
	void aQuoteAcrossAWeekendAndTheMonthsEndPricesEachNight() {
		Listing listing = listing(Map.of());

		JsonNode quote = quoted(listing, THURSDAY, FEB_1, 2);

		assertThat(quote.path("nights").values().stream().map(n -> n.path("date").asString() + "=" + n.path("price").asString()))
			.containsExactly("2027-01-28=100.00", "2027-01-29=150.00", "2027-01-30=150.00", "2027-01-31=100.00");
		assertThat(quote.path("nightly_subtotal").asString()).isEqualTo("500.00");
		assertThat(quote.path("discount").asString()).isEqualTo("0.00");
		assertThat(quote.path("extra_guest_fees").asString()).isEqualTo("0.00");
		assertThat(quote.path("cleaning_fee").asString()).isEqualTo("20.00");
		assertThat(quote.path("service_fee").asString()).isEqualTo("50.00");
		assertThat(quote.path("total_price").asString()).isEqualTo("570.00");
		assertThat(quote.path("currency").asString()).isEqualTo("USD");
	}

	@Test
	void sevenNightsGetTheWeeklyDiscountAnd28TheMonthlyOneInstead() {
		Listing listing = listing(Map.of());
		LocalDate monday = LocalDate.of(2027, 1, 25);

		JsonNode six = quoted(listing, monday, monday.plusDays(6), 1);
		JsonNode seven = quoted(listing, monday, monday.plusDays(7), 1);
		JsonNode month = quoted(listing, monday, monday.plusDays(28), 1);

		assertThat(six.path("discount").asString()).isEqualTo("0.00");
		// a week: 5 × 100 + 2 × 150 = 800, 10 % off
		assertThat(seven.path("nightly_subtotal").asString()).isEqualTo("800.00");
		assertThat(seven.path("discount").asString()).isEqualTo("80.00");
		assertThat(seven.path("service_fee").asString()).isEqualTo("72.00");
		assertThat(seven.path("total_price").asString()).isEqualTo("812.00");
		// four weeks: 3200, 20 % off (not 10 %)
		assertThat(month.path("nightly_subtotal").asString()).isEqualTo("3200.00");
		assertThat(month.path("discount").asString()).isEqualTo("640.00");
		assertThat(month.path("total_price").asString()).isEqualTo("2836.00");

		Listing weeklyOnly = listing(Map.of("monthly_discount_percent", 0));
		assertThat(quoted(weeklyOnly, monday, monday.plusDays(28), 1).path("discount").asString())
			.as("without a monthly discount the weekly one applies")
			.isEqualTo("320.00");
	}

	@Test
	void guestsAboveThoseIncludedPayTheExtraGuestFeeEachNight() {
		Listing listing = listing(Map.of("guests_included", 2, "extra_guest_fee", "15.00", "max_guests", 4));
		LocalDate monday = LocalDate.of(2027, 1, 25);

		JsonNode two = quoted(listing, monday, monday.plusDays(3), 2);
		JsonNode four = quoted(listing, monday, monday.plusDays(3), 4);

		assertThat(two.path("extra_guest_fees").asString()).isEqualTo("0.00");
		assertThat(four.path("extra_guest_fees").asString()).isEqualTo("90.00");
		// (300 + 90) × 10 % service fee
		assertThat(four.path("service_fee").asString()).isEqualTo("39.00");
		assertThat(four.path("total_price").asString()).isEqualTo("449.00");
	}

	/**
	 * The booking horizon (730 days: no check-in later) held for bookings and quotes only: a host could close dates
	 * (POST /blocks) and price them (PUT /prices) years past it, writing a calendar no guest can book. A real platform
	 * has one availability window for the whole calendar (Airbnb's "how far in advance guests can book", at most 24
	 * months); every write of the calendar now starts within the same horizon, and the last day of it is accepted.
	 */
	@Test
	void everyWriteOfTheCalendarStartsWithinTheBookingHorizon() {
		Listing listing = fixtures.listing(spec().nights(1, 10));
		LocalDate today = fixtures.today(listing);
		LocalDate last = today.plusDays(730);

		assertInvalid(setPrices(listing.host(), listing, last.plusDays(1), last.plusDays(3), "120.00"), "from");
		assertInvalid(api.post("/api/v1/properties/" + listing.id() + "/blocks",
				Map.of("start", last.plusDays(1).toString(), "end", last.plusDays(3).toString()))
			.as(listing.host())
			.send(), "start");
		assertInvalid(quote(listing, last.plusDays(1), last.plusDays(3), 1), "check_in");
		assertThat(fixtures.unavailable(listing, last, last.plusDays(3))).isEmpty();

		assertThat(setPrices(listing.host(), listing, last, last.plusDays(2), "120.00").status()).isEqualTo(200);
		assertThat(quote(listing, last, last.plusDays(2), 1).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/properties/" + listing.id() + "/blocks",
				Map.of("start", last.toString(), "end", last.plusDays(2).toString()))
			.as(listing.host())
			.send()
			.status()).isEqualTo(201);
	}

	@Test
	void aQuoteAnswersTheSame400sAsABooking() {
		Listing listing = fixtures.listing(spec().nights(2, 10).maxGuests(3));
		LocalDate today = fixtures.today(listing);

		assertInvalid(quote(listing, today.minusDays(1), today.plusDays(2), 1), "check_in");
		assertInvalid(quote(listing, today.plusDays(3), today.plusDays(3), 1), "check_out");
		assertInvalid(quote(listing, today.plusDays(3), today.plusDays(4), 1), "check_out");
		assertInvalid(quote(listing, today.plusDays(3), today.plusDays(14), 1), "check_out");
		assertInvalid(quote(listing, today.plusDays(3), today.plusDays(5), 4), "guests");
		assertInvalid(quote(listing, today.plusDays(3), today.plusDays(5), 0), "guests");
		assertInvalid(quote(listing, today.plusDays(800), today.plusDays(802), 1), "check_in");
		assertProblem(api.get("/api/v1/properties/" + UUID.randomUUID() + "/quote?check_in=" + today.plusDays(3)
				+ "&check_out=" + today.plusDays(5)).send(), 404, "not_found");
		assertThat(api.get("/api/v1/properties/" + listing.id() + "/quote?check_in=" + today.plusDays(3)).send().status())
			.isEqualTo(400);
		// the same stay booked is refused the same way
		assertInvalid(api.post("/api/v1/bookings", request(listing.id(), today.plusDays(3), today.plusDays(5), 4))
			.as(guest)
			.send(), "guests");
	}

	// a booking costs what its quote said

	@Test
	void aBookingStoresExactlyItsQuoteAndADateChangeIsRepricedTheSameWay() {
		Listing listing = listing(Map.of("guests_included", 1, "extra_guest_fee", "10.00"));
		JsonNode quote = quoted(listing, THURSDAY, FEB_1, 2);

		Response booked = api.post("/api/v1/bookings", request(listing.id(), THURSDAY, FEB_1, 2)).as(guest).send();

		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		assertSamePrice(quote, booked.body());
		assertThat(booked.body().path("price_per_night").asString()).as("the base price").isEqualTo("100.00");
		String path = "/api/v1/bookings/" + booked.body().path("id").asString();
		assertSamePrice(quote, api.get(path).as(guest).send().body());

		LocalDate monday = LocalDate.of(2027, 2, 1);
		JsonNode week = quoted(listing, monday, monday.plusDays(7), 2);
		Response changed = api.patch(path, Map.of("check_in", monday.toString(), "check_out",
				monday.plusDays(7).toString())).as(guest).send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertSamePrice(week, changed.body());
		assertThat(changed.body().path("discount").asString()).isEqualTo("80.00");
	}

	@Test
	void aBookingPaysTheOverridesSetBeforeItAndKeepsItsPriceAfter() {
		Listing listing = listing(Map.of());
		assertThat(setPrices(listing.host(), listing, THURSDAY, THURSDAY.plusDays(2), "300.00").status()).isEqualTo(200);
		JsonNode quote = quoted(listing, THURSDAY, FEB_1, 1);
		assertThat(quote.path("nightly_subtotal").asString()).isEqualTo("850.00");

		JsonNode booking = fixtures.book(guest, listing, THURSDAY, FEB_1);
		assertSamePrice(quote, booking);

		setPrices(listing.host(), listing, THURSDAY, FEB_1, "500.00");
		assertSamePrice(quote, fixtures.get(guest, UUID.fromString(booking.path("id").asString())));
	}

	// per-date prices and the calendar

	@Test
	void overridesAreSetAndRemovedAndTheCalendarShowsEachNightsPrice() {
		Listing listing = listing(Map.of());
		LocalDate from = LocalDate.of(2027, 1, 27);

		assertThat(prices(calendar(listing, from, from.plusDays(5)))).containsExactly("100.00", "100.00", "150.00",
				"150.00", "100.00");

		Response set = setPrices(listing.host(), listing, from.plusDays(1), from.plusDays(3), "222.50");
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(prices(set.body())).containsExactly("222.50", "222.50");
		assertThat(prices(calendar(listing, from, from.plusDays(5)))).containsExactly("100.00", "222.50", "222.50",
				"150.00", "100.00");

		assertThat(setPrices(listing.host(), listing, from.plusDays(2), from.plusDays(10), null).status()).isEqualTo(200);
		assertThat(prices(calendar(listing, from, from.plusDays(5)))).containsExactly("100.00", "222.50", "150.00",
				"150.00", "100.00");
	}

	@Test
	void weekendNightsAreFridaysAndSaturdaysWhereTheListingIs() {
		for (String zone : List.of("Pacific/Auckland", "Pacific/Honolulu")) {
			Listing listing = listing(Map.of("timezone", zone));
			assertThat(prices(calendar(listing, THURSDAY, FEB_1))).as(zone)
				.containsExactly("100.00", "150.00", "150.00", "100.00");
			assertThat(quoted(listing, THURSDAY, FEB_1, 1).path("nightly_subtotal").asString()).isEqualTo("500.00");
		}
	}

	@Test
	void settingPricesChangesTheListingsETag() {
		Listing listing = listing(Map.of());
		String path = "/api/v1/properties/" + listing.id();
		String etag = api.get(path).send().header("ETag");

		setPrices(listing.host(), listing, THURSDAY, FEB_1, "120.00");

		assertThat(api.get(path).header("If-None-Match", etag).send().status()).isEqualTo(200);
	}

	@Test
	void onlyTheHostSetsPricesAndBadRangesAndPricesAre400s() {
		Listing listing = listing(Map.of());
		LocalDate today = fixtures.today(listing);

		assertProblem(setPrices(accounts.host(), listing, THURSDAY, FEB_1, "120.00"), 403, "not_your_listing");
		assertProblem(setPrices(accounts.admin(), listing, THURSDAY, FEB_1, "120.00"), 403, "not_your_listing");
		Map<String, Object> body = Map.of("from", THURSDAY.toString(), "to", FEB_1.toString(), "price_per_night", "1.00");
		assertThat(api.put("/api/v1/properties/" + listing.id() + "/prices", body).send().status()).isEqualTo(401);
		assertProblem(api.put("/api/v1/properties/" + UUID.randomUUID() + "/prices", body).as(listing.host()).send(),
				404, "not_found");
		assertInvalid(setPrices(listing.host(), listing, today.minusDays(1), today.plusDays(2), "120.00"), "from");
		assertInvalid(setPrices(listing.host(), listing, FEB_1, FEB_1, "120.00"), "to");
		assertInvalid(setPrices(listing.host(), listing, today, today.plusDays(367), "120.00"), "to");
		assertInvalid(setPrices(listing.host(), listing, THURSDAY, FEB_1, "0.00"), "price_per_night");
		assertInvalid(setPrices(listing.host(), listing, THURSDAY, FEB_1, "-5.00"), "price_per_night");
		assertInvalid(setPrices(listing.host(), listing, THURSDAY, FEB_1, "10.005"), "price_per_night");
		assertThat(setPrices(listing.host(), listing, today, today.plusDays(366), "120.00").status()).isEqualTo(200);

		Listing yen = fixtures.listing(spec().price("10000").cleaningFee("0").with("currency", "JPY"));
		assertInvalid(setPrices(yen.host(), yen, THURSDAY, FEB_1, "12000.50"), "price_per_night");
		assertThat(prices(calendar(listing, THURSDAY, FEB_1))).containsOnly("120.00");
	}

	@Test
	void theCalendarAgreesWithTheAvailability() {
		Listing listing = listing(Map.of());
		LocalDate today = fixtures.today(listing);
		fixtures.book(guest, listing, today.plusDays(2), today.plusDays(4));
		api.post("/api/v1/properties/" + listing.id() + "/blocks",
				Map.of("start", today.plusDays(5).toString(), "end", today.plusDays(6).toString()))
			.as(listing.host())
			.send();

		JsonNode days = calendar(listing, today.minusDays(1), today.plusDays(7));

		assertThat(days.path("days").values().stream().map(d -> d.path("available").asBoolean()))
			.containsExactly(false, true, true, false, false, true, false, true);
		assertThat(days.path("days").get(0).path("date").asString()).isEqualTo(today.minusDays(1).toString());

		// the hold's time passes: its nights are free again, whether or not the sweep has run
		clock.advance(Duration.ofMinutes(16));
		JsonNode later = calendar(listing, today, today.plusDays(5));
		assertThat(later.path("days").values().stream().map(d -> d.path("available").asBoolean()))
			.containsExactly(true, true, true, true, true);
	}

	@Test
	void theCalendarWindowIsTheAvailabilitysWindow() {
		Listing listing = listing(Map.of());
		LocalDate today = fixtures.today(listing);
		String path = "/api/v1/properties/" + listing.id() + "/calendar";

		assertThat(api.get(path).send().body().path("days").size()).isEqualTo(90);
		assertThat(api.get(path + "?from=" + today + "&to=" + today.plusDays(366)).send().body().path("days").size())
			.isEqualTo(366);
		assertInvalid(api.get(path + "?from=" + today + "&to=" + today.plusDays(367)).send(), "to");
		assertInvalid(api.get(path + "?from=" + today + "&to=" + today).send(), "to");
		assertThat(api.get(path + "?from=someday").send().status()).isEqualTo(400);
		assertProblem(api.get("/api/v1/properties/" + UUID.randomUUID() + "/calendar").send(), 404, "not_found");
	}

	// refunds by the new definitions

	@Test
	void aLateFlexibleCancellationAfterADiscountRefundsTheDiscountedNightsButTheFirst() {
		Listing listing = listing(Map.of());
		LocalDate today = fixtures.today(listing);
		// Monday 4 January to Monday 11: 800.00 a week, 10 % off; first night 100.00
		JsonNode booking = fixtures.book(guest, listing, today, today.plusDays(7));
		UUID id = UUID.fromString(booking.path("id").asString());
		bookingService.confirm(id);
		assertThat(booking.path("discount").asString()).isEqualTo("80.00");

		Response cancelled = api.post("/api/v1/bookings/" + id + "/cancel", Map.of()).as(guest).send();

		// (800 - 80 + 0) - 100 + 20 cleaning: the service fee is kept
		assertThat(cancelled.body().path("refund_amount").asString()).as(cancelled.toString()).isEqualTo("640.00");
	}

	@Test
	void aModerateLateCancellationRefundsHalfOfTheDiscountedNightsWithTheirExtraGuests() {
		Listing listing = listing(Map.of("cancellation_policy", "moderate", "guests_included", 1, "extra_guest_fee",
				"10.00"));
		LocalDate today = fixtures.today(listing);
		JsonNode booking = fixtures.book(guest, listing, today.plusDays(1), today.plusDays(8));
		UUID id = UUID.fromString(booking.path("id").asString());
		bookingService.confirm(id);

		Response cancelled = api.post("/api/v1/bookings/" + id + "/cancel", Map.of()).as(guest).send();

		// nights: 800 - 80 + 70 extra = 790; half is 395, plus cleaning 20
		assertThat(cancelled.body().path("refund_amount").asString()).as(cancelled.toString()).isEqualTo("415.00");
	}
}
