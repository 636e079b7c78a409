package io.staybook.property;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of {@code property_photos} (V18): plain statements, each photo row straight into a {@link Photo}. */
@Component
class PhotoRows {

	private static final String COLUMNS = "id, property_id, position, caption, width, height, content_type,"
			+ " thumbnail_key, medium_key, large_key, original_key, created_at";

	private final JdbcClient jdbc;

	PhotoRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A listing's photos from {@code afterPosition} on (exclusive; -1 for the first), in order, at most {@code limit}. */
	List<Photo> page(UUID propertyId, int afterPosition, int limit) {
		return jdbc.sql("select " + COLUMNS + " from property_photos where property_id = ? and position > ?"
				+ " order by position limit ?")
			.params(propertyId, afterPosition, limit)
			.query(PhotoRows::map)
			.list();
	}

	/** The photos of many listings in one query, each listing's in order. */
	List<Photo> ofListings(Collection<UUID> propertyIds) {
		return jdbc.sql("select " + COLUMNS + " from property_photos where property_id = any(?) order by property_id,"
				+ " position")
			.param(propertyIds.toArray(UUID[]::new))
			.query(PhotoRows::map)
			.list();
	}

	Optional<Photo> find(UUID propertyId, UUID photoId) {
		return jdbc.sql("select " + COLUMNS + " from property_photos where property_id = ? and id = ?")
			.params(propertyId, photoId)
			.query(PhotoRows::map)
			.optional();
	}

	int count(UUID propertyId) {
		return jdbc.sql("select count(*) from property_photos where property_id = ?")
			.param(propertyId)
			.query(Integer.class)
			.single();
	}

	/** Appends a photo at the end of the gallery (position = the current count). */
	Photo insert(UUID id, UUID propertyId, String caption, PhotoImages.Processed image, Instant now) {
		return jdbc.sql("insert into property_photos (id, property_id, position, caption, width, height, content_type,"
				+ " thumbnail_key, medium_key, large_key, original_key, created_at)"
				+ " values (?, ?, (select count(*) from property_photos where property_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)"
				+ " returning " + COLUMNS)
			.params(id, propertyId, propertyId, caption, image.width(), image.height(), image.contentType(),
					image.thumbnail().key(), image.medium().key(), image.large().key(), image.original().key(),
					PropertyRows.timestamp(now))
			.query(PhotoRows::map)
			.single();
	}

	void caption(UUID photoId, String caption) {
		jdbc.sql("update property_photos set caption = ? where id = ?").params(caption, photoId).update();
	}

	/**
	 * Moves a photo from {@code from} to {@code to}, the photos between shifting by one toward {@code from}: one
	 * statement, so the deferrable unique constraint on (property_id, position) is checked once, at its end.
	 */
	void move(UUID propertyId, UUID photoId, int from, int to) {
		jdbc.sql("""
				update property_photos set position = case
				  when id = :id then :to
				  when :to < :from then position + 1
				  else position - 1 end
				where property_id = :property and position between least(:from, :to) and greatest(:from, :to)""")
			.param("id", photoId)
			.param("to", to)
			.param("from", from)
			.param("property", propertyId)
			.update();
	}

	/** Deletes a photo and closes the gap after it. */
	void delete(Photo photo) {
		jdbc.sql("delete from property_photos where id = ?").param(photo.id()).update();
		jdbc.sql("update property_photos set position = position - 1 where property_id = ? and position > ?")
			.params(photo.propertyId(), photo.position())
			.update();
	}

	/**
	 * Deletes every photo of these listings in one statement (a listing's removal, ListingRemovals): one statement, so
	 * that V28's trigger locks the shared keys' rows in key order once, instead of listing by listing.
	 */
	void deleteAllOf(Collection<UUID> propertyIds) {
		jdbc.sql("delete from property_photos where property_id = any(?)")
			.param(propertyIds.toArray(UUID[]::new))
			.update();
	}

	/** One more on the listing's version (V16's trigger), so that its ETag and search's written JSON change. */
	void touchListing(UUID propertyId) {
		jdbc.sql("update properties set version = version where id = ?").param(propertyId).update();
	}

	private static Photo map(ResultSet rs, int row) throws SQLException {
		return new Photo(rs.getObject("id", UUID.class), rs.getObject("property_id", UUID.class), rs.getInt("position"),
				rs.getString("caption"), rs.getInt("width"), rs.getInt("height"), rs.getString("content_type"),
				PhotoUrls.of(rs.getString("thumbnail_key"), rs.getString("medium_key"), rs.getString("large_key"),
						rs.getString("original_key")),
				rs.getTimestamp("created_at").toInstant());
	}
}
