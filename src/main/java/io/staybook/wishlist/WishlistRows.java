package io.staybook.wishlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code wishlists} and {@code wishlist_properties} tables (V24), in plain SQL; every read is by owner. */
@Repository
class WishlistRows {

	private static final String COLUMNS = "id, name, property_count, created_at, updated_at";

	private final JdbcClient jdbc;

	WishlistRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A listing in a list and when it was added: the sort key of a list's page. */
	record Entry(UUID propertyId, Instant addedAt) {
	}

	void insert(UUID id, UUID owner, String name, Instant now) {
		jdbc.sql("insert into wishlists (id, user_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)")
			.params(id, owner, name, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	Optional<Wishlist> find(UUID owner, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from wishlists where id = ? and user_id = ?")
			.params(id, owner)
			.query(WishlistRows::row)
			.optional();
	}

	/** The owner's list, its row locked until the transaction ends: adds and removes of one list go one at a time. */
	boolean lock(UUID owner, UUID id) {
		return !jdbc.sql("select 1 from wishlists where id = ? and user_id = ? for no key update")
			.params(id, owner)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/** Newest first, {@code limit} after the list with id {@code after} (null: from the newest). */
	List<Wishlist> page(UUID owner, UUID after, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from wishlists where user_id = :owner and (cast(:after as uuid) is null or id < :after)
				order by id desc limit :limit""")
			.param("owner", owner)
			.param("after", after)
			.param("limit", limit)
			.query(WishlistRows::row)
			.list();
	}

	boolean rename(UUID owner, UUID id, String name, Instant now) {
		return jdbc.sql("update wishlists set name = ?, updated_at = ? where id = ? and user_id = ?")
			.params(name, Timestamp.from(now), id, owner)
			.update() == 1;
	}

	void touch(UUID id, Instant now) {
		jdbc.sql("update wishlists set updated_at = ? where id = ?").params(Timestamp.from(now), id).update();
	}

	boolean delete(UUID owner, UUID id) {
		return jdbc.sql("delete from wishlists where id = ? and user_id = ?").params(id, owner).update() == 1;
	}

	/** Adds the listing unless it is in the list already; true if it was added. */
	boolean add(UUID id, UUID propertyId, Instant now) {
		return jdbc.sql("""
				insert into wishlist_properties (wishlist_id, property_id, added_at) values (?, ?, ?)
				on conflict do nothing""")
			.params(id, propertyId, Timestamp.from(now))
			.update() == 1;
	}

	boolean remove(UUID id, UUID propertyId) {
		return jdbc.sql("delete from wishlist_properties where wishlist_id = ? and property_id = ?")
			.params(id, propertyId)
			.update() == 1;
	}

	/** Most recently added first, {@code limit} after {@code after} (null: from the newest). */
	List<Entry> entries(UUID id, Entry after, int limit) {
		return jdbc.sql("""
				select w.property_id, w.added_at from wishlist_properties w
				where w.wishlist_id = :id
				  and (cast(:at as timestamptz) is null or (w.added_at, w.property_id) < (:at, :property))
				order by w.added_at desc, w.property_id desc limit :limit""")
			.param("id", id)
			.param("at", after == null ? null : Timestamp.from(after.addedAt()))
			.param("property", after == null ? null : after.propertyId())
			.param("limit", limit)
			.query((rs, row) -> new Entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
			.list();
	}

	/**
	 * Takes a removed listing out of every list, the lists' rows locked first in id order (as every writer of several
	 * lists must, so that two removals never wait for each other). Their {@code updated_at} stays: the owner changed
	 * nothing.
	 */
	void removeEverywhere(UUID propertyId) {
		jdbc.sql("""
				select id from wishlists where id in (select wishlist_id from wishlist_properties where property_id = ?)
				order by id for no key update""")
			.param(propertyId)
			.query(UUID.class)
			.list();
		jdbc.sql("delete from wishlist_properties where property_id = ?").param(propertyId).update();
	}

	/** Deletes an account's lists, with what they hold. */
	void deleteAllOf(UUID owner) {
		jdbc.sql("delete from wishlists where user_id = ?").param(owner).update();
	}

	private static Wishlist row(ResultSet rs, int row) throws SQLException {
		return new Wishlist(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
				rs.getTimestamp(5).toInstant());
	}
}
