package io.staybook.message;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis pub/sub between nodes: each node publishes an event as JSON on {@link MessageSettings#channel()} once the
 * writing transaction commits, and hands what it receives on that channel (its own events included) to its
 * {@link LocalMessageBus}.
 * <p>
 * A failing Redis never holds a request: a publish is sent asynchronously and never awaited; when Redis is not
 * connected it is refused at once, and when Redis stalls it gives up after {@code spring.data.redis.timeout}, and
 * either way the node delivers the event to its own subscribers (the message is stored regardless, and clients read it
 * from the conversation). Failures are logged once per outage, and once more when publishing works again. If Redis
 * cannot be reached when the node starts, the bus keeps trying to connect in the background (backoff doubling from
 * 1 s to at most 30 s); once connected, Lettuce reconnects and subscribes again by itself after an outage.
 * (Pub/sub channels are not per database index: deployments sharing one Redis need channels of their own.)
 */
class RedisMessageBus implements MessageBus, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisMessageBus.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final Duration MAX_RETRY = Duration.ofSeconds(30);

	private final LocalMessageBus local = new LocalMessageBus();

	private final RedisClient client;

	private final String channel;

	private final ScheduledExecutorService connecting = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("message-redis-connect").factory());

	private final AtomicBoolean publishFailing = new AtomicBoolean();

	private volatile boolean connectFailing;

	private volatile boolean closed;

	private volatile StatefulRedisPubSubConnection<String, String> subscriber;

	private volatile StatefulRedisConnection<String, String> publisher;

	/**
	 * Connects now (bounded by {@code connectTimeout}), or keeps trying in the background.
	 *
	 * @param commandTimeout how long a publish may take before the event is delivered on this node only
	 */
	RedisMessageBus(String url, Duration connectTimeout, Duration commandTimeout, String channel) {
		this.channel = channel;
		this.client = RedisClient.create(RedisURI.create(url));
		client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
			.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
			// while reconnecting, refuse commands at once rather than queue them behind the outage
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		connect(FIRST_RETRY);
	}

	/** Whether both connections (subscribing and publishing) are made. */
	boolean connected() {
		return subscriber != null && publisher != null;
	}

	private void connect(Duration retry) {
		if (closed) {
			return;
		}
		try {
			if (subscriber == null) {
				StatefulRedisPubSubConnection<String, String> made = client.connectPubSub();
				try {
					made.addListener(new RedisPubSubAdapter<>() {
						@Override
						public void message(String from, String message) {
							receive(message);
						}
					});
					made.sync().subscribe(channel);
				}
				catch (RuntimeException ex) {
					made.close();
					throw ex;
				}
				subscriber = made;
			}
			if (publisher == null) {
				publisher = client.connect();
			}
			if (connectFailing) {
				connectFailing = false;
				log.info("Redis pub/sub for messages connected");
			}
		}
		catch (RuntimeException ex) {
			if (!connectFailing) {
				connectFailing = true;
				log.warn("Redis pub/sub for messages unavailable ({}); new messages reach this node's subscribers "
						+ "only until it connects (retrying in the background)", ex.getMessage());
			}
			Duration next = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
			if (!closed) {
				connecting.schedule(() -> connect(next), retry.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void publish(MessageAdded event) {
		LocalMessageBus.afterCommit(() -> send(event));
	}

	private void send(MessageAdded event) {
		StatefulRedisConnection<String, String> connection = publisher;
		if (connection == null) {
			failed(event, "not connected");
			return;
		}
		try {
			connection.async().publish(channel, JSON.writeValueAsString(event)).whenComplete((receivers, ex) -> {
				if (ex != null) {
					failed(event, ex.getMessage());
				}
				else if (publishFailing.compareAndSet(true, false)) {
					log.info("Publishing new messages to Redis works again");
				}
			});
		}
		catch (RuntimeException ex) {
			failed(event, ex.getMessage());
		}
	}

	private void failed(MessageAdded event, String reason) {
		if (publishFailing.compareAndSet(false, true)) {
			log.warn("Could not publish new messages to Redis ({}); delivering them on this node only until it works",
					reason);
		}
		local.deliver(event);
	}

	@Override
	public Flux<MessageAdded> events() {
		return local.events();
	}

	private void receive(String json) {
		try {
			local.deliver(JSON.readValue(json, MessageAdded.class));
		}
		catch (RuntimeException ex) {
			log.warn("Ignored an unreadable message event from Redis: {}", ex.getMessage());
		}
	}

	/** Stops retrying, closes both connections and the client. */
	@Override
	public void destroy() {
		closed = true;
		connecting.shutdownNow();
		if (subscriber != null) {
			subscriber.close();
		}
		if (publisher != null) {
			publisher.close();
		}
		client.shutdown();
	}
}
