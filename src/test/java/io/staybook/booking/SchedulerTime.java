package io.staybook.booking;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves the clock of a context that runs jobs. The clock keeps running (it is never fixed): db-scheduler times its
 * polling interval on this same clock, so a frozen clock would stop it polling, and a jump back would make it wait for
 * the lost time. After each move the scheduler is woken, so that its next wait is timed on the new clock.
 */
final class SchedulerTime {

	private final MutableClock clock;

	private final Scheduler scheduler;

	SchedulerTime(MutableClock clock, Scheduler scheduler) {
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/** The clock now reads {@code instant}, and runs on from there. */
	void travelTo(Instant instant) {
		clock.reset();
		clock.advance(Duration.between(Instant.now(), instant));
		scheduler.triggerCheckForDueExecutions();
	}

	void advance(Duration duration) {
		clock.advance(duration);
		scheduler.triggerCheckForDueExecutions();
	}

	/** Back to the real time; every test that moved time ends with this. */
	void reset() {
		clock.reset();
		scheduler.triggerCheckForDueExecutions();
	}
}
