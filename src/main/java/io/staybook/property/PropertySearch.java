package io.staybook.property;

import io.staybook.shared.Ids;
import io.staybook.shared.JsonEnums;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.user.UserSummary;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The listing search: one SQL statement per page, whatever the filters, built from fixed fragments with every value a
 * bind parameter. Pages are keyset-paged on the sort key and the id, so they stay stable while listings are added.
 * <p>
 * The page carries its hosts' names from the same statement: {@code users} is joined on its primary key, a nested
 * loop over the page's rows only (docs/benchmarks.md, "Issue 12: search"). That join is a read model of the user
 * module's table, as architecture.md decides for search ("host name joined"): it reads the id and the first name and
 * nothing else, which is what {@code UserService.summary} shows (a deleted account's first name is already
 * "Deleted", written by its anonymisation). The cover photo's keys are on the listing's own row (V29), so a page
 * joins no photo table. No entity is loaded; rows go straight into {@link Listing}s.
 */
@Component
class PropertySearch {

	private static final double EARTH_RADIUS_KM = 6371.0088;

	/** How many listings, in sort order, a radius search filters before it falls back to the bounding box. */
	private static final int PROBE_ROWS = 1000;

	/** A radius search by distance first looks this fraction of the radius beyond the cursor (or the centre). */
	private static final int RING_PARTS = 16;

	/** Great-circle distance in km from (:lat, :lng): the haversine formula. */
	private static final String DISTANCE = """
			(2 * %s * asin(sqrt(least(1, power(sin(radians(p.latitude - :lat) / 2), 2)
			  + cos(radians(:lat)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - :lng) / 2), 2)))))"""
		.formatted(EARTH_RADIUS_KM);

	private final JdbcClient jdbc;

	private final Clock clock;

	PropertySearch(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A row read: what the caller made of it, and its place in the sort order (the cursor's keys). */
	private record Hit<T>(T value, UUID id, String key) {
	}

	/** One page of listings with their hosts, each with the {@code fields} asked for (and the id and sort key). */
	Page<Listing> search(SearchCriteria criteria, PageRequest page, ListingFields fields) {
		return search(criteria, page, fields, ListingRow::listing);
	}

	/**
	 * {@link #search(SearchCriteria, PageRequest, ListingFields)}, each row given to {@code read} while it is current,
	 * so that a reader who knows the listing at the row's version need not map its columns (see {@link ListingRow}).
	 */
	<T> Page<T> search(SearchCriteria criteria, PageRequest page, ListingFields fields, Function<ListingRow, T> read) {
		Statement statement = statement(criteria, page, fields);
		Keyset keyset = statement.keyset();
		List<Hit<T>> hits = jdbc.sql(statement.sql()).params(statement.params()).query((rs, row) -> {
			UUID id = rs.getObject("id", UUID.class);
			return new Hit<>(read.apply(new Row(rs, row, id)), id, keyset.key(rs));
		}).list();
		return Page.of(hits, page.limit(), hit -> keyset.cursor(hit.key(), hit.id())).map(Hit::value);
	}

	/** A search's SQL with its bind parameters (named), and the sort it pages by. */
	record Statement(String sql, Map<String, Object> params, Keyset keyset) {
	}

	/** The one statement of a page, as {@link #search} runs it (and the load harness's pgbench, see its test). */
	Statement statement(SearchCriteria criteria, PageRequest page, ListingFields fields) {
		List<String> where = new ArrayList<>(List.of("p.deleted_at is null"));
		Map<String, Object> params = new HashMap<>();
		if (criteria.city() != null) {
			where.add("lower(p.city) = lower(:city)");
			params.put("city", criteria.city());
		}
		if (criteria.country() != null) {
			where.add("lower(p.country) = lower(:country)");
			params.put("country", criteria.country());
		}
		if (criteria.q() != null) {
			where.add("p.search_vector @@ websearch_to_tsquery('english', :q)");
			params.put("q", criteria.q());
		}
		if (criteria.currency() != null) {
			where.add("p.currency = :currency");
			params.put("currency", criteria.currency());
		}
		if (criteria.minPrice() != null) {
			where.add("p.price_per_night >= :minPrice");
			params.put("minPrice", criteria.minPrice());
		}
		if (criteria.maxPrice() != null) {
			where.add("p.price_per_night <= :maxPrice");
			params.put("maxPrice", criteria.maxPrice());
		}
		if (criteria.guests() != null) {
			where.add("p.max_guests >= :guests");
			params.put("guests", criteria.guests());
		}
		if (criteria.propertyType() != null) {
			where.add("p.property_type = :propertyType");
			params.put("propertyType", JsonEnums.toJson(criteria.propertyType()));
		}
		if (!criteria.amenities().isEmpty()) {
			where.add("p.amenities @> cast(:amenities as text[])");
			// an array literal, not a Java array (which would be expanded into an IN list); slugs need no quoting
			params.put("amenities", "{" + String.join(",", criteria.amenities()) + "}");
		}
		if (criteria.hostId() != null) {
			where.add("p.host_id = :hostId");
			params.put("hostId", criteria.hostId());
		}
		if (criteria.hasDates()) {
			// answered per candidate listing by the GiST index of the calendar's exclusion constraint, (property_id,
			// daterange). "offset 0" keeps it that way: it stops PostgreSQL from flattening the test into an anti-join,
			// which it may then drive by the date range alone (for dates past the booked season it expects few rows
			// and walks the whole calendar's index: 31 ms instead of 1 ms at 1M listings; docs/benchmarks.md, "Issue
			// 12: the measured run")
			where.add("""
					not exists (select 1 from property_blocks b where b.property_id = p.id
					  and daterange(b.start_date, b.end_date) && daterange(:checkIn, :checkOut) and\s"""
					+ Calendar.HOLDING.formatted("b") + " offset 0)");
			params.put("checkIn", criteria.checkIn());
			params.put("checkOut", criteria.checkOut());
			params.put("now", Timestamp.from(clock.instant()));
		}
		if (criteria.hasPoint()) {
			params.put("lat", criteria.lat());
			params.put("lng", criteria.lng());
		}
		Keyset keyset = Keyset.of(criteria.sort());
		String after = page.cursor() == null ? null : keyset.after(page.cursor(), params);
		String distance = criteria.hasPoint() ? DISTANCE : "cast(null as double precision)";
		boolean hosts = fields.has(ListingFields.HOST);
		boolean covers = fields.has(ListingFields.COVER_PHOTO);
		String cover = ", " + PropertyRows.cover(covers);
		// every column is the union of all fields with any sort's: the same select list, built once
		String columns = fields.isAll() ? PropertyRows.COLUMNS
				: PropertyRows.columns(ListingFields.union(fields.columns(), keyset.columns()));
		String sql;
		if (criteria.radiusKm() == null) {
			if (after != null) {
				where.add(after);
			}
			sql = "select " + columns + cover + ", p.version, " + (hosts ? "u.first_name" : "null")
					+ " as host_first_name, " + distance + " as distance from properties p"
					+ (hosts ? " left join users u on u.id = p.host_id" : "") + "\nwhere "
					+ String.join("\n and ", where) + "\norder by " + keyset.orderBy() + "\nlimit :limit";
		}
		else {
			sql = "select p.*, " + (hosts ? "u.first_name" : "null") + " as host_first_name from (\n"
					+ radiusPage(criteria, keyset, columns + cover + ", p.version, " + distance + " as distance", where,
							after, params)
					+ ") p"
					+ (hosts ? " left join users u on u.id = p.host_id" : "") + "\norder by "
					+ keyset.orderBy();
		}
		params.put("limit", page.fetchSize());
		return new Statement(sql, params, keyset);
	}

	/** The current row of a search's result set. */
	private static final class Row implements ListingRow {

		private final ResultSet rs;

		private final int number;

		private final UUID id;

		Row(ResultSet rs, int number, UUID id) {
			this.rs = rs;
			this.number = number;
			this.id = id;
		}

		@Override
		public UUID id() {
			return id;
		}

		@Override
		public long version() {
			return read(() -> rs.getLong("version"));
		}

		@Override
		public String hostFirstName() {
			return read(() -> rs.getString("host_first_name"));
		}

		@Override
		public Listing listing() {
			return read(() -> {
				PropertyView view = PropertyRows.map(rs, number);
				String hostName = rs.getString("host_first_name");
				return new Listing(view, hostName == null ? null : new UserSummary(view.hostId(), hostName));
			});
		}

		private static <V> V read(Column<V> column) {
			try {
				return column.read();
			}
			catch (SQLException ex) {
				// the rows are in memory by now (no fetch size), so this is a value the driver cannot decode
				throw new UncategorizedSQLException("reading a search row", null, ex);
			}
		}

		private interface Column<V> {

			V read() throws SQLException;

		}
	}

	/**
	 * The conditions for the circle of {@code radiusKm} around (:lat, :lng), its bind parameters named with
	 * {@code suffix}: a bounding box first, which the GiST index on {@code location} answers, then the exact distance.
	 * Near the poles or across the antimeridian the box is skipped and only the distance decides.
	 */
	private static List<String> circle(SearchCriteria criteria, double radiusKm, String suffix,
			Map<String, Object> params) {
		List<String> where = new ArrayList<>();
		double angle = radiusKm / EARTH_RADIUS_KM;
		double latDelta = Math.toDegrees(angle);
		// the circle's widest longitude is not radius / (R cos lat), which is short of it poleward of the centre (by
		// a degree at 89° and 50 km, by 0.03° at 60° and 500 km) and so left listings inside the radius out; it is
		// asin(sin(r/R) / cos lat) (J. P. Matuschek, "Finding Points Within a Distance of a Latitude/Longitude Using
		// Bounding Coordinates", 2010); when the ratio reaches 1 the circle reaches round a pole
		double sinRatio = Math.sin(angle) / Math.cos(Math.toRadians(criteria.lat()));
		double lngDelta = sinRatio >= 1 || Double.isNaN(sinRatio) ? 360 : Math.toDegrees(Math.asin(sinRatio));
		double minLat = criteria.lat() - latDelta;
		double maxLat = criteria.lat() + latDelta;
		double minLng = criteria.lng() - lngDelta;
		double maxLng = criteria.lng() + lngDelta;
		if (minLat > -90 && maxLat < 90 && minLng > -180 && maxLng < 180) {
			where.add("p.location <@ box(point(:minLng%1$s, :minLat%1$s), point(:maxLng%1$s, :maxLat%1$s))"
				.formatted(suffix));
			params.put("minLat" + suffix, minLat);
			params.put("maxLat" + suffix, maxLat);
			params.put("minLng" + suffix, minLng);
			params.put("maxLng" + suffix, maxLng);
		}
		where.add(DISTANCE + " <= :radiusKm" + suffix);
		params.put("radiusKm" + suffix, radiusKm);
		return where;
	}

	/**
	 * The page of a radius search, without its hosts (joined on the page's rows only, not on every listing in the
	 * circle). Where a city centre holds a tenth of all listings, a bounding box fetched through the GiST index holds
	 * 100k rows to sort for 21, while the sort's own index, read in order, meets 21 matches within a few hundred rows;
	 * in a small town it is the reverse, and the planner cannot tell the two apart (it estimates {@code <@ box} at a
	 * fixed 0.1 %). So the statement decides at run time: it first filters the next {@link #PROBE_ROWS} listings in
	 * sort order; when they hold a whole page, that is the page (the same rows as the full search, since the window is
	 * read in the page's order), else the full search runs through the box. Sort distance has no such index: it first
	 * searches the ring up to a sixteenth of the radius beyond the cursor's distance (or the centre), whose matches all
	 * come before any farther one, and takes the whole circle only when that ring holds less than a page.
	 * docs/benchmarks.md, "Issue 12: radius search".
	 */
	private static String radiusPage(SearchCriteria criteria, Keyset keyset, String select, List<String> where,
			String after, Map<String, Object> params) {
		String next = after == null ? "" : "\n and " + after;
		String order = "\norder by " + keyset.orderBy() + "\nlimit :limit";
		List<String> all = new ArrayList<>(where);
		all.addAll(circle(criteria, criteria.radiusKm(), "", params));
		String full = "select " + select + " from properties p\nwhere " + String.join("\n and ", all) + next;
		String probe;
		if (keyset == Keyset.DISTANCE) {
			double from = after == null ? 0 : (Double) params.get("cursorKey");
			double ring = from + criteria.radiusKm() / RING_PARTS;
			if (ring >= criteria.radiusKm()) {
				return full + order;
			}
			List<String> near = new ArrayList<>(where);
			near.addAll(circle(criteria, ring, "Ring", params));
			probe = "select " + select + " from properties p\nwhere " + String.join("\n and ", near) + next + order;
		}
		else {
			params.put("probe", PROBE_ROWS);
			probe = "select " + select + " from (select * from properties p where p.deleted_at is null" + next
					+ "\norder by " + keyset.orderBy() + " limit :probe) p\nwhere " + String.join("\n and ", all)
					+ order;
		}
		return "with probe as materialized (" + probe + ")\n"
				+ "select * from probe where (select count(*) from probe) = :limit\nunion all\n(" + full
				+ "\n and (select count(*) from probe) < :limit" + order + ")";
	}

	/** How {@link BigDecimal#toPlainString()} writes a price or a rating: digits, an optional point and fraction. */
	private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

	/** Each sort with its ORDER BY, the keyset condition that starts the next page, and the cursor that carries it. */
	enum Keyset {

		NEWEST("p.id desc", null, null), PRICE("p.price_per_night asc, p.id asc", "p.price_per_night", ">"),
		PRICE_DESC("p.price_per_night desc, p.id desc", "p.price_per_night", "<"),
		RATING_DESC("coalesce(p.rating_average, 0) desc, p.id desc", "coalesce(p.rating_average, 0)", "<"),
		DISTANCE("distance asc, p.id asc", PropertySearch.DISTANCE, ">");

		private final String orderBy;

		private final String key;

		private final String direction;

		Keyset(String orderBy, String key, String direction) {
			this.orderBy = orderBy;
			this.key = key;
			this.direction = direction;
		}

		static Keyset of(SearchSort sort) {
			return valueOf(sort.name());
		}

		String orderBy() {
			return orderBy;
		}

		/** The columns the cursor is made of, read whatever fields were asked for. */
		Set<String> columns() {
			return switch (this) {
				case NEWEST, DISTANCE -> Set.of("id");
				case PRICE, PRICE_DESC -> Set.of("id", "price_per_night");
				case RATING_DESC -> Set.of("id", "rating_average");
			};
		}

		/** The sort key of the current row, as its cursor carries it. */
		String key(ResultSet rs) throws SQLException {
			return switch (this) {
				case NEWEST -> "";
				case PRICE, PRICE_DESC -> rs.getBigDecimal("price_per_night").toPlainString();
				case RATING_DESC -> {
					BigDecimal rating = rs.getBigDecimal("rating_average");
					yield rating == null ? "0" : rating.toPlainString();
				}
				case DISTANCE -> Double.toString(rs.getDouble("distance"));
			};
		}

		String cursor(String key, UUID id) {
			return Cursors.encode(name(), key, id);
		}

		/**
		 * A price or rating key as {@link BigDecimal#toPlainString()} wrote it. A forged one in exponent notation
		 * ({@code -1E-2147483647}) would make the driver overflow while sending it, a 500; it is a 400.
		 */
		private static BigDecimal plain(String key) {
			if (!PLAIN_DECIMAL.matcher(key).matches()) {
				throw Cursors.invalid();
			}
			return new BigDecimal(key);
		}

		String after(String cursor, Map<String, Object> params) {
			List<String> keys = Cursors.decode(cursor, 3);
			if (!name().equals(keys.get(0))) {
				throw Cursors.invalid();
			}
			try {
				params.put("cursorId", Ids.parse(keys.get(2)));
				if (this == NEWEST) {
					return "p.id < :cursorId";
				}
				params.put("cursorKey", this == DISTANCE ? (Object) Double.valueOf(keys.get(1)) : plain(keys.get(1)));
				return "(" + key + ", p.id) " + direction + " (:cursorKey, :cursorId)";
			}
			catch (IllegalArgumentException ex) {
				throw Cursors.invalid();
			}
		}
	}
}
