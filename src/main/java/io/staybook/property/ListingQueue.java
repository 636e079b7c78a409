package io.staybook.property;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes to one listing that many clients can send at once take their turn here, one at a time per node, before they
 * take a database connection: new bookings and date changes of bookings (REST and GraphQL) and photo uploads.
 * <p>
 * Each of them locks the listing's row ({@code PropertyService#lockForBooking}, {@code PropertyService#owned}) and so
 * waits for every earlier one of the same listing (a photo upload stores its images before, holding nothing). Without
 * this queue each waiter held one of the pool's connections (10 per node) while it waited: a burst on one listing (a
 * popular listing opening its calendar, the load harness's contention scenario, a host's gallery uploaded in parallel)
 * held the whole pool, and every other request that needed a connection waited past the pool's bound and got 503.
 * Here the waiters park (virtual threads, no connection) and one listing's queued writes use at most one connection of
 * each node, so a hot listing slows only itself. The database still decides: the row lock orders writes across nodes
 * and the constraints refuse overlaps; this queue only orders them within the node, first come first served (a fair
 * lock).
 * <p>
 * A request waits at most {@code staybook.listings.queue-wait} (default 2 s, the pool's own bound; a photo upload as
 * long as for its processing, 10 s) for its turn, then gets 503 {@code service_unavailable} with {@code Retry-After},
 * as a request that could not get a connection does: never a hang. An entry lives only while a request of its listing
 * is queued or running.
 * <p>
 * Meters (README, "Observability"): {@value #WAIT} (seconds from arriving to getting the turn, tagged {@code outcome}
 * {@code turn} or {@code timeout}, the latter timed to the bound) and {@value #REQUESTS} (requests queued or running on
 * this node, all listings together).
 */
@Component
public class ListingQueue {

	/** Timer of each request's wait for its turn; tag {@code outcome}: {@code turn} or {@code timeout}. */
	static final String WAIT = "staybook.listings.queue.wait";

	/** Gauge of the requests queued or running on this node, all listings together. */
	static final String REQUESTS = "staybook.listings.queue.requests";

	private final ConcurrentHashMap<UUID, Turns> queues = new ConcurrentHashMap<>();

	private final Duration maxWait;

	private final Timer turnWaits;

	private final Timer timeoutWaits;

	ListingQueue(@Value("${staybook.listings.queue-wait:2s}") Duration maxWait, MeterRegistry meters) {
		this.maxWait = maxWait;
		this.turnWaits = waits(meters, "turn");
		this.timeoutWaits = waits(meters, "timeout");
		Gauge.builder(REQUESTS, this, ListingQueue::requests)
			.description("New bookings, date changes and photo uploads queued or running on this node for their"
					+ " listing's turn")
			.register(meters);
	}

	private static Timer waits(MeterRegistry meters, String outcome) {
		return Timer.builder(WAIT)
			.description("How long new bookings, date changes and photo uploads waited for their listing's turn on"
					+ " this node")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Runs {@code work} (a whole transaction, such as an idempotent booking request) once no other work of the same
	 * listing runs on this node, and returns what it returns.
	 *
	 * @throws DomainException 503 {@code service_unavailable} when the turn does not come within the queue's bound
	 */
	public <T> T inTurn(UUID listingId, Supplier<T> work) {
		return inTurn(listingId, maxWait, work);
	}

	/**
	 * {@link #inTurn(UUID, Supplier)} with its own bound on the wait (a photo upload waits as long as for its
	 * processing).
	 *
	 * @throws DomainException 503 {@code service_unavailable} when the turn does not come within {@code maxWait}
	 */
	public <T> T inTurn(UUID listingId, Duration maxWait, Supplier<T> work) {
		Turns turns = queues.compute(listingId, (id, queue) -> (queue == null ? new Turns() : queue).join());
		long arrived = System.nanoTime();
		try {
			if (!turns.lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
				timeoutWaits.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
				throw busy();
			}
			turnWaits.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
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

	/** How many requests of the listing are queued or running on this node (for tests and diagnostics). */
	public int requests(UUID listingId) {
		Turns turns = queues.get(listingId);
		return turns == null ? 0 : turns.requests;
	}

	/** How many requests are queued or running on this node, all listings together (the {@value #REQUESTS} gauge). */
	int requests() {
		return queues.values().stream().mapToInt(turns -> turns.requests).sum();
	}

	/** How many listings have a write queued or running on this node (for tests and diagnostics). */
	public int size() {
		return queues.size();
	}

	private static DomainException busy() {
		return DomainException.unavailable("service_unavailable",
				"Too many changes of this listing at once; try again shortly.", Duration.ofSeconds(1));
	}

	/**
	 * One listing's lock and how many requests hold or wait for it; counted only inside the map's compute, read
	 * anywhere.
	 */
	private static final class Turns {

		final ReentrantLock lock = new ReentrantLock(true);

		private volatile int requests;

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
