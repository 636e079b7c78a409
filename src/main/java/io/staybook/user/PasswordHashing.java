package io.staybook.user;

import io.staybook.shared.DomainException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every password hash and check of the service, kept out of transactions and bounded in number.
 * <p>
 * Argon2 is slow and memory-hard on purpose (about 19 MiB and tens of milliseconds a hash, see
 * {@code SecurityConfig#passwordEncoder}). Run inside a transaction it would hold a database connection all that time,
 * and a burst of logins would take the whole pool from every other request; so callers read what they need in one
 * short transaction, hash with no connection held, and write in a second one. A hash asked for while a transaction is
 * active is a programming error, refused with {@link IllegalStateException}.
 * <p>
 * At most {@code staybook.passwords.max-concurrent-hashes} hashes run at once (default: one per CPU, since each keeps a
 * core busy); a caller waits at most {@code staybook.passwords.hash-wait} for its turn and is otherwise answered 503
 * {@code service_unavailable} with {@code Retry-After}, so a burst is shed instead of queueing without end.
 * <p>
 * The hashes run on platform threads of their own, while the request's virtual thread waits for them: a virtual thread
 * is never preempted, so hashes run on the virtual threads' few carriers would keep every carrier busy and starve all
 * other requests of CPU; platform threads are time-sliced by the operating system with the carriers.
 */
@Component
class PasswordHashing {

	/** How long a client turned away should wait: a burst of logins is over within seconds. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	/**
	 * @param maxConcurrentHashes how many hashes may run at once on this node; unset: the number of CPUs
	 * @param hashWait how long a request may wait for its turn before it is answered 503
	 */
	@ConfigurationProperties("staybook.passwords")
	record Settings(Integer maxConcurrentHashes, @DefaultValue("2s") Duration hashWait) {

		int permits() {
			return maxConcurrentHashes == null ? Runtime.getRuntime().availableProcessors()
					: Math.max(1, maxConcurrentHashes);
		}
	}

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final Duration hashWait;

	private final ExecutorService hashers;

	/** Called with each hash's permit held, just before the hash; tests use it to see what the hash holds. */
	volatile Runnable beforeHash = () -> {
	};

	PasswordHashing(PasswordEncoder encoder, Settings settings) {
		this.encoder = encoder;
		this.permits = new Semaphore(settings.permits(), true);
		this.hashWait = settings.hashWait();
		this.hashers = Executors.newFixedThreadPool(settings.permits(),
				Thread.ofPlatform().name("password-hash-", 1).daemon().factory());
	}

	@PreDestroy
	void stop() {
		hashers.shutdownNow();
	}

	/** A new salted hash of {@code password}, to store. */
	String hash(String password) {
		return bounded(() -> encoder.encode(password));
	}

	/** Whether {@code password} is the one {@code hash} was made from. */
	boolean matches(String password, String hash) {
		return bounded(() -> encoder.matches(password, hash));
	}

	/** Whether {@code hash} was made with weaker parameters than new hashes get, and should be replaced on login. */
	boolean isOutdated(String hash) {
		return encoder.upgradeEncoding(hash);
	}

	private <T> T bounded(Callable<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A password hash must not run inside a transaction: it would hold its"
					+ " database connection for the whole hash");
		}
		boolean acquired;
		try {
			acquired = permits.tryAcquire(hashWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw DomainException.unavailable("service_unavailable",
					"Too many sign-ins are being checked right now; retry shortly.", RETRY_AFTER);
		}
		try {
			beforeHash.run();
			return hashers.submit(work).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while a password was hashed", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			permits.release();
		}
	}
}
