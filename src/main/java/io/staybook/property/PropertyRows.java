package io.staybook.property;

import io.staybook.shared.JsonEnums;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The one mapping from a {@code properties} row to a {@link PropertyView}, used by every read. */
final class PropertyRows {

	/** The columns of a listing, in the order of {@link PropertyView}; each is also its member's JSON name. */
	static final List<String> NAMES = List.of("id", "host_id", "title", "description", "property_type", "address",
			"city", "country", "latitude", "longitude", "timezone", "price_per_night", "cleaning_fee", "currency",
			"max_guests", "bedrooms", "beds", "bathrooms", "amenities", "min_nights", "max_nights",
			"cancellation_policy", "rating_average", "review_count", "ratings", "created_at", "updated_at",
			"instant_book", "weekend_price", "weekly_discount_percent", "monthly_discount_percent", "guests_included",
			"extra_guest_fee");

	static final String COLUMNS = columns(Set.copyOf(NAMES));

	/**
	 * The cover's select list: the keys of the listing's cover photo (its photo at the lowest position, V18), which
	 * V29's triggers keep on the listing's own row, so no reader joins {@code property_photos}; or nulls when the cover
	 * is not asked for (then {@code coverPhoto} is null).
	 */
	static String cover(boolean wanted) {
		return wanted ? "p.cover_thumbnail_key as cover_thumbnail, p.cover_medium_key as cover_medium,"
				+ " p.cover_large_key as cover_large, p.cover_original_key as cover_original"
				: "null as cover_thumbnail, null as cover_medium, null as cover_large, null as cover_original";
	}

	private PropertyRows() {
	}

	/**
	 * The select list of {@code properties p} with only {@code wanted} read; every other column is selected as
	 * {@code null}, so that {@link #map} reads any selection (a skipped number becomes 0, anything else null).
	 */
	static String columns(Set<String> wanted) {
		return NAMES.stream()
			.map(name -> wanted.contains(name) ? "p." + name : "null as " + name)
			.collect(Collectors.joining(", "));
	}

	/**
	 * The select list of {@link #dueJoin}: the listing's review aggregates with its reviews whose window has closed but
	 * that the publication sweep has not written yet, and when the last of them closed; all null, and
	 * {@code reviews_due} 0, for a listing without such reviews (nearly all).
	 */
	static final String DUE_COLUMNS = "d.rating_average as due_rating_average, d.review_count as due_review_count,"
			+ " d.ratings as due_ratings, d.due_at as due_at, coalesce(d.reviews_due, 0) as reviews_due";

	/**
	 * Joins, as {@code d}, the review module's read model of a listing whose aggregates have changed at {@code at} (a
	 * bind parameter) without its stored row changing yet: a review of it whose window has closed is published from
	 * that moment, whether or not the sweep has written it (V40's {@code listing_rating_due}). One index probe per
	 * listing, which finds nothing nearly always. Joined by the reads of listings by id ({@code PropertyReader}), not
	 * by search pages, where it cost a quarter of the throughput (docs/benchmarks.md, "Issue 12, ninth pass"): they
	 * show the stored aggregates until the sweep writes them.
	 */
	static String dueJoin(String at) {
		return " left join lateral listing_rating_due(p.id, " + at + ") d on true";
	}

	/**
	 * {@link #map} of a row read with {@link #DUE_COLUMNS}: the listing as anyone reads it, the reviews published by
	 * their window closing counted in its aggregates, and its {@code updated_at} the moment the last of them closed
	 * if later, which is what the sweep then writes.
	 */
	static PropertyView rated(ResultSet rs, int row) throws SQLException {
		PropertyView stored = map(rs, row);
		if (reviewsDue(rs) == 0) {
			return stored;
		}
		return stored.rated(rs.getBigDecimal("due_rating_average"), rs.getInt("due_review_count"),
				ratings(rs.getArray("due_ratings")), rs.getTimestamp("due_at").toInstant());
	}

	/** How many reviews of a row read with {@link #DUE_COLUMNS} are counted though not yet written published. */
	static int reviewsDue(ResultSet rs) throws SQLException {
		return rs.getInt("reviews_due");
	}

	static PropertyView map(ResultSet rs, int row) throws SQLException {
		return new PropertyView(rs.getObject("id", UUID.class), rs.getObject("host_id", UUID.class),
				rs.getString("title"), rs.getString("description"),
				enumOrNull(PropertyType.class, rs.getString("property_type")), rs.getString("address"),
				rs.getString("city"), rs.getString("country"), rs.getDouble("latitude"), rs.getDouble("longitude"),
				rs.getString("timezone"), rs.getBigDecimal("price_per_night"), rs.getBigDecimal("cleaning_fee"),
				rs.getString("currency"), rs.getInt("max_guests"), rs.getInt("bedrooms"), rs.getInt("beds"),
				rs.getInt("bathrooms"), strings(rs.getArray("amenities")), rs.getInt("min_nights"),
				rs.getInt("max_nights"), enumOrNull(CancellationPolicy.class, rs.getString("cancellation_policy")),
				rs.getBigDecimal("rating_average"), rs.getInt("review_count"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), rs.getBoolean("instant_book"), rs.getBigDecimal("weekend_price"),
				rs.getInt("weekly_discount_percent"), rs.getInt("monthly_discount_percent"), rs.getInt("guests_included"),
				rs.getBigDecimal("extra_guest_fee"), PhotoUrls.of(rs.getString("cover_thumbnail"),
						rs.getString("cover_medium"), rs.getString("cover_large"), rs.getString("cover_original")),
				ratings(rs.getArray("ratings")));
	}

	private static Ratings ratings(Array array) throws SQLException {
		return array == null ? Ratings.NONE : Ratings.of((java.math.BigDecimal[]) array.getArray());
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
	}

	/** Null only for a column a search did not select: the table holds none. */
	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
		return value == null ? null : JsonEnums.fromJson(type, value);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}
}
