package io.staybook.message;

import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Counts each account's open {@code messageAdded} subscriptions on this node, and refuses one past
 * {@link MessageSettings#maxSubscriptions()}: a subscription holds a WebSocket stream and a filter on every message,
 * so one account must not open thousands.
 */
@Component
class Subscriptions {

	private final ConcurrentMap<UUID, AtomicInteger> open = new ConcurrentHashMap<>();

	private final int max;

	Subscriptions(MessageSettings settings) {
		this.max = settings.maxSubscriptions();
	}

	/**
	 * {@code stream}, counted against {@code account} from now until it ends or is cancelled.
	 *
	 * @throws DomainException 429 {@code too_many_subscriptions} when the account already holds the most
	 */
	<T> Flux<T> hold(UUID account, Flux<T> stream) {
		AtomicInteger count = open.computeIfAbsent(account, key -> new AtomicInteger());
		if (count.incrementAndGet() > max) {
			release(account, count);
			throw DomainException.tooManyRequests("too_many_subscriptions",
					"At most " + max + " message subscriptions may be open at once; close one first.",
					Duration.ofSeconds(1));
		}
		return stream.doFinally(signal -> release(account, count));
	}

	private void release(UUID account, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			open.remove(account, count);
		}
	}
}
