package io.staybook.property;

import io.staybook.shared.JsonEnums;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The one mapping from a {@code properties} row to a {@link PropertyView}, used by every read. */
final class PropertyRows {

	static final String COLUMNS = """
			p.id, p.host_id, p.title, p.description, p.property_type, p.address, p.city, p.country, p.latitude,
			p.longitude, p.timezone, p.price_per_night, p.cleaning_fee, p.currency, p.max_guests, p.bedrooms, p.beds,
			p.bathrooms, p.amenities, p.min_nights, p.max_nights, p.cancellation_policy, p.rating_average,
			p.review_count, p.created_at, p.updated_at""";

	private PropertyRows() {
	}

	static PropertyView map(ResultSet rs, int row) throws SQLException {
		return new PropertyView(rs.getObject("id", UUID.class), rs.getObject("host_id", UUID.class),
				rs.getString("title"), rs.getString("description"),
				JsonEnums.fromJson(PropertyType.class, rs.getString("property_type")), rs.getString("address"),
				rs.getString("city"), rs.getString("country"), rs.getDouble("latitude"), rs.getDouble("longitude"),
				rs.getString("timezone"), rs.getBigDecimal("price_per_night"), rs.getBigDecimal("cleaning_fee"),
				rs.getString("currency"), rs.getInt("max_guests"), rs.getInt("bedrooms"), rs.getInt("beds"),
				rs.getInt("bathrooms"), strings(rs.getArray("amenities")), rs.getInt("min_nights"),
				rs.getInt("max_nights"),
				JsonEnums.fromJson(CancellationPolicy.class, rs.getString("cancellation_policy")),
				rs.getBigDecimal("rating_average"), rs.getInt("review_count"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
	}

	static Timestamp timestamp(java.time.Instant instant) {
		return Timestamp.from(instant);
	}
}
