package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.staybook.shared.health.PausableProxy;
import io.staybook.test.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import redis.embedded.RedisServer;

/**
 * {@link RedisMessageBus} against real Redis servers: a publish returns at once when Redis stalls, and the event reaches
 * the node's own subscribers when the command times out; a bus whose Redis was down when it started delivers on its
 * node meanwhile, and connects (and receives other nodes' events) once Redis is up.
 */
class RedisMessageBusIntegrationTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	private static MessageAdded event(String body) {
		return new MessageAdded(UUID.randomUUID(), UUID.randomUUID(), true,
				new MessageView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), body, Instant.now()));
	}

	private static String channel() {
		return "test:messages:" + UUID.randomUUID();
	}

	private static MessageAdded next(LinkedBlockingQueue<MessageAdded> received, Duration wait)
			throws InterruptedException {
		return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Test
	void aPublishDoesNotWaitForAStalledRedisAndIsDeliveredOnTheNode() throws Exception {
		RedisURI upstream = RedisURI.create(TestRedis.url());
		try (PausableProxy proxy = new PausableProxy(upstream.getHost(), upstream.getPort())) {
			RedisMessageBus bus = new RedisMessageBus("redis://127.0.0.1:" + proxy.port(), CONNECT_TIMEOUT,
					COMMAND_TIMEOUT, channel());
			LinkedBlockingQueue<MessageAdded> received = new LinkedBlockingQueue<>();
			Disposable subscription = bus.events().subscribe(received::add);
			try {
				assertThat(bus.connected()).isTrue();
				MessageAdded through = event("through Redis");
				bus.publish(through);
				assertThat(next(received, Duration.ofSeconds(5))).isEqualTo(through);

				proxy.pause();
				MessageAdded stalled = event("while Redis stalls");
				long start = System.nanoTime();
				bus.publish(stalled);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
				assertThat(next(received, Duration.ofSeconds(5))).as("delivered on this node").isEqualTo(stalled);
			}
			finally {
				subscription.dispose();
				bus.destroy();
			}
		}
	}

	@Test
	void aBusWhoseRedisWasDownAtStartConnectsWhenItComesUp() throws Exception {
		int port = TestRedis.freePort();
		String url = "redis://127.0.0.1:" + port;
		String channel = channel();
		RedisMessageBus bus = new RedisMessageBus(url, CONNECT_TIMEOUT, COMMAND_TIMEOUT, channel);
		LinkedBlockingQueue<MessageAdded> received = new LinkedBlockingQueue<>();
		Disposable subscription = bus.events().subscribe(received::add);
		RedisServer server = null;
		RedisMessageBus other = null;
		try {
			assertThat(bus.connected()).isFalse();
			MessageAdded alone = event("Redis is down");
			bus.publish(alone);
			assertThat(next(received, Duration.ofSeconds(2))).as("delivered on this node").isEqualTo(alone);

			server = TestRedis.server(port);
			server.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (!bus.connected() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(bus.connected()).as("connected once Redis is up").isTrue();

			other = new RedisMessageBus(url, CONNECT_TIMEOUT, COMMAND_TIMEOUT, channel);
			MessageAdded fromOther = event("from another node");
			other.publish(fromOther);
			assertThat(next(received, Duration.ofSeconds(5))).as("received through Redis").isEqualTo(fromOther);
		}
		finally {
			subscription.dispose();
			bus.destroy();
			if (other != null) {
				other.destroy();
			}
			if (server != null) {
				server.stop();
			}
		}
	}
}
