package io.staybook.message;

import java.time.Duration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The node's own delivery: a hot multicast to this node's subscribers; the last leg of {@link RedisMessageBus} and
 * {@link PostgresMessageBus}. On its own it reaches this node only.
 */
class LocalMessageBus implements MessageBus {

	/** A subscriber that cannot keep up loses messages rather than holding up the others. */
	private final Sinks.Many<MessageAdded> sink = Sinks.many().multicast().directBestEffort();

	/** Delivers {@code event} to this node's subscribers after the current transaction commits (at once if none). */
	@Override
	public void publish(MessageAdded event) {
		afterCommit(() -> deliver(event));
	}

	/** Delivers {@code event} to this node's subscribers now. */
	void deliver(MessageAdded event) {
		// emits from several threads at once are serialised by retrying briefly
		sink.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
	}

	@Override
	public Flux<MessageAdded> events() {
		return sink.asFlux();
	}

	/** Runs {@code action} once the current transaction has committed (never if it rolls back), or now if none. */
	static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
