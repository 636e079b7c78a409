package io.staybook.booking;

import io.staybook.booking.BookingMails.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to bookings when their listing or an account of theirs leaves the marketplace (the README's "Removal
 * rules"): unpaid holds and requests are locked, then cancelled in the removing transaction (one past its time
 * expires instead, as the sweep would have ended it), so that nothing can be paid or
 * confirmed for what is gone. A charge already in flight then finds its booking not payable and is refunded in full
 * (the payments module's late-charge path). Paid stays that have not ended refuse the removal instead
 * ({@link DeletionGuards}); those that have ended but were not yet completed by the completion job complete with it.
 */
@Component
class Removals {

	static final String LISTING_REMOVED = "The listing was removed.";

	static final String GUEST_LEFT = "The guest's account was deleted.";

	static final String HOST_LEFT = "The host's account was deleted.";

	private final Bookings bookings;

	/**
	 * Looked up when something is removed, not when this bean is made: the mails read accounts through the user
	 * service, which needs the deletion policies that use this.
	 */
	private final ObjectProvider<BookingMails> mails;

	private final ApplicationEventPublisher events;

	/** Looked up when something is removed, as {@link #mails} is (it sends mails). */
	private final ObjectProvider<Holds> holds;

	private final Clock clock;

	Removals(Bookings bookings, ObjectProvider<BookingMails> mails, ObjectProvider<Holds> holds,
			ApplicationEventPublisher events, Clock clock) {
		this.bookings = bookings;
		this.mails = mails;
		this.holds = holds;
		this.events = events;
		this.clock = clock;
	}

	/** Locks the listing's holds, before its deletion is judged: see {@link Bookings#lockHoldsOfProperty}. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Booking> lockHoldsOfListing(UUID propertyId) {
		return bookings.lockHoldsOfProperty(propertyId, BookingStatus.UNPAID);
	}

	/** Locks the account's holds, as guest or host, before its deletion is judged. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Booking> lockHoldsOfAccount(UUID userId) {
		return bookings.lockHoldsOfAccount(userId, BookingStatus.UNPAID);
	}

	/** Cancels the listing's holds, by {@code actor} (its host or an admin), telling guest and host. */
	@Transactional(propagation = Propagation.MANDATORY)
	void closeForRemovedListing(UUID propertyId, UUID actor) {
		completeEnded(bookings.lockHoldsOfProperty(propertyId, BookingStatus.STAYING));
		cancel(lockHoldsOfListing(propertyId), actor, booking -> LISTING_REMOVED);
	}

	/**
	 * Cancels the account's holds, as guest and as host, by {@code actor} (the account itself or an admin). A host's
	 * holds are normally gone already, with the host's listings; this closes any that are not.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void closeForRemovedAccount(UUID userId, UUID actor) {
		completeEnded(bookings.lockHoldsOfAccount(userId, BookingStatus.STAYING));
		cancel(lockHoldsOfAccount(userId), actor, booking -> booking.isGuest(userId) ? GUEST_LEFT : HOST_LEFT);
	}

	/**
	 * Completes the paid stays, locked, that are over (check-out passed in their own time zone), as the completion job
	 * would: the removal is refused while any has not ended ({@link DeletionGuards}), so these are stays the job had not
	 * reached yet. Left {@code confirmed} or {@code checked_in}, they were active bookings of something removed (R6)
	 * until it did; completed, their payout and reviews go on as for any past stay.
	 */
	private void completeEnded(List<Booking> stays) {
		Instant now = clock.instant();
		stays.forEach(stay -> stay.completeIfOver(now));
	}

	private void cancel(List<Booking> locked, UUID actor, java.util.function.Function<Booking, String> reason) {
		Instant now = clock.instant();
		Holds ending = this.holds.getObject();
		List<Booking> holds = new java.util.ArrayList<>(locked.size());
		List<Event> notices = new java.util.ArrayList<>(locked.size());
		for (Booking hold : locked) {
			// one past its time ends as the sweep would end it (expired, told so), not as cancelled by the removal
			if (ending.expire(hold, now)) {
				continue;
			}
			holds.add(hold);
			notices.add(Event.cancelling(hold.status()));
			hold.cancel(actor, reason.apply(hold), null, now);
		}
		bookings.flush();
		BookingMails mail = mails.getObject();
		for (int i = 0; i < holds.size(); i++) {
			BookingView view = holds.get(i).view();
			// nothing was paid, so nothing is refunded here; a charge in flight is refunded when it lands
			events.publishEvent(new BookingCancelled(view.id(), null, view.currency()));
			mail.send(notices.get(i), view);
		}
	}
}
