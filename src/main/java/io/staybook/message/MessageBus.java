package io.staybook.message;

import reactor.core.publisher.Flux;

/**
 * Carries {@link MessageAdded} to every node's subscribers: through Redis pub/sub when {@code spring.data.redis.url}
 * is set ({@link RedisMessageBus}), through PostgreSQL {@code NOTIFY}/{@code LISTEN} otherwise
 * ({@link PostgresMessageBus}: nodes that share only the database still reach each other, and one node receives its
 * own notifications). Delivery is best effort, as pub/sub is: a subscriber that is not connected when a message is
 * published misses it and reads it from the conversation's messages.
 */
interface MessageBus {

	/**
	 * Announces {@code event} to every node (this one included), once and only if the current transaction (the one that
	 * wrote the message) commits; at once when there is none. Never waits for a broker: a failing one costs delivery on
	 * other nodes, not the request.
	 */
	void publish(MessageAdded event);

	/** Every event published from now on, on any node. */
	Flux<MessageAdded> events();
}
