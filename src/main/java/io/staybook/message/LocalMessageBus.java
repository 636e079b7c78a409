package io.staybook.message;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The node's own delivery: a hot multicast to this node's subscribers; also the last leg of {@link RedisMessageBus}. */
class LocalMessageBus implements MessageBus {

	/** A subscriber that cannot keep up loses messages rather than holding up the others. */
	private final Sinks.Many<MessageAdded> sink = Sinks.many().multicast().directBestEffort();

	@Override
	public void publish(MessageAdded event) {
		// emits from several threads at once are serialised by retrying briefly
		sink.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
	}

	@Override
	public Flux<MessageAdded> events() {
		return sink.asFlux();
	}
}
