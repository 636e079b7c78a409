package io.staybook.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code messages} table in plain SQL: raw bodies, as written; masking is the service's, per reader. */
@Component
class MessageRows {

	private static final String COLUMNS = "id, conversation_id, sender_id, body, created_at";

	private final JdbcClient jdbc;

	MessageRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a message stamped {@code now}, or just after the conversation's last message and both sides' reads when
	 * {@code now} is not later (a node whose clock is behind another's): a message always comes after those stored
	 * before it and is unread by a read made before it. Called with the conversation's row locked
	 * ({@link ConversationRows#lock}), so that no other message or read comes in between.
	 */
	MessageView insert(UUID id, UUID conversationId, UUID senderId, String body, Instant now) {
		Instant at = jdbc.sql("insert into messages (" + COLUMNS + """
				)
				select :id, :conversation, :sender, :body,
				       greatest(:now, greatest(c.last_message_at, c.guest_read_at, c.host_read_at)
				                      + interval '1 microsecond')
				from conversations c where c.id = :conversation
				returning created_at""")
			.param("id", id)
			.param("conversation", conversationId)
			.param("sender", senderId)
			.param("body", body)
			.param("now", Timestamp.from(now))
			.query(Timestamp.class)
			.single()
			.toInstant();
		return new MessageView(id, conversationId, senderId, body, at);
	}

	/** Oldest first, after the position {@code (at, id)} (null: from the first). */
	List<MessageView> page(UUID conversationId, Instant afterAt, UUID afterId, int fetch) {
		String after = afterAt == null ? "" : " and (created_at, id) > (:afterAt, :afterId)";
		var statement = jdbc.sql("select " + COLUMNS + " from messages where conversation_id = :conversation" + after
				+ " order by created_at, id limit :fetch")
			.param("conversation", conversationId)
			.param("fetch", fetch);
		if (afterAt != null) {
			statement = statement.param("afterAt", Timestamp.from(afterAt)).param("afterId", afterId);
		}
		return statement.query(MessageRows::view).list();
	}

	/**
	 * The events of these messages (those that exist), in the order of {@code ids}: each message with its
	 * conversation's guest and host and whether contact details are shown to both now. One query.
	 */
	List<MessageAdded> added(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, MessageAdded> found = new HashMap<>();
		jdbc.sql("select m.id, m.conversation_id, m.sender_id, m.body, m.created_at, c.guest_id, c.host_id, "
				+ ConversationRows.REVEALED + " as revealed"
				+ " from messages m join conversations c on c.id = m.conversation_id where m.id in (:ids)")
			.param("ids", ids)
			.query((rs, row) -> new MessageAdded(rs.getObject("guest_id", UUID.class),
					rs.getObject("host_id", UUID.class), rs.getBoolean("revealed"), view(rs, row)))
			.list()
			.forEach(event -> found.put(event.message().id(), event));
		return ids.stream().distinct().map(found::get).filter(Objects::nonNull).toList();
	}

	private static MessageView view(ResultSet rs, int row) throws SQLException {
		return new MessageView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getObject("sender_id", UUID.class), rs.getString("body"), rs.getTimestamp("created_at").toInstant());
	}
}
