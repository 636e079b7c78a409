package io.staybook.message;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the digest mails: one side's mail throttle ({@code *_mailed_at}, {@code *_mailed_through}) and what it waits for. */
@Component
class DigestRows {

	/** The most messages one digest looks at (a mail quotes fewer, see {@link MessageSettings#digestSize()}). */
	static final int MAX_WAITING = 1000;

	private final JdbcClient jdbc;

	DigestRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Who is mailed, and what the mail names: the recipient, the other side's first name and the listing's title. */
	record Recipient(String email, String firstName, String senderName, String propertyTitle) {
	}

	Instant mailedAt(UUID conversationId, UUID recipientId) {
		return jdbc.sql("""
				select case when guest_id = :me then guest_mailed_at else host_mailed_at end
				from conversations where id = :id""")
			.param("me", recipientId)
			.param("id", conversationId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(null);
	}

	/** The other side's messages the recipient has neither read nor been mailed, oldest first. */
	List<MessageView> waiting(UUID conversationId, UUID recipientId) {
		return jdbc.sql("""
				select m.id, m.conversation_id, m.sender_id, m.body, m.created_at
				from conversations c join messages m on m.conversation_id = c.id
				where c.id = :id and m.sender_id <> :me
				  and m.created_at > coalesce(case when c.guest_id = :me then c.guest_read_at else c.host_read_at end,
				                              '-infinity')
				  and m.created_at > coalesce(case when c.guest_id = :me then c.guest_mailed_through
				                                   else c.host_mailed_through end, '-infinity')
				order by m.created_at, m.id
				limit :max""")
			.param("id", conversationId)
			.param("me", recipientId)
			.param("max", MAX_WAITING)
			.query((rs, row) -> new MessageView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	/**
	 * One conditional update: the side is mailed now about messages up to {@code through}, if it was last mailed no
	 * later than {@code notBefore} (or never). False when another job or node mailed it within the interval.
	 */
	boolean claim(UUID conversationId, UUID recipientId, Instant now, Instant notBefore, Instant through) {
		return jdbc.sql("""
				update conversations
				set guest_mailed_at = case when guest_id = :me then :now else guest_mailed_at end,
				    guest_mailed_through = case when guest_id = :me then :through else guest_mailed_through end,
				    host_mailed_at = case when host_id = :me then :now else host_mailed_at end,
				    host_mailed_through = case when host_id = :me then :through else host_mailed_through end
				where id = :id
				  and coalesce(case when guest_id = :me then guest_mailed_at else host_mailed_at end, '-infinity')
				      <= :notBefore""")
			.param("me", recipientId)
			.param("now", Timestamp.from(now))
			.param("through", Timestamp.from(through))
			.param("notBefore", Timestamp.from(notBefore))
			.param("id", conversationId)
			.update() == 1;
	}

	/** The recipient (unless their account was deleted), the other side's first name and the listing's title. */
	Optional<Recipient> recipient(UUID conversationId, UUID recipientId) {
		return jdbc.sql("""
				select r.email, r.first_name, s.first_name, p.title
				from conversations c
				join users r on r.id = :me
				join users s on s.id = case when c.guest_id = :me then c.host_id else c.guest_id end
				join properties p on p.id = c.property_id
				where c.id = :id and r.deleted_at is null""")
			.param("me", recipientId)
			.param("id", conversationId)
			.query((rs, row) -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
	}
}
