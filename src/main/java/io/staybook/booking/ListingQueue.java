package io.staybook.booking;

import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * New bookings of one listing take their turn here, one at a time per node, before they take a database connection.
 * <p>
 * A booking locks its listing's row ({@code PropertyService#lockForBooking}) and so waits for every earlier booking of
 * the same listing. Without this queue each waiter would hold one of the pool's connections (10 per node) while it
 * waits: a burst on one popular listing (a new listing opening its calendar, the load harness's contention scenario)
 * held the whole pool, and bookings of every other listing, and every other request needing a connection, waited past
 * the pool's bound and got 503. Here the waiters park (virtual threads, no connection) and a listing's bookings use
 * at most one connection of each node, so a hot listing slows only itself. The database still decides: the row lock
 * orders bookings across nodes and the exclusion constraints refuse overlaps; this queue only orders them within the
 * node, first come first served (a fair lock).
 * <p>
 * A request waits at most {@code staybook.bookings.queue-wait} (default 2 s, the pool's own bound) for its turn, then
 * gets 503 {@code service_unavailable} with {@code Retry-After}, as a request that could not get a connection does:
 * never a hang. An entry lives only while a request of its listing is queued or running.
 */
@Component
public class ListingQueue {

	private final ConcurrentHashMap<UUID, Turns> queues = new ConcurrentHashMap<>();

	private final Duration maxWait;

	ListingQueue(BookingSettings settings) {
		this.maxWait = settings.queueWait();
	}

	/**
	 * Runs {@code work} (a whole transaction, such as an idempotent booking request) once no other work of the same
	 * listing runs on this node, and returns what it returns.
	 *
	 * @throws DomainException 503 {@code service_unavailable} when the turn does not come within the queue's bound
	 */
	public <T> T inTurn(UUID listingId, Supplier<T> work) {
		Turns turns = queues.compute(listingId, (id, queue) -> (queue == null ? new Turns() : queue).join());
		try {
			if (!turns.lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw busy();
			}
			try {
				return work.get();
			}
			finally {
				turns.lock.unlock();
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		finally {
			queues.computeIfPresent(listingId, (id, queue) -> queue.leave() ? null : queue);
		}
	}

	/** Listings with a booking queued or running on this node, for tests and diagnostics. */
	int size() {
		return queues.size();
	}

	private static DomainException busy() {
		return DomainException.unavailable("service_unavailable",
				"Too many bookings of this listing at once; try again shortly.", Duration.ofSeconds(1));
	}

	/** One listing's lock and how many requests hold or wait for it; counted only inside the map's compute. */
	private static final class Turns {

		final ReentrantLock lock = new ReentrantLock(true);

		private int requests;

		Turns join() {
			requests++;
			return this;
		}

		/** True when the last request has left, so the entry can go. */
		boolean leave() {
			return --requests == 0;
		}

	}

}
