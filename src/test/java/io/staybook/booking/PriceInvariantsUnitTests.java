package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.booking.RefundPolicy.CancelledBy;
import io.staybook.property.CancellationPolicy;
import io.staybook.property.PriceRules;
import io.staybook.property.PropertyType;
import io.staybook.property.PropertyView;
import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The one pricing function ({@link Price#of(PriceRules, LocalDate, LocalDate, int, BigDecimal)}) over generated
 * listings and stays (jqwik): the total is always the sum of its parts, nothing is negative, the discount never exceeds
 * the nightly subtotal, the monthly discount replaces the weekly one, Friday and Saturday nights cost the weekend price
 * whatever the listing's time zone, and the host's overrides win. And refunds by the new definitions stay within
 * {@code [0, total_price]}.
 */
class PriceInvariantsUnitTests {

	private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY", "KWD", "KRW");

	private static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/Los_Angeles",
			"Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata");

	/** A listing's rules, a stay and a service fee rate, as a booking would see them. */
	record Case(PriceRules rules, LocalDate checkIn, int nights, int guests, BigDecimal rate) {

		LocalDate checkOut() {
			return checkIn.plusDays(nights);
		}

		Price price() {
			return Price.of(rules, checkIn, checkOut(), guests, rate);
		}
	}

	@Property
	void theTotalIsAlwaysTheSumOfItsPartsAndNothingIsNegative(@ForAll("cases") Case stay) {
		Price price = stay.price();

		assertThat(price.total())
			.isEqualByComparingTo(price.nightlySubtotal()
				.subtract(price.discount())
				.add(price.extraGuestFees())
				.add(price.cleaningFee())
				.add(price.serviceFee()));
		for (BigDecimal part : List.of(price.nightlySubtotal(), price.discount(), price.extraGuestFees(),
				price.cleaningFee(), price.serviceFee(), price.total(), price.nightsAmount())) {
			assertThat(part).isNotNegative();
			assertThat(part.scale()).isEqualTo(2);
			// every part is an amount the currency can be charged in
			new Money(part, price.currency());
		}
		assertThat(price.nightly()).hasSize(stay.nights());
		assertThat(price.nightly().stream().map(Price.Night::price).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo(price.nightlySubtotal());
		assertThat(price.serviceFee())
			.isEqualByComparingTo(new Money(price.nightsAmount(), price.currency()).share(stay.rate()).amount());
		assertThat(price.pricePerNight()).isEqualByComparingTo(stay.rules().basePrice().amount());
	}

	@Property
	void theDiscountNeverExceedsTheSubtotalAndIsRoundedHalfUpToTheMinorUnit(@ForAll("cases") Case stay) {
		Price price = stay.price();
		int percent = stay.rules().discountPercent(stay.nights());

		assertThat(price.discount()).isLessThanOrEqualTo(price.nightlySubtotal());
		BigDecimal exact = price.nightlySubtotal().multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
		assertThat(price.discount())
			.isEqualByComparingTo(exact.setScale(Money.digits(price.currency()), RoundingMode.HALF_UP));
	}

	@Property
	void theMonthlyDiscountReplacesTheWeeklyOneFrom28Nights(@ForAll("cases") Case stay) {
		PriceRules rules = stay.rules();
		int nights = stay.nights();
		int expected = nights >= 28 && rules.monthlyDiscountPercent() > 0 ? rules.monthlyDiscountPercent()
				: nights >= 7 ? rules.weeklyDiscountPercent() : 0;

		assertThat(rules.discountPercent(nights)).isEqualTo(expected);
	}

	@Property
	void eachNightCostsItsOverrideElseTheWeekendPriceOnFridayAndSaturdayElseTheBasePrice(@ForAll("cases") Case stay) {
		PriceRules rules = stay.rules();
		for (Price.Night night : stay.price().nightly()) {
			Money override = rules.overrides().get(night.date());
			DayOfWeek day = night.date().getDayOfWeek();
			boolean weekend = day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY;
			Money expected = override != null ? override
					: weekend && rules.weekendPrice() != null ? rules.weekendPrice() : rules.basePrice();
			assertThat(night.price()).isEqualByComparingTo(expected.amount());
		}
		assertThat(stay.price().nightly().getFirst().date()).isEqualTo(stay.checkIn());
	}

	/**
	 * Nights are dates in the listing's own time zone: the same listing priced in any time zone gives every night the
	 * same price, and a Friday night is a Friday night in Auckland and in Los Angeles alike.
	 */
	@Property
	void weekendNightsAreTheListingsOwnDatesWhateverItsTimeZone(@ForAll("cases") Case stay,
			@ForAll("zones") String zone, @ForAll("zones") String otherZone) {
		PriceRules rules = stay.rules();
		Price here = Price.of(PriceRules.of(listing(rules, zone), amounts(rules.overrides())), stay.checkIn(),
				stay.checkOut(), stay.guests(), stay.rate());
		Price there = Price.of(PriceRules.of(listing(rules, otherZone), amounts(rules.overrides())), stay.checkIn(),
				stay.checkOut(), stay.guests(), stay.rate());

		assertThat(here).isEqualTo(there);
		assertThat(here.total()).isEqualByComparingTo(stay.price().total());
	}

	@Property
	void theHostsOverridesWin(@ForAll("cases") Case stay, @ForAll @IntRange(min = 1, max = 100_000) int minor) {
		String currency = stay.rules().currency();
		Money override = new Money(BigDecimal.valueOf(minor, Money.digits(currency)), currency);
		Map<LocalDate, Money> everyNight = new HashMap<>();
		for (LocalDate night = stay.checkIn(); night.isBefore(stay.checkOut()); night = night.plusDays(1)) {
			everyNight.put(night, override);
		}
		PriceRules r = stay.rules();
		PriceRules overridden = new PriceRules(r.basePrice(), r.weekendPrice(), everyNight, r.weeklyDiscountPercent(),
				r.monthlyDiscountPercent(), r.guestsIncluded(), r.extraGuestFee(), r.cleaningFee());

		Price price = Price.of(overridden, stay.checkIn(), stay.checkOut(), stay.guests(), stay.rate());

		assertThat(price.nightlySubtotal()).isEqualByComparingTo(override.times(stay.nights()).amount());
	}

	@Property
	void extraGuestsPayTheFeeEachNight(@ForAll("cases") Case stay) {
		PriceRules rules = stay.rules();
		int extra = Math.max(0, stay.guests() - rules.guestsIncluded());

		assertThat(stay.price().extraGuestFees())
			.isEqualByComparingTo(rules.extraGuestFee().amount().multiply(BigDecimal.valueOf((long) extra * stay.nights())));
	}

	@Property
	void aRefundIsNeverNegativeNorMoreThanTheTotal(@ForAll("cases") Case stay, @ForAll CancellationPolicy policy,
			@ForAll CancelledBy by, @ForAll @IntRange(min = 0, max = 30) int daysLeft,
			@ForAll @IntRange(min = 0, max = 72) int hoursSinceBooking) {
		Price price = stay.price();
		Instant cancelledAt = Instant.parse("2027-03-01T12:00:00Z");
		LocalDate today = LocalDate.of(2027, 3, 1);

		BigDecimal refund = RefundPolicy.refund(price, policy, today.plusDays(daysLeft), by,
				cancelledAt.minus(Duration.ofHours(hoursSinceBooking)), cancelledAt, today);

		assertThat(refund).isNotNegative().isLessThanOrEqualTo(price.total());
		new Money(refund, price.currency());
	}

	/** A listing's amounts and percentages, before its overrides are placed on dates of the stay. */
	record Parts(Money base, Money weekend, int weekly, int monthly, int included, Money fee, Money cleaning,
			List<Money> overridePrices) {
	}

	@Provide
	Arbitrary<String> zones() {
		return Arbitraries.of(ZONES);
	}

	@Provide
	Arbitrary<Case> cases() {
		return Arbitraries.of(CURRENCIES).flatMap(currency -> {
			int digits = Money.digits(currency);
			Arbitrary<Money> amount = Arbitraries.longs().between(0, 500_000).map(minor -> money(minor, digits, currency));
			Arbitrary<Money> positive = Arbitraries.longs()
				.between(1, 500_000)
				.map(minor -> money(minor, digits, currency));
			Arbitrary<LocalDate> checkIn = Arbitraries.integers()
				.between(0, 3650)
				.map(days -> LocalDate.of(2024, 1, 1).plusDays(days));
			Arbitrary<Integer> nights = Arbitraries.oneOf(Arbitraries.integers().between(1, 40),
					Arbitraries.of(6, 7, 8, 27, 28, 29, 90, 365));
			Arbitrary<Integer> percent = Arbitraries.oneOf(Arbitraries.integers().between(0, 90), Arbitraries.of(0, 90));
			Arbitrary<Integer> included = Arbitraries.integers().between(1, 16);
			Arbitrary<Integer> guests = Arbitraries.integers().between(1, 16);
			Arbitrary<BigDecimal> rate = Arbitraries.integers().between(0, 2500).map(bp -> BigDecimal.valueOf(bp, 4));
			Arbitrary<List<Integer>> overrideDays = Arbitraries.integers().between(0, 400).list().ofMaxSize(20);
			Arbitrary<Parts> parts = Combinators
				.combine(amount, amount.injectNull(0.4), percent, percent, included, amount, amount,
						positive.list().ofMaxSize(20))
				.as(Parts::new);
			return Combinators.combine(parts, checkIn, nights, guests, rate, overrideDays).as((p, in, n, g, r, days) -> {
				Map<LocalDate, Money> overrides = new HashMap<>();
				for (int i = 0; i < Math.min(days.size(), p.overridePrices().size()); i++) {
					overrides.put(in.plusDays(days.get(i) % (n + 2)), p.overridePrices().get(i));
				}
				PriceRules priceRules = new PriceRules(p.base(), p.weekend(), overrides, p.weekly(), p.monthly(),
						p.included(), p.fee(), p.cleaning());
				return new Case(priceRules, in, n, g, r);
			});
		});
	}

	private static Money money(long minor, int digits, String currency) {
		return new Money(BigDecimal.valueOf(minor, digits), currency);
	}

	private static Map<LocalDate, BigDecimal> amounts(Map<LocalDate, Money> overrides) {
		Map<LocalDate, BigDecimal> amounts = new HashMap<>();
		overrides.forEach((date, price) -> amounts.put(date, price.amount()));
		return amounts;
	}

	/** A listing in {@code zone} with {@code rules}. */
	private static PropertyView listing(PriceRules rules, String zone) {
		return new PropertyView(UUID.randomUUID(), UUID.randomUUID(), "Loft", "", PropertyType.APARTMENT, "1 Street",
				"City", "Country", 0, 0, zone, rules.basePrice().amount(), rules.cleaningFee().amount(),
				rules.currency(), 16, 1, 1, 1, List.of(), 1, 365, CancellationPolicy.FLEXIBLE, null, 0, Instant.EPOCH,
				Instant.EPOCH, true, rules.weekendPrice() == null ? null : rules.weekendPrice().amount(),
				rules.weeklyDiscountPercent(), rules.monthlyDiscountPercent(), rules.guestsIncluded(),
				rules.extraGuestFee().amount(), null, io.staybook.property.Ratings.NONE);
	}
}
