package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.staybook.shared.DomainException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's search rules, without Spring: {@link SearchCriteria#validate()} and its normalisation. */
class SearchCriteriaUnitTests {

	private static final LocalDate DAY = LocalDate.of(2027, 3, 1);

	/** A criteria builder, so that each test names only the filters it is about. */
	private static final class Criteria {

		String city;

		String country;

		String q;

		BigDecimal minPrice;

		BigDecimal maxPrice;

		String currency;

		Integer guests;

		PropertyType propertyType;

		List<String> amenities;

		UUID hostId;

		LocalDate checkIn;

		LocalDate checkOut;

		Double lat;

		Double lng;

		Double radiusKm;

		SearchSort sort;

		SearchCriteria build() {
			return new SearchCriteria(city, country, q, minPrice, maxPrice, currency, guests, propertyType, amenities,
					hostId,
					checkIn, checkOut, lat, lng, radiusKm, sort);
		}
	}

	private static List<String> invalidFields(Criteria criteria) {
		DomainException ex = catchThrowableOfType(DomainException.class, () -> criteria.build().validate());
		assertThat(ex).as("expected a validation failure").isNotNull();
		assertThat(ex.kind()).isEqualTo(DomainException.Kind.BAD_REQUEST);
		assertThat(ex.code()).isEqualTo("validation_failed");
		return ex.fieldErrors().stream().map(DomainException.FieldError::field).toList();
	}

	private static void assertValid(Criteria criteria) {
		assertThatNoException().isThrownBy(() -> criteria.build().validate());
	}

	@Test
	void noFilterIsValidAndSortsNewestFirst() {
		SearchCriteria criteria = new Criteria().build();

		assertThatNoException().isThrownBy(criteria::validate);
		assertThat(criteria.sort()).isEqualTo(SearchSort.NEWEST);
		assertThat(criteria.amenities()).isEmpty();
		assertThat(criteria.hasDates()).isFalse();
		assertThat(criteria.hasPoint()).isFalse();
	}

	@Test
	void blankTextFiltersAreNoFilters() {
		Criteria c = new Criteria();
		c.city = "  ";
		c.country = "";
		c.q = " \t";

		SearchCriteria criteria = c.build();

		assertThat(criteria.city()).isNull();
		assertThat(criteria.country()).isNull();
		assertThat(criteria.q()).isNull();
	}

	@Test
	void textFiltersAreStripped() {
		Criteria c = new Criteria();
		c.city = "  Lisbon ";

		assertThat(c.build().city()).isEqualTo("Lisbon");
	}

	@Test
	void amenitiesAreStrippedWithoutBlanksOrDuplicates() {
		Criteria c = new Criteria();
		c.amenities = Arrays.asList(" wifi", "pool ", "", "wifi", "  ");

		assertThat(c.build().amenities()).containsExactly("wifi", "pool");
	}

	@Test
	void theFullTextQueryIsAtMost256Characters() {
		Criteria c = new Criteria();
		c.q = "😀".repeat(256);
		assertValid(c);

		c.q = "a".repeat(257);
		assertThat(invalidFields(c)).containsExactly("q");
	}

	@Test
	void atMost50AmenitiesAreAskedFor() {
		Criteria c = new Criteria();
		c.amenities = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "a" + i).toList();
		assertValid(c);

		c.amenities = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "a" + i).toList();
		assertThat(invalidFields(c)).containsExactly("amenities");
	}

	/**
	 * {@code currency} is optional, as the contract's price filters are valid without it (docs/search.md); when sent it
	 * must be a currency of payment, in any letter case.
	 */
	@Test
	void aCurrencyIsOptionalAndACurrencyOfPayment() {
		Criteria c = new Criteria();
		c.minPrice = new BigDecimal("50");
		c.maxPrice = new BigDecimal("200");
		for (SearchSort sort : List.of(SearchSort.PRICE, SearchSort.PRICE_DESC)) {
			c.sort = sort;
			assertValid(c);
		}
		c.currency = " jpy ";
		assertThat(c.build().currency()).isEqualTo("JPY");
		assertValid(c);
		for (String notOne : List.of("XXX", "usdollar", "ZZZ")) {
			c.currency = notOne;
			assertThat(invalidFields(c)).containsExactly("currency");
		}
	}

	@Test
	void minPriceMayEqualMaxPriceButNotExceedIt() {
		Criteria c = new Criteria();
		c.minPrice = new BigDecimal("100.00");
		c.maxPrice = new BigDecimal("100");
		assertValid(c);

		c.minPrice = new BigDecimal("100.01");
		assertThat(invalidFields(c)).containsExactly("min_price");
	}

	@Test
	void pricesAreNotNegative() {
		Criteria c = new Criteria();
		c.minPrice = new BigDecimal("-0.01");
		c.maxPrice = new BigDecimal("-1");

		assertThat(invalidFields(c)).contains("min_price", "max_price");

		c.minPrice = BigDecimal.ZERO;
		c.maxPrice = BigDecimal.ZERO;
		assertValid(c);
	}

	@Test
	void guestsIsAtLeastOne() {
		Criteria c = new Criteria();
		c.guests = 0;
		assertThat(invalidFields(c)).containsExactly("guests");

		c.guests = 1;
		assertValid(c);
	}

	@Test
	void amenitiesAreSlugs() {
		for (String bad : List.of("Free Parking", "free-parking", "WIFI", "_wifi", "wifi_", "wi__fi", "wifi,pool")) {
			Criteria c = new Criteria();
			c.amenities = List.of("wifi", bad);
			assertThat(invalidFields(c)).as(bad).containsExactly("amenities");
		}
		Criteria c = new Criteria();
		c.amenities = List.of("wifi", "free_parking", "tv2");
		assertValid(c);
	}

	@Test
	void checkInAndCheckOutGoTogether() {
		Criteria c = new Criteria();
		c.checkIn = DAY;
		assertThat(invalidFields(c)).containsExactly("check_out");

		c = new Criteria();
		c.checkOut = DAY;
		assertThat(invalidFields(c)).containsExactly("check_in");
	}

	@Test
	void checkOutIsAfterCheckIn() {
		Criteria c = new Criteria();
		c.checkIn = DAY;
		c.checkOut = DAY;
		assertThat(invalidFields(c)).containsExactly("check_out");

		c.checkOut = DAY.minusDays(1);
		assertThat(invalidFields(c)).containsExactly("check_out");

		c.checkOut = DAY.plusDays(1);
		assertValid(c);
		assertThat(c.build().hasDates()).isTrue();
	}

	@Test
	void latAndLngGoTogether() {
		Criteria c = new Criteria();
		c.lat = 10.0;
		assertThat(invalidFields(c)).containsExactly("lng");

		c = new Criteria();
		c.lng = 10.0;
		assertThat(invalidFields(c)).containsExactly("lat");
	}

	@Test
	void latAndLngAreOnTheGlobe() {
		Criteria c = new Criteria();
		c.lat = 90.0;
		c.lng = -180.0;
		assertValid(c);

		c.lat = 90.0001;
		c.lng = 180.0001;
		assertThat(invalidFields(c)).containsExactlyInAnyOrder("lat", "lng");

		c.lat = Double.NaN;
		c.lng = 0.0;
		assertThat(invalidFields(c)).containsExactly("lat");
	}

	@Test
	void radiusIsMoreThanZeroAndAtMost500() {
		Criteria c = new Criteria();
		c.lat = 10.0;
		c.lng = 10.0;
		for (double bad : new double[] { 0, -1, 500.0001, 501, Double.NaN, Double.POSITIVE_INFINITY }) {
			c.radiusKm = bad;
			assertThat(invalidFields(c)).as("radius %s", bad).containsExactly("radius_km");
		}
		for (double good : new double[] { 0.001, 1, 500 }) {
			c.radiusKm = good;
			assertValid(c);
		}
	}

	@Test
	void radiusNeedsLatAndLng() {
		Criteria c = new Criteria();
		c.radiusKm = 10.0;
		assertThat(invalidFields(c)).containsExactly("radius_km");

		c.lat = 10.0;
		assertThat(invalidFields(c)).contains("lng", "radius_km");
	}

	@Test
	void distanceSortNeedsLatAndLng() {
		Criteria c = new Criteria();
		c.sort = SearchSort.DISTANCE;
		assertThat(invalidFields(c)).containsExactly("sort");

		c.lat = 10.0;
		c.lng = 10.0;
		assertValid(c);
	}

	@Test
	void otherSortsNeedNoPoint() {
		for (SearchSort sort : List.of(SearchSort.NEWEST, SearchSort.PRICE, SearchSort.PRICE_DESC,
				SearchSort.RATING_DESC)) {
			Criteria c = new Criteria();
			c.sort = sort;
			assertValid(c);
		}
	}

	@Test
	void everyViolationIsReportedAtOnce() {
		Criteria c = new Criteria();
		c.minPrice = new BigDecimal("10");
		c.maxPrice = new BigDecimal("5");
		c.guests = 0;
		c.checkIn = DAY;
		c.checkOut = DAY;
		c.radiusKm = 1000.0;
		c.sort = SearchSort.DISTANCE;

		assertThat(invalidFields(c)).contains("min_price", "guests", "check_out", "radius_km", "sort");
	}

	@Test
	void everyFilterTogetherIsValid() {
		Criteria c = new Criteria();
		c.city = "Lisbon";
		c.country = "Portugal";
		c.q = "sea view";
		c.minPrice = new BigDecimal("50");
		c.maxPrice = new BigDecimal("200");
		c.guests = 2;
		c.propertyType = PropertyType.APARTMENT;
		c.amenities = List.of("wifi", "pool");
		c.hostId = UUID.randomUUID();
		c.checkIn = DAY;
		c.checkOut = DAY.plusDays(4);
		c.lat = 38.7;
		c.lng = -9.1;
		c.radiusKm = 10.0;
		c.sort = SearchSort.DISTANCE;

		assertValid(c);
	}
}
