package io.staybook.shared.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Business counters of status changes, counted from Hibernate's post-commit events, so that the domain code stays free
 * of meters and a change that rolls back is not counted:
 * <ul>
 * <li>{@code staybook.bookings.transitions{from,to}};</li>
 * <li>{@code staybook.payments.transitions{from,to,provider}};</li>
 * <li>{@code staybook.refunds.transitions{from,to,provider}}, and {@code staybook.refunds.amount{currency}}, the money
 * of the refunds that succeeded (in the currency's units).</li>
 * </ul>
 * A new record counts as a transition {@code from="none"}. Statuses are tagged as the API spells them (lower case).
 * Counters are per node; a dashboard sums them ({@code sum(rate(...))}).
 */
@Component
public class StatusMeters implements PostCommitInsertEventListener, PostCommitUpdateEventListener {

	/** Entity (simple class name) to the meter's prefix. */
	private static final Map<String, String> METERED = Map.of("Booking", "staybook.bookings", "Payment",
			"staybook.payments", "Refund", "staybook.refunds");

	static final String NONE = "none";

	private final MeterRegistry registry;

	StatusMeters(MeterRegistry registry, EntityManagerFactory entityManagerFactory) {
		this.registry = registry;
		EventListenerRegistry listeners = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getServiceRegistry()
			.requireService(EventListenerRegistry.class);
		listeners.appendListeners(EventType.POST_COMMIT_INSERT, this);
		listeners.appendListeners(EventType.POST_COMMIT_UPDATE, this);
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		changed(event.getPersister(), null, event.getState());
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		if (event.getOldState() != null) {
			changed(event.getPersister(), event.getOldState(), event.getState());
		}
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return prefix(persister) != null;
	}

	@Override
	public void onPostInsertCommitFailed(PostInsertEvent event) {
	}

	@Override
	public void onPostUpdateCommitFailed(PostUpdateEvent event) {
	}

	private void changed(EntityPersister persister, Object[] oldState, Object[] state) {
		String prefix = prefix(persister);
		if (prefix == null) {
			return;
		}
		String[] names = persister.getPropertyNames();
		int status = Arrays.asList(names).indexOf("status");
		String from = oldState == null ? NONE : spelled(oldState[status]);
		String to = spelled(state[status]);
		if (from.equals(to)) {
			return;
		}
		Counter.Builder transitions = transitions(prefix, from, to);
		int provider = Arrays.asList(names).indexOf("provider");
		if (provider >= 0) {
			transitions.tag("provider", String.valueOf(state[provider]));
		}
		transitions.register(registry).increment();
		if (prefix.equals("staybook.refunds") && to.equals("succeeded")) {
			BigDecimal amount = (BigDecimal) state[Arrays.asList(names).indexOf("amount")];
			Counter.builder("staybook.refunds.amount")
				.description("Money refunded: the sum of the succeeded refunds, in the currency's units")
				.tag("currency", String.valueOf(state[Arrays.asList(names).indexOf("currency")]))
				.register(registry)
				.increment(amount.doubleValue());
		}
	}

	/**
	 * Counts a new record written without Hibernate (plain SQL, such as a new booking: {@code booking.BookingRows}) as
	 * the transition from {@code none} to {@code status} (lower case, as the API spells it) once the caller's
	 * transaction commits; nothing if it rolls back. {@code entity} is the entity's simple class name
	 * ({@code Booking}); one with no meters is ignored.
	 */
	public void insertedBySql(String entity, String status) {
		String prefix = METERED.get(entity);
		if (prefix == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				transitions(prefix, NONE, status).register(registry).increment();
			}
		});
	}

	private static Counter.Builder transitions(String prefix, String from, String to) {
		return Counter.builder(prefix + ".transitions")
			.description("Status changes, committed")
			.tag("from", from)
			.tag("to", to);
	}

	private static String prefix(EntityPersister persister) {
		String name = persister.getEntityName();
		return METERED.get(name.substring(name.lastIndexOf('.') + 1));
	}

	private static String spelled(Object status) {
		return status == null ? NONE : status.toString().toLowerCase(Locale.ROOT);
	}
}
