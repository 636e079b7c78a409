package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link LoginThrottle} with a clock the test moves: 5 failures within 15 minutes block until the oldest leaves. */
class LoginThrottleUnitTests {

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(clock);

	{
		clock.fixAt(Instant.parse("2026-11-21T10:00:00Z"));
	}

	private void fail(String email, int times) {
		for (int i = 0; i < times; i++) {
			throttle.recordFailure(email);
		}
	}

	@Test
	void fourFailuresDoNotBlockAndFiveDo() {
		fail("ada@example.com", 4);
		assertThat(throttle.blockedFor("ada@example.com")).isEmpty();

		fail("ada@example.com", 1);
		assertThat(throttle.blockedFor("ada@example.com")).contains(Duration.ofMinutes(15));
	}

	@Test
	void theWaitEndsWhenTheOldestFailureLeavesTheWindow() {
		throttle.recordFailure("ada@example.com");
		clock.advance(Duration.ofMinutes(4));
		fail("ada@example.com", 4);

		assertThat(throttle.blockedFor("ada@example.com")).contains(Duration.ofMinutes(11));
		clock.advance(Duration.ofMinutes(10));
		assertThat(throttle.blockedFor("ada@example.com")).contains(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.blockedFor("ada@example.com")).isEmpty();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		fail("ada@example.com", 4);
		clock.advance(Duration.ofMinutes(15));
		fail("ada@example.com", 1);

		assertThat(throttle.blockedFor("ada@example.com")).isEmpty();
	}

	@Test
	void theKeyIgnoresLetterCaseAndSurroundingSpace() {
		fail("Ada@Example.com", 3);
		fail(" ada@example.COM ", 2);

		assertThat(throttle.blockedFor("ADA@EXAMPLE.COM")).isPresent();
		assertThat(throttle.blockedFor("bob@example.com")).isEmpty();
	}

	@Test
	void aResetForgetsTheFailures() {
		fail("ada@example.com", 5);
		throttle.reset("ADA@example.com");

		assertThat(throttle.blockedFor("ada@example.com")).isEmpty();
		fail("ada@example.com", 4);
		assertThat(throttle.blockedFor("ada@example.com")).isEmpty();
	}

	@Test
	void moreFailuresKeepTheBlockGoingFromTheFifthMostRecent() {
		fail("ada@example.com", 5);
		clock.advance(Duration.ofMinutes(10));
		fail("ada@example.com", 5);

		// the first five have been replaced by the five recent ones: 15 minutes from those
		assertThat(throttle.blockedFor("ada@example.com")).contains(Duration.ofMinutes(15));
	}
}
