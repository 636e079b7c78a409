package io.staybook.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: the real time, unless a test fixes or moves it. A test that moves time must call
 * {@link #reset()} when done (tests share the application context).
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<Instant> fixed = new AtomicReference<>();

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		Instant at = fixed.get();
		Instant base = at != null ? at : Instant.now().truncatedTo(ChronoUnit.MICROS);
		return base.plus(offset.get());
	}

	public void advance(Duration duration) {
		offset.accumulateAndGet(duration, Duration::plus);
	}

	public void fixAt(Instant instant) {
		offset.set(Duration.ZERO);
		fixed.set(instant);
	}

	public void reset() {
		offset.set(Duration.ZERO);
		fixed.set(null);
	}
}
