package io.staybook.booking;

import io.staybook.booking.BookingMails.Event;
import io.staybook.shared.DomainException;
import io.staybook.shared.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host's answer to a request to book (the contract's "Request to book"): a listing without instant book gets
 * bookings in status {@code requested} ({@link BookingService#create}), which hold their nights until
 * {@code expires_at}, the host's deadline ({@code staybook.bookings.request-time}, 24 hours). The host (or an admin)
 * approves one, and it awaits payment for a hold time from then, or declines it, and its nights are free again. A
 * request past its deadline is declined with the reason {@code expired} by the sweep ({@link Holds#sweep}); before the
 * sweep reaches it, it already holds nothing (its calendar row carries the deadline, V19) and cannot be approved.
 * The guest withdraws a request with {@link BookingService#cancel}.
 */
@Service
public class RequestToBook {

	private final BookingService bookings;

	private final Bookings rows;

	private final BookingMails mails;

	private final BookingSettings settings;

	private final Clock clock;

	/**
	 * What identifies an answer for an {@code Idempotency-Key}: the booking, {@code approve} or {@code decline}, and the
	 * reason given.
	 */
	public record Answer(UUID bookingId, String answer, String reason) {

		/** The host's approval of the request {@code bookingId}. */
		public static Answer approve(UUID bookingId) {
			return new Answer(bookingId, "approve", null);
		}

		/** The host's refusal of the request {@code bookingId}, with an optional reason shown to the guest. */
		public static Answer decline(UUID bookingId, String reason) {
			return new Answer(bookingId, "decline", reason);
		}
	}

	RequestToBook(BookingService bookings, Bookings rows, BookingMails mails, BookingSettings settings, Clock clock) {
		this.bookings = bookings;
		this.rows = rows;
		this.mails = mails;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * {@code requested} → {@code pending_payment}, with {@code expires_at} a hold time ({@code hold-time}, 15 minutes)
	 * from now; the guest is asked to pay, the host told.
	 *
	 * @throws DomainException 404 {@code not_found} for whom may not see the booking, 403 {@code host_only} for its
	 *         guest, 409 {@code illegal_status_change} unless it is a request, 409 {@code request_expired} when its
	 *         deadline has passed
	 */
	@Transactional
	public BookingView approve(Actor actor, UUID id) {
		Booking booking = bookings.hostSide(actor, id);
		Instant now = clock.instant();
		refuseOverdue(booking, now);
		booking.approve(now, now.plus(settings.holdTime()));
		rows.flush();
		BookingView view = booking.view();
		mails.send(Event.APPROVED, view);
		return view;
	}

	/**
	 * {@code requested} → {@code declined} with {@code reason} (may be null) as {@code decline_reason}; its nights are
	 * free again, the guest is told, the host too.
	 *
	 * @throws DomainException as {@link #approve}, and 400 {@code validation_failed} for a {@code reason} over 1,000
	 *         characters
	 */
	@Transactional
	public BookingView decline(Actor actor, UUID id, String reason) {
		BookingService.checkReason(reason);
		Booking booking = bookings.hostSide(actor, id);
		Instant now = clock.instant();
		refuseOverdue(booking, now);
		booking.decline(reason, now);
		rows.flush();
		BookingView view = booking.view();
		mails.send(Event.DECLINED, view);
		return view;
	}

	/**
	 * A request past its deadline is no longer the host's to answer: it is declined as {@code expired} by the sweep,
	 * which tells both sides. (Answering 409 here leaves it to the sweep rather than declining it in a transaction
	 * that the refusal rolls back.)
	 */
	private static void refuseOverdue(Booking booking, Instant now) {
		if (booking.status() == BookingStatus.REQUESTED && booking.isOverdue(now)) {
			throw BookingService.overdue(booking);
		}
	}
}
