package io.staybook.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code conversations} table in plain SQL, each row read as one participant ({@code :me}) sees it: with that
 * side's unread count, the most relevant booking and whether contact details are shown ({@link Row#revealed}).
 * Listings, accounts and bookings are read by SQL, as the payouts and the reconciliation read them.
 */
@Component
class ConversationRows {

	/**
	 * Whether conversation {@code c}'s two sides have a booking together that was confirmed (the statuses a confirmed
	 * booking goes on to: confirmed, checked in, completed), at any of the host's listings: contact details are shown.
	 */
	static final String REVEALED = """
			exists (select 1 from bookings b where b.guest_id = c.guest_id and b.host_id = c.host_id
			        and b.status in ('confirmed', 'checked_in', 'completed'))""";

	/** The columns of {@link Row}, for {@code :me} ({@code revealed}: {@link #REVEALED}). */
	private static final String COLUMNS = """
			c.id, c.property_id, c.guest_id, gu.first_name as guest_first_name, gu.deleted_at is not null as guest_deleted,
			c.host_id, hu.first_name as host_first_name, hu.deleted_at is not null as host_deleted, c.last_message_at,
			(select b.id from bookings b where b.guest_id = c.guest_id and b.property_id = c.property_id
			 order by case b.status when 'checked_in' then 0 when 'confirmed' then 1 when 'requested' then 2
			                        when 'pending_payment' then 3 when 'completed' then 4 else 5 end,
			          b.check_in desc, b.id desc
			 limit 1) as booking_id,
			""" + ConversationRows.REVEALED + """
			 as revealed,
			(select count(*) from messages m
			 where m.conversation_id = c.id and m.sender_id <> :me
			   and m.created_at > coalesce(case when c.guest_id = :me then c.guest_read_at else c.host_read_at end,
			                               '-infinity')) as unread_count
			""";

	private static final String FROM = " from conversations c join users gu on gu.id = c.guest_id"
			+ " join users hu on hu.id = c.host_id ";

	private final JdbcClient jdbc;

	ConversationRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A conversation as {@code me} sees it; {@code revealed}: contact details are shown to both sides. */
	record Row(ConversationView view, boolean revealed, boolean guestDeleted, boolean hostDeleted) {

		UUID otherSide(UUID me) {
			return view.guest().id().equals(me) ? view.host().id() : view.guest().id();
		}

		boolean otherSideDeleted(UUID me) {
			return view.guest().id().equals(me) ? hostDeleted : guestDeleted;
		}
	}

	/** A listing as a new conversation needs it: its host, and whether it was deleted. */
	record Listing(UUID hostId, boolean deleted) {
	}

	Optional<Listing> listing(UUID propertyId) {
		return jdbc.sql("select host_id, deleted_at is not null from properties where id = :id")
			.param("id", propertyId)
			.query((rs, row) -> new Listing(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.optional();
	}

	/**
	 * The id of this guest's conversation about this listing, made now if there is none. Two requests at once make
	 * one: the second insert waits for the first's unique key and then does nothing.
	 */
	UUID openOrContinue(UUID newId, UUID propertyId, UUID guestId, UUID hostId, Instant now) {
		jdbc.sql("""
				insert into conversations (id, property_id, guest_id, host_id, created_at, last_message_at)
				values (:id, :property, :guest, :host, :now, :now)
				on conflict (guest_id, property_id) do nothing""")
			.param("id", newId)
			.param("property", propertyId)
			.param("guest", guestId)
			.param("host", hostId)
			.param("now", Timestamp.from(now))
			.update();
		return jdbc.sql("select id from conversations where guest_id = :guest and property_id = :property")
			.param("guest", guestId)
			.param("property", propertyId)
			.query(UUID.class)
			.single();
	}

	/** The conversation as {@code me} sees it, if {@code me} takes part in it. */
	Optional<Row> find(UUID id, UUID me) {
		return jdbc.sql("select " + COLUMNS + FROM + "where c.id = :id and (c.guest_id = :me or c.host_id = :me)")
			.param("id", id)
			.param("me", me)
			.query(ConversationRows::row)
			.optional();
	}

	/**
	 * {@link #find}, with the conversation's row locked until the transaction ends: its messages and reads are written
	 * one at a time, each stamped after the one before has committed, so that a message's time and the order of commits
	 * agree (the keyset of a conversation's pages, and the read positions, rely on it).
	 */
	Optional<Row> lock(UUID id, UUID me) {
		return jdbc.sql("select " + COLUMNS + FROM + "where c.id = :id and (c.guest_id = :me or c.host_id = :me)"
				+ " for no key update of c")
			.param("id", id)
			.param("me", me)
			.query(ConversationRows::row)
			.optional();
	}

	/** {@code me}'s conversations, latest activity first, after the position {@code (at, id)} (null: from the top). */
	List<Row> page(UUID me, Instant afterAt, UUID afterId, int fetch) {
		String after = afterAt == null ? ""
				: " and (c.last_message_at, c.id) < (:afterAt, :afterId)";
		// two index scans (one per side) merged, rather than one scan of an "or"
		var statement = jdbc.sql("select * from (select " + COLUMNS + FROM + "where c.guest_id = :me" + after
				+ " union all select " + COLUMNS + FROM + "where c.host_id = :me" + after
				+ ") x order by last_message_at desc, id desc limit :fetch")
			.param("me", me)
			.param("fetch", fetch);
		if (afterAt != null) {
			statement = statement.param("afterAt", Timestamp.from(afterAt)).param("afterId", afterId);
		}
		return statement.query(ConversationRows::row).list();
	}

	/** A new message's time becomes the conversation's latest activity (never moving it back). */
	void touched(UUID id, Instant at) {
		jdbc.sql("update conversations set last_message_at = greatest(last_message_at, :at) where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/**
	 * {@code me} has read every message of the other side created up to {@code now}, and at least every message stored
	 * (the latest is {@code last_message_at}; on a node whose clock is behind, {@code now} comes before it). Called with
	 * the row {@link #lock locked}.
	 */
	void read(UUID id, UUID me, Instant now) {
		jdbc.sql("""
				update conversations
				set guest_read_at = case when guest_id = :me then greatest(guest_read_at, :now, last_message_at)
				                         else guest_read_at end,
				    host_read_at = case when host_id = :me then greatest(host_read_at, :now, last_message_at)
				                        else host_read_at end
				where id = :id""")
			.param("me", me)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		ConversationView view = new ConversationView(rs.getObject("id", UUID.class),
				rs.getObject("property_id", UUID.class), rs.getObject("booking_id", UUID.class),
				new ConversationView.Person(rs.getObject("guest_id", UUID.class), rs.getString("guest_first_name")),
				new ConversationView.Person(rs.getObject("host_id", UUID.class), rs.getString("host_first_name")),
				rs.getTimestamp("last_message_at").toInstant(), rs.getLong("unread_count"));
		return new Row(view, rs.getBoolean("revealed"), rs.getBoolean("guest_deleted"), rs.getBoolean("host_deleted"));
	}
}
