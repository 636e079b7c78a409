package io.staybook.test;

import io.staybook.media.MediaStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * A media store that stalls, for the test context: every {@link MediaStore} bean is wrapped (by
 * {@link #wrapStores()}) in one that passes each call to the real store, but holds a put of a key a {@link Stall}
 * names until the stall is closed, as an S3 server that accepted the connection and answers nothing would (within
 * the store's own timeout). With no stall open it changes nothing.
 */
public final class StalledStore implements MediaStore {

	private static final AtomicReference<Stall> STALL = new AtomicReference<>();

	private final MediaStore store;

	private StalledStore(MediaStore store) {
		this.store = store;
	}

	/**
	 * Holds every put of a key {@code keys} accepts (it is asked about every put from now on, so it may record them)
	 * until the stall is closed; replaces any earlier stall.
	 */
	public static Stall stall(Predicate<String> keys) {
		Stall stall = new Stall(keys);
		STALL.set(stall);
		return stall;
	}

	/** One stall: {@link #awaitPuts} until puts are held, {@link #close} to let them (and every later one) through. */
	public static final class Stall implements AutoCloseable {

		private final Predicate<String> keys;

		private final CountDownLatch released = new CountDownLatch(1);

		private int held;

		private Stall(Predicate<String> keys) {
			this.keys = keys;
		}

		/** Waits until a put is being held. */
		public void awaitPut(Duration timeout) throws InterruptedException {
			awaitPuts(1, timeout);
		}

		/** Waits until {@code count} puts are being held at once. */
		public synchronized void awaitPuts(int count, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (held < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError(held + " puts held within " + timeout + ", not " + count);
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}

		/** Lets the held puts go on to the real store, and every later one. */
		@Override
		public void close() {
			released.countDown();
		}

		void hold(String key) {
			if (!keys.test(key) || released.getCount() == 0) {
				return;
			}
			synchronized (this) {
				held++;
				notifyAll();
			}
			try {
				if (!released.await(60, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the stall was never closed");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			finally {
				synchronized (this) {
					held--;
				}
			}
		}
	}

	static BeanPostProcessor wrapStores() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof MediaStore store && !(bean instanceof StalledStore)) {
					return new StalledStore(store);
				}
				return bean;
			}
		};
	}

	@Override
	public void put(String key, byte[] bytes) {
		Stall stall = STALL.get();
		if (stall != null) {
			stall.hold(key);
		}
		store.put(key, bytes);
	}

	@Override
	public Optional<byte[]> get(String key) {
		return store.get(key);
	}

	@Override
	public void delete(String key) {
		store.delete(key);
	}

	@Override
	public void check() {
		store.check();
	}
}
