package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ListingQueue}: one turn at a time per listing, a bounded wait, no entry left behind, and meters of the waits
 * and of the requests in the queue.
 */
class ListingQueueUnitTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ListingQueue queue = new ListingQueue(Duration.ofMillis(200), meters);

	@Test
	void aRequestThatDoesNotGetItsTurnWithinTheBoundIsRefusedWith503AndRetryAfter() throws Exception {
		UUID listing = UUID.randomUUID();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		try {
			Future<String> first = threads.submit(() -> queue.inTurn(listing, () -> {
				running.countDown();
				await(release);
				return "first";
			}));
			assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
			long began = System.nanoTime();
			assertThatThrownBy(() -> queue.inTurn(listing, () -> "second")).isInstanceOfSatisfying(
					DomainException.class, refused -> {
						assertThat(refused.kind()).isEqualTo(DomainException.Kind.SERVICE_UNAVAILABLE);
						assertThat(refused.code()).isEqualTo("service_unavailable");
						assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
					});
			assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			assertThat(waits("timeout").count()).isOne();
			assertThat(waits("timeout").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
			// the first is still running: counted in the queue
			assertThat(queued()).isOne();
			// another listing is not behind this one
			assertThat(queue.inTurn(UUID.randomUUID(), () -> "elsewhere")).isEqualTo("elsewhere");
			release.countDown();
			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(queue.size()).isZero();
		assertThat(queued()).isZero();
		assertThat(waits("turn").count()).isEqualTo(2);
	}

	@Test
	void oneListingsWorkRunsOneAtATimeAndLeavesNoEntry() throws Exception {
		UUID listing = UUID.randomUUID();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<Integer>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				results.add(threads.submit(() -> queue.inTurn(listing, () -> {
					most.accumulateAndGet(running.incrementAndGet(), Math::max);
					sleep(2);
					return running.decrementAndGet();
				})));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isZero();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(most.get()).isEqualTo(1);
		assertThat(queue.size()).isZero();
		// a failing turn still leaves the queue
		assertThatThrownBy(() -> queue.inTurn(listing, () -> {
			throw new IllegalStateException("the work failed");
		})).hasMessage("the work failed");
		assertThat(queue.size()).isZero();
		assertThat(queued()).isZero();
		assertThat(waits("turn").count()).isEqualTo(21);
		assertThat(waits("timeout").count()).isZero();
	}

	private Timer waits(String outcome) {
		return meters.get(ListingQueue.WAIT).tag("outcome", outcome).timer();
	}

	private double queued() {
		return meters.get(ListingQueue.REQUESTS).gauge().value();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
