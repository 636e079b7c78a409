package io.staybook.message;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging, under {@code staybook.messages}.
 *
 * @param mailInterval the least time between two mails to one side of a conversation (the contract's 15 minutes);
 *        messages written meanwhile go out together in the next mail
 * @param digestSize how many messages one mail quotes at most (the rest are counted)
 * @param maxSubscriptions how many {@code messageAdded} subscriptions one account may hold open on one node
 * @param channel the channel on which nodes share new messages: Redis pub/sub when Redis is configured, PostgreSQL
 *        {@code NOTIFY}/{@code LISTEN} otherwise
 * @param listenUrl the JDBC URL of the session on which a node listens for PostgreSQL notifications (when Redis is not
 *        configured); null or blank: the datasource's URL. {@code LISTEN} lives in a session: it must reach PostgreSQL
 *        directly (or a session-mode pooler), not PgBouncer in transaction mode. Same user and password as the
 *        datasource
 */
@ConfigurationProperties("staybook.messages")
public record MessageSettings(@DefaultValue("15m") Duration mailInterval, @DefaultValue("10") int digestSize,
		@DefaultValue("10") int maxSubscriptions, @DefaultValue("staybook:messages") String channel,
		String listenUrl) {

	/** @throws IllegalArgumentException for a negative mail interval, or a digest size or subscription cap under 1 */
	public MessageSettings {
		if (mailInterval.isNegative() || digestSize < 1 || maxSubscriptions < 1) {
			throw new IllegalArgumentException(
					"staybook.messages: mail-interval must not be negative, digest-size and max-subscriptions at least 1");
		}
	}
}
