package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing the database and Redis: a {@code messageAdded} subscription on node A receives a message sent over
 * REST to node B through Redis pub/sub, masked for the subscriber (the tests of {@link MessageNodes}).
 */
class MessageSubscriptionNodesIntegrationTests extends MessageNodes {

	@Override
	String redisUrl() {
		return TestRedis.url();
	}

	@Test
	void theNodesShareMessagesThroughRedis() {
		assertThat(nodeA.getBean(MessageBus.class)).isInstanceOf(RedisMessageBus.class);
	}
}
