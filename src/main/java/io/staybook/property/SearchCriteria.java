package io.staybook.property;

import io.staybook.shared.FieldErrors;
import io.staybook.shared.validation.Characters;
import io.staybook.shared.money.InvalidMoney;
import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The filters of a listing search, all optional and combined with AND. {@link #validate()} applies the contract's
 * rules and reports every violation at once.
 * <p>
 * Prices are amounts in each listing's own currency, and Staybook keeps no exchange rates: {@code currency} keeps the
 * listings priced in it, so that the price bounds ({@code min_price}, {@code max_price}) and the price sorts compare
 * like with like. Without it they compare the amounts as they are, as the contract's filters always have; a client of a
 * marketplace with several currencies sends one (docs/search.md).
 */
public record SearchCriteria(String city, String country, String q, BigDecimal minPrice, BigDecimal maxPrice,
		String currency, Integer guests, PropertyType propertyType, List<String> amenities, UUID hostId,
		LocalDate checkIn, LocalDate checkOut, Double lat, Double lng, Double radiusKm, SearchSort sort) {

	public static final double MAX_RADIUS_KM = 500;

	/**
	 * The longest full-text query, in characters. PostgreSQL parses {@code q} into a tsquery recursively: over GraphQL,
	 * whose variables are not bounded by a URL's length, 20,000 words overflowed its stack (answered 503 as if the
	 * database were down) and 150,000 held a connection until the statement timeout (5 s). A search box's query is a few
	 * words.
	 */
	public static final int MAX_QUERY_LENGTH = 256;

	/** A listing has at most this many amenities, so a search for more matches nothing (PropertyBody's own bound). */
	public static final int MAX_AMENITIES = 50;

	private static final String PRICE_RULE = "must be a price with at most 10 digits before the point and 2 after";

	/** What an amenity looks like: {@code wifi}, {@code free_parking}. */
	public static final String AMENITY_SLUG = "^[a-z0-9]+(_[a-z0-9]+)*$";

	/** Blank texts become null, the others composed ({@link Characters#nfc}); amenity slugs are stripped, blank ones dropped, repeats removed. */
	public SearchCriteria {
		city = blankToNull(city);
		country = blankToNull(country);
		q = blankToNull(q);
		currency = currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT);
		amenities = amenities == null ? List.of()
				: amenities.stream().map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
		sort = sort == null ? SearchSort.NEWEST : sort;
	}

	/**
	 * Checks the criteria together: the length of {@code q}, prices, amenity slugs and their number, guests, dates, the
	 * point and radius, the sort.
	 * @throws DomainException 400 naming each field in error
	 */
	public void validate() {
		new FieldErrors()
			.require(minPrice == null || minPrice.signum() >= 0, "min_price", "must be at least 0")
			.require(maxPrice == null || maxPrice.signum() >= 0, "max_price", "must be at least 0")
			.require(minPrice == null || isPrice(minPrice), "min_price", PRICE_RULE)
			.require(maxPrice == null || isPrice(maxPrice), "max_price", PRICE_RULE)
			.require(minPrice == null || maxPrice == null || minPrice.compareTo(maxPrice) <= 0, "min_price",
					"must not exceed max_price")
			.require(currency == null || isCurrency(currency), "currency",
					"must be an ISO 4217 code of a currency of payment, such as USD")
			.require(q == null || Characters.count(q) <= MAX_QUERY_LENGTH, "q",
					"must be at most " + MAX_QUERY_LENGTH + " characters")
			.require(amenities.size() <= MAX_AMENITIES, "amenities", "must name at most " + MAX_AMENITIES + " amenities")
			.require(amenities.stream().allMatch(a -> a.matches(AMENITY_SLUG)), "amenities",
					"must be lower-case slugs such as wifi or free_parking")
			.require(guests == null || guests >= 1, "guests", "must be at least 1")
			.require((checkIn == null) == (checkOut == null), checkIn == null ? "check_in" : "check_out",
					"check_in and check_out go together")
			.require(checkIn == null || checkOut == null || checkIn.isBefore(checkOut), "check_out",
					"must be after check_in")
			.require((lat == null) == (lng == null), lat == null ? "lat" : "lng", "lat and lng go together")
			.require(radiusKm == null || hasPoint(), "radius_km", "needs lat and lng")
			.require(lat == null || (lat >= -90 && lat <= 90), "lat", "must be between -90 and 90")
			.require(lng == null || (lng >= -180 && lng <= 180), "lng", "must be between -180 and 180")
			.require(radiusKm == null || (radiusKm > 0 && radiusKm <= MAX_RADIUS_KM), "radius_km",
					"must be more than 0 and at most 500")
			.require(sort != SearchSort.DISTANCE || (lat != null && lng != null), "sort",
					"distance needs lat and lng")
			.throwIfAny();
	}

	/**
	 * A price a listing could have: a price column is numeric(12, 2), so at most 10 digits before the point and 2
	 * after. A larger bound (1e999999, say) would only match everything, and more digits are not money.
	 */
	private static boolean isPrice(BigDecimal price) {
		BigDecimal exact = price.stripTrailingZeros();
		return exact.scale() <= 2 && exact.precision() - exact.scale() <= 10;
	}

	private static boolean isCurrency(String code) {
		try {
			Money.digits(code);
			return true;
		}
		catch (InvalidMoney ex) {
			return false;
		}
	}

	boolean hasDates() {
		return checkIn != null && checkOut != null;
	}

	boolean hasPoint() {
		return lat != null && lng != null;
	}

	/** Null for a blank text, else the text stripped, in Unicode's composed form as the listings store it. */
	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : Characters.nfc(value.strip());
	}
}
