package io.staybook.property;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * A listing's per-category averages over its published reviews that gave each sub-rating: two decimals (half-up, like
 * {@code rating_average}), null where no published review gave one. Stored as the {@code properties.ratings} array
 * (V25), in the order of the components.
 */
public record Ratings(BigDecimal cleanliness, BigDecimal accuracy, BigDecimal checkIn, BigDecimal communication,
		BigDecimal location, BigDecimal value) {

	/** No sub-rating yet. */
	public static final Ratings NONE = new Ratings(null, null, null, null, null, null);

	/** From exact averages in component order (six, any null), rounded to two decimals. */
	public static Ratings of(List<BigDecimal> averages) {
		BigDecimal[] a = averages.stream().map(Ratings::round).toArray(BigDecimal[]::new);
		return new Ratings(a[0], a[1], a[2], a[3], a[4], a[5]);
	}

	List<BigDecimal> values() {
		return Arrays.asList(cleanliness, accuracy, checkIn, communication, location, value);
	}

	/** PostgreSQL's text form of the array, {@code {4.50,NULL,…}}. */
	String literal() {
		return "{" + String.join(",", values().stream().map(v -> v == null ? "NULL" : v.toPlainString()).toList())
				+ "}";
	}

	/** From the stored array; {@link #NONE} when the column was not read. */
	static Ratings of(BigDecimal[] stored) {
		return stored == null || stored.length != 6 ? NONE : of(Arrays.asList(stored));
	}

	private static BigDecimal round(BigDecimal average) {
		return average == null ? null : average.setScale(2, RoundingMode.HALF_UP);
	}
}
