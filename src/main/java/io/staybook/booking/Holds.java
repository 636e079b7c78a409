package io.staybook.booking;

import io.staybook.booking.BookingMails.Event;
import io.staybook.shared.DomainException;
import io.staybook.shared.persistence.RetryingTransactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end of holds: a hold past its {@code expires_at} expires (and its guest and host are told) when a booking needs
 * its dates, when a payment asks, or at the latest at the next sweep, every {@link BookingSettings#sweepInterval()}.
 * Until then it already holds nothing for readers (search and availability skip it, V17) and cannot be paid
 * ({@link BookingService#lockForPayment}). A hold whose payment is in flight waits for its outcome, up to
 * {@link BookingSettings#paymentGrace()} (see {@link PaymentsInFlight}).
 */
@Component
class Holds {

	private static final Logger log = LoggerFactory.getLogger(Holds.class);

	/** Holds locked and expired per sweep transaction. */
	static final int BATCH = 500;

	private final Bookings bookings;

	private final BookingRows rows;

	private final BookingMails mails;

	private final PaymentsInFlight paymentsInFlight;

	private final BookingSettings settings;

	private final RetryingTransactions transactions;

	private final Clock clock;

	Holds(Bookings bookings, BookingRows rows, BookingMails mails, PaymentsInFlight paymentsInFlight,
			BookingSettings settings, RetryingTransactions transactions, Clock clock) {
		this.bookings = bookings;
		this.rows = rows;
		this.mails = mails;
		this.paymentsInFlight = paymentsInFlight;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Makes way for a stay of [checkIn, checkOut) on the locked listing, in the caller's transaction: a hold past its
	 * time that overlaps it expires here and now (the sweep may not have run yet); anything else overlapping (a live
	 * hold, a paid booking, a hold whose payment is in flight) is a 409 {@code dates_unavailable}, found by one indexed
	 * query rather than by a violated constraint. Host blocks are left to the calendar's constraint.
	 *
	 * @param except the booking being changed (or the one about to be inserted), which is not in its own way
	 */
	void clearWay(UUID propertyId, LocalDate checkIn, LocalDate checkOut, UUID except, Instant now) {
		clearWay(rows.overlapping(propertyId, checkIn, checkOut, except), now);
	}

	/**
	 * As {@link #clearWay(UUID, LocalDate, LocalDate, UUID, Instant)}, for the active bookings already found in the
	 * way (by the statement that tried the insert, {@link BookingRows#insertUnlessOverlapping}).
	 *
	 * @throws DomainException 409 {@code dates_unavailable} unless every one is a hold past its time that could end
	 */
	void clearWay(List<BookingRows.Span> spans, Instant now) {
		if (spans.isEmpty()) {
			return;
		}
		if (!spans.stream().allMatch(span -> span.isOverdueHold(now))) {
			throw datesUnavailable();
		}
		for (BookingRows.Span span : spans) {
			Booking hold = bookings.findForUpdate(span.id()).orElseThrow(Holds::datesUnavailable);
			if (!expire(hold, paymentsInFlight.inFlight(hold.getId()), now)) {
				throw datesUnavailable();
			}
		}
		// now: Hibernate would otherwise insert the new row first, into a calendar the holds still fill
		bookings.flush();
	}

	/** Expires the booking, locked here, if it is a hold past its time (and grace); in the caller's transaction. */
	boolean expireIfDue(UUID id) {
		Booking booking = bookings.findForUpdate(id).orElse(null);
		return booking != null && expire(booking, paymentsInFlight.inFlight(id), clock.instant());
	}

	/** As {@link #expire(Booking, boolean, Instant)}, asking whether a payment for it is in flight. */
	boolean expire(Booking booking, Instant now) {
		return booking.isOverdue(now) && expire(booking, paymentsInFlight.inFlight(booking.getId()), now);
	}

	/** Expires a locked booking if it is a hold past its time (and grace), and schedules the mail that says so. */
	boolean expire(Booking booking, boolean paymentInFlight, Instant now) {
		if (!booking.expireIfDue(now, paymentInFlight, settings.paymentGrace())) {
			return false;
		}
		mails.send(booking.status() == BookingStatus.DECLINED ? Event.REQUEST_EXPIRED : Event.EXPIRED, booking.view());
		return true;
	}

	/**
	 * Expires every hold past its time, oldest first, {@value #BATCH} per transaction. A hold whose payment is in flight
	 * waits and is looked at by a later sweep; a hold locked by another transaction is skipped, so that sweeps on
	 * several nodes, and bookings expiring holds in their way, never wait for each other. A batch that fails is done
	 * again a hold per transaction, so that one hold that cannot be closed does not hold back the others.
	 *
	 * @return how many holds expired
	 * @throws IllegalStateException after the sweep, if some holds could not be closed (each is logged)
	 */
	int sweep() {
		Instant now = clock.instant();
		Batch batch = new Batch(new Key(Instant.EPOCH, new UUID(0, 0)), BATCH, 0, 0);
		int expired = 0;
		int failed = 0;
		while (batch.seen() == BATCH) {
			Key after = batch.last();
			try {
				batch = transactions.execute(() -> together(now, after));
			}
			catch (RuntimeException batchFailed) {
				batch = oneByOne(now, after);
			}
			expired += batch.expired();
			failed += batch.failed();
		}
		if (failed > 0) {
			throw new IllegalStateException(failed + " holds could not be closed; see the log");
		}
		return expired;
	}

	/** Where a sweep is in the order of {@code (expires_at, id)}. */
	private record Key(Instant expiresAt, UUID id) {
	}

	/** One batch of a sweep: the last hold it saw, how many it saw, expired, failed to expire. */
	private record Batch(Key last, int seen, int expired, int failed) {
	}

	private Batch together(Instant now, Key after) {
		List<Booking> holds = lock(now, after);
		int expired = 0;
		for (Booking hold : holds) {
			expired += expire(hold, paymentsInFlight.inFlight(hold.getId()), now) ? 1 : 0;
		}
		return new Batch(lastOf(holds, after), holds.size(), expired, 0);
	}

	private Batch oneByOne(Instant now, Key after) {
		List<Booking> holds = transactions.execute(() -> lock(now, after));
		int expired = 0;
		int failed = 0;
		for (Booking hold : holds) {
			try {
				expired += transactions.execute(() -> expireIfDue(hold.getId())) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				failed++;
				log.warn("Hold {} could not be expired by the sweep", hold.getId(), ex);
			}
		}
		return new Batch(lastOf(holds, after), holds.size(), expired, failed);
	}

	private List<Booking> lock(Instant now, Key after) {
		return bookings.lockOverdueHolds(now, after.expiresAt(), after.id(), BATCH);
	}

	private static Key lastOf(List<Booking> holds, Key before) {
		return holds.isEmpty() ? before : new Key(holds.getLast().expiresAt(), holds.getLast().getId());
	}

	static DomainException datesUnavailable() {
		return DomainException.conflict("dates_unavailable",
				"The property is already booked or blocked for some of these dates.");
	}
}
