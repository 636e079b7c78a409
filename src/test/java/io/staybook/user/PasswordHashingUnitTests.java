package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The bound on concurrent hashes, the answer when it is reached, and the refusal to hash inside a transaction. */
class PasswordHashingUnitTests {

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	/** An encoder whose hashes run until the test releases them. */
	private final PasswordEncoder slow = new PasswordEncoder() {
		@Override
		public String encode(CharSequence raw) {
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "hash of " + raw;
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return encoded.equals(encode(raw));
		}
	};

	private PasswordHashing hashing;

	@AfterEach
	void stop() {
		release.countDown();
		TransactionSynchronizationManager.setActualTransactionActive(false);
		if (hashing != null) {
			hashing.stop();
		}
	}

	@Test
	void whenEveryPermitIsTakenAHashWaitsBrieflyAndIsThen503WithRetryAfter() throws Exception {
		hashing = new PasswordHashing(slow, new PasswordHashing.Settings(1, Duration.ofMillis(100)));
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> hashing.hash("first"));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		long before = System.nanoTime();
		assertThatThrownBy(() -> hashing.hash("second")).isInstanceOfSatisfying(DomainException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(DomainException.Kind.SERVICE_UNAVAILABLE);
			assertThat(ex.code()).isEqualTo("service_unavailable");
			assertThat(ex.retryAfter()).isPositive();
		});
		assertThat(Duration.ofNanos(System.nanoTime() - before)).as("waited no longer than a few times hash-wait")
			.isLessThan(Duration.ofSeconds(5));

		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash of first");
		assertThat(hashing.hash("third")).as("the permit is back").isEqualTo("hash of third");
	}

	@Test
	void aHashInsideATransactionIsRefused() {
		hashing = new PasswordHashing(slow, new PasswordHashing.Settings(null, Duration.ofSeconds(1)));
		TransactionSynchronizationManager.setActualTransactionActive(true);

		assertThatThrownBy(() -> hashing.hash("secret")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> hashing.matches("secret", "hash of secret")).isInstanceOf(IllegalStateException.class);
		assertThat(started.getCount()).as("no hash ran").isEqualTo(1);
	}

	@Test
	void thePermitsDefaultToTheNumberOfCpus() {
		assertThat(new PasswordHashing.Settings(null, Duration.ofSeconds(2)).permits())
			.isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(new PasswordHashing.Settings(3, Duration.ofSeconds(2)).permits()).isEqualTo(3);
	}
}
