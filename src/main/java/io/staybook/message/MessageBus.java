package io.staybook.message;

import reactor.core.publisher.Flux;

/**
 * Carries {@link MessageAdded} to every node's subscribers: through Redis pub/sub when {@code spring.data.redis.url}
 * is set ({@link RedisMessageBus}), within the node otherwise ({@link LocalMessageBus}, the one-node zero-setup run).
 * Delivery is best effort, as pub/sub is: a subscriber that is not connected when a message is published misses it
 * and reads it from the conversation's messages.
 */
interface MessageBus {

	/** Publishes to every node (this one included). */
	void publish(MessageAdded event);

	/** Every event published from now on, on any node. */
	Flux<MessageAdded> events();
}
