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
	 * {@code stream}, counted against {@code account} from the moment it is subscribed to until it ends or is
	 * cancelled. A stream handed out but never subscribed to (its client gone first) takes no place: counting it when
	 * it was made held the place for the life of the node. An account already at the most is refused at once; of
	 * streams made together before any opened, those that open past the most end with the same error.
	 *
	 * @throws DomainException 429 {@code too_many_subscriptions} when the account already holds the most (the stream
	 *         fails with it when the account reached the most meanwhile)
	 */
	<T> Flux<T> hold(UUID account, Flux<T> stream) {
		AtomicInteger current = open.get(account);
		if (current != null && current.get() >= max) {
			throw tooMany();
		}
		return Flux.defer(() -> {
			AtomicInteger count = open.computeIfAbsent(account, key -> new AtomicInteger());
			if (count.incrementAndGet() > max) {
				release(account, count);
				return Flux.error(tooMany());
			}
			return stream.doFinally(signal -> release(account, count));
		});
	}

	private DomainException tooMany() {
		return DomainException.tooManyRequests("too_many_subscriptions",
				"At most " + max + " message subscriptions may be open at once; close one first.", Duration.ofSeconds(1));
	}

	private void release(UUID account, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			open.remove(account, count);
		}
	}
}
