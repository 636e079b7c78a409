package io.staybook.message;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis pub/sub between nodes: each node publishes an event as JSON on {@link MessageSettings#channel()} and hands
 * what it receives on that channel (its own events included) to its {@link LocalMessageBus}. Lettuce reconnects and
 * subscribes again by itself after an outage. While Redis cannot be reached, a node delivers its own events to its
 * own subscribers and logs the failure: the message is stored either way, and clients read it from the conversation.
 * (Pub/sub channels are not per database index: deployments sharing one Redis need channels of their own.)
 */
class RedisMessageBus implements MessageBus, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocalMessageBus local = new LocalMessageBus();

	private final RedisClient client;

	private final String channel;

	private StatefulRedisPubSubConnection<String, String> subscriber;

	private StatefulRedisConnection<String, String> publisher;

	RedisMessageBus(String url, Duration timeout, String channel) {
		this.channel = channel;
		this.client = RedisClient.create(RedisURI.create(url));
		client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.build());
		try {
			subscriber = client.connectPubSub();
			subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String from, String message) {
					receive(message);
				}
			});
			subscriber.sync().subscribe(channel);
			publisher = client.connect();
		}
		catch (RuntimeException ex) {
			log.warn("Redis pub/sub for messages unavailable ({}); new messages reach this node's subscribers only",
					ex.getMessage());
		}
	}

	@Override
	public void publish(MessageAdded event) {
		try {
			if (publisher == null) {
				throw new IllegalStateException("not connected");
			}
			publisher.async().publish(channel, JSON.writeValueAsString(event)).get(5, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Could not publish message {} to Redis ({}); delivered on this node only", event.message().id(),
					ex.getMessage());
			local.publish(event);
		}
	}

	@Override
	public Flux<MessageAdded> events() {
		return local.events();
	}

	private void receive(String json) {
		try {
			local.publish(JSON.readValue(json, MessageAdded.class));
		}
		catch (RuntimeException ex) {
			log.warn("Ignored an unreadable message event from Redis: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		if (subscriber != null) {
			subscriber.close();
		}
		if (publisher != null) {
			publisher.close();
		}
		client.shutdown();
	}
}
