package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** How {@link Subscriptions} counts an account's open subscriptions. */
class SubscriptionsUnitTests {

	final Subscriptions subscriptions = new Subscriptions(
			new MessageSettings(Duration.ofMinutes(15), 10, 3, "staybook:messages", null));

	final UUID account = UUID.randomUUID();

	final Sinks.Many<String> bus = Sinks.many().multicast().directBestEffort();

	@Test
	void aStreamCountsWhileItIsOpenAndNoLonger() {
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			open.add(subscriptions.hold(account, bus.asFlux()).subscribe());
		}
		assertThatThrownBy(() -> subscriptions.hold(account, bus.asFlux()))
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.code()).isEqualTo("too_many_subscriptions"));

		open.removeFirst().dispose();
		open.add(subscriptions.hold(account, bus.asFlux()).subscribe());
		open.forEach(Disposable::dispose);
	}

	/**
	 * A stream handed out but never subscribed to (its client gone before the subscription started) held its place
	 * for the life of the node: the place is taken when the stream opens, not when it is made.
	 */
	@Test
	void aStreamNeverOpenedTakesNoPlace() {
		for (int i = 0; i < 5; i++) {
			Flux<String> neverOpened = subscriptions.hold(account, bus.asFlux());
			assertThat(neverOpened).isNotNull();
		}
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			open.add(subscriptions.hold(account, bus.asFlux()).subscribe());
		}
		open.forEach(Disposable::dispose);
	}

	/** Streams made together before any opened are refused when they open past the limit, as an error of the stream. */
	@Test
	void streamsMadeTogetherAreCountedAsTheyOpen() {
		List<Flux<String>> made = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			made.add(subscriptions.hold(account, bus.asFlux()));
		}
		List<Throwable> errors = new ArrayList<>();
		List<Disposable> open = new ArrayList<>();
		made.forEach(flux -> open.add(flux.subscribe(next -> {
		}, errors::add)));

		assertThat(errors).singleElement()
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.code()).isEqualTo("too_many_subscriptions"));
		open.forEach(Disposable::dispose);
	}
}
