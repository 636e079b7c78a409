package io.staybook.booking;

import io.staybook.booking.BookingMails.Event;
import io.staybook.booking.RefundPolicy.CancelledBy;
import io.staybook.property.ListingQueue;
import io.staybook.property.PricedListing;
import io.staybook.property.PriceRules;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyView;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.money.ChargeLimits;
import io.staybook.shared.money.InvalidMoney;
import io.staybook.shared.money.Money;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.RetryingTransactions;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import io.staybook.user.AccountRecovery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking rules: who may book, see and change which booking, the status machine, and the jobs and mails each change
 * schedules in its own transaction.
 */
@Service
public class BookingService {

	static final int JOB_BATCH = 500;

	/**
	 * The longest cancellation or decline reason, in characters (code points, {@link Characters}): as the REST bodies'
	 * {@code @CodePointLength} and the columns' {@code char_length} checks count them.
	 */
	public static final int MAX_REASON = 1000;

	private final Bookings bookings;

	private final BookingRows rows;

	private final PropertyService properties;

	private final BookingMails mails;

	private final BookingSettings settings;

	private final ApplicationEventPublisher events;

	private final PaymentsInFlight paymentsInFlight;

	private final RetryingTransactions transactions;

	private final Holds holds;

	private final Clock clock;

	private final AccountRecovery accounts;

	private final ListingQueue queue;

	private final Idempotent idempotent;

	BookingService(Bookings bookings, BookingRows rows, PropertyService properties, BookingMails mails,
			BookingSettings settings, ApplicationEventPublisher events, PaymentsInFlight paymentsInFlight,
			RetryingTransactions transactions, Holds holds, Clock clock, AccountRecovery accounts,
			ListingQueue queue, Idempotent idempotent) {
		this.accounts = accounts;
		this.queue = queue;
		this.idempotent = idempotent;
		this.rows = rows;
		this.holds = holds;
		this.paymentsInFlight = paymentsInFlight;
		this.transactions = transactions;
		this.bookings = bookings;
		this.properties = properties;
		this.mails = mails;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/** A new booking of {@code guests} at a listing for the nights [checkIn, checkOut). */
	public record Request(UUID propertyId, LocalDate checkIn, LocalDate checkOut, int guests) {
	}

	/** A change of an unpaid booking; null fields stay as they are. */
	public record Change(LocalDate checkIn, LocalDate checkOut, Integer guests) {
	}

	/** Whose bookings a list shows. */
	public enum Scope {

		GUEST, HOST, ALL

	}

	/**
	 * A new booking as the API makes it, over REST and GraphQL: in its listing's turn on this node, before any
	 * connection is held ({@link ListingQueue}: a burst on one listing would otherwise hold the pool while it waits for
	 * the listing's row lock), then once per idempotency key ({@link Idempotent}; a missing key runs it plainly), then
	 * {@link #create(Actor, Request)}.
	 *
	 * @throws DomainException as {@link #create(Actor, Request)} and {@link Idempotent#run}; 503
	 *         {@code service_unavailable} when the listing's turn does not come in time
	 */
	public Idempotent.Outcome<BookingView> create(Actor actor, String idempotencyKey, Request request) {
		return queue.inTurn(request.propertyId(), () -> idempotent.run(IdempotencyScope.user(actor.id()),
				idempotencyKey, request, BookingView.class, () -> create(actor, request)));
	}

	/**
	 * Holds the dates for the guest until paid, or until the hold expires: one transaction (the caller's, for an
	 * idempotent request) that locks the listing, inserts the booking (its calendar row by trigger) if nothing active
	 * overlaps it, else expires holds in the way whose time has passed and inserts it then, and schedules one
	 * {@code booking-mail} job; the hold's end needs no job of its own (see {@link #expireOverdueHolds}).
	 */
	public BookingView create(Actor actor, Request request) {
		// staybook.accounts.require-verified-email-to-book: 403 email_not_verified (nothing read when off)
		accounts.requireVerifiedToBook(actor.id());
		return retryingDeadlocks(() -> createOnce(actor, request));
	}

	private BookingView createOnce(Actor actor, Request request) {
		// priced from the listing's locked row, not the cache: see PropertyService#lockForBooking
		PricedListing locked = properties.lockForBooking(request.propertyId(), request.checkIn(), request.checkOut());
		PropertyView property = locked.listing();
		if (actor.is(property.hostId())) {
			throw DomainException.forbidden("own_listing", "You cannot book your own listing.");
		}
		Instant now = clock.instant();
		Price price = priceStay(property, locked.rules(), request.checkIn(), request.checkOut(), request.guests(),
				now);
		Booking booking = new Booking(property.id(), actor.id(), property.hostId(), request.checkIn(),
				request.checkOut(), request.guests(), price, property.cancellationPolicy(), property.zone(), now,
				now.plus(settings.holdTime()));
		if (!property.instantBook()) {
			// request to book: the host answers by then (RequestToBook); the nights are held meanwhile
			booking.request(requestDeadline(now, request.checkIn(), property.zone()));
		}
		BookingView view = booking.view();
		refusingConflicts(() -> {
			// made or refused in one statement; only when overdue holds are all that is in the way, they end first
			List<BookingRows.Span> inTheWay = rows.insertUnlessOverlapping(view);
			if (!inTheWay.isEmpty()) {
				holds.clearWay(inTheWay, now);
				rows.insert(view);
			}
		});
		mails.sendNew(view.status() == BookingStatus.REQUESTED ? Event.REQUESTED : Event.CREATED, view,
				property.title());
		return view;
	}

	/**
	 * The host's deadline to answer a request: {@code request-time} (24 hours) from now, or the end of the check-in date
	 * where the listing is if that comes first. After it the stay has begun: a booking of it would be refused (400, past
	 * check-in), and approving it would ask the guest to pay for nights already gone.
	 */
	private Instant requestDeadline(Instant now, LocalDate checkIn, ZoneId zone) {
		Instant answerBy = now.plus(settings.requestTime());
		Instant checkInDateEnds = checkIn.plusDays(1).atStartOfDay(zone).toInstant();
		return answerBy.isBefore(checkInDateEnds) ? answerBy : checkInDateEnds;
	}

	/**
	 * What a booking of the stay made now would cost, priced as {@link #create} prices it and refused with the same
	 * 400s (past or far check-in, nights outside the listing's limits, guests outside [1, max_guests], a total no card
	 * payment can take: {@link ChargeLimits}); whether the dates are free is not asked (a quote is a price: see the
	 * calendar). Anyone may ask, the listing's host too.
	 *
	 * @throws DomainException 404 for no such listing, 400 {@code validation_failed}
	 */
	@Transactional(readOnly = true)
	public Price quote(UUID propertyId, LocalDate checkIn, LocalDate checkOut, int guests) {
		PropertyView listing = properties.view(propertyId);
		return priceStay(listing, properties.priceRules(listing, checkIn, checkOut), checkIn, checkOut, guests,
				clock.instant());
	}

	/**
	 * One page of the actor's bookings as guest or as host, newest first, optionally of one status: each as it reads
	 * now ({@link #viewFor}), and filtered by that status.
	 */
	@Transactional(readOnly = true)
	public Page<BookingView> list(Actor actor, Scope scope, BookingStatus status, PageRequest page) {
		UUID guest = scope == Scope.GUEST ? actor.id() : null;
		UUID host = scope == Scope.HOST ? actor.id() : null;
		if (scope == Scope.ALL && !actor.isAdmin()) {
			throw DomainException.forbidden("admin_only", "Only admins may list all bookings.");
		}
		Instant now = clock.instant();
		List<Booking> rows = bookings.page(guest, host, status, page.afterId(), now, BookingStatus.STAYING,
				BookingStatus.COMPLETED, Limit.of(page.fetchSize()));
		return Page.of(rows, page.limit(), booking -> Cursors.encode(booking.getId())).map(b -> b.view(now));
	}

	/**
	 * The one rule of who sees a booking: its guest, the listing's host and admins; for anyone else it does not exist
	 * (404, so that its existence does not leak). Payments and reviews ask here too. It reads as it is now: a paid stay
	 * whose check-out date has passed where the property is reads {@code completed} (and is reviewable as such) before
	 * the completion job has written it ({@link Booking#isOver}).
	 */
	@Transactional(readOnly = true)
	public BookingView viewFor(Actor actor, UUID id) {
		return visible(actor, bookings.findById(id)).view(clock.instant());
	}

	/**
	 * The guest changes dates or guests while the booking is unpaid; it is sold again as a booking made now would be: at
	 * today's prices, under the listing's current cancellation policy, in its current time zone. A request the host
	 * approved keeps what was approved.
	 *
	 * @throws DomainException 404 for whom may not see it, 403 {@code guest_only}, 409 {@code illegal_status_change}
	 *         (not {@code pending_payment}, or an approved request), {@code hold_expired} (its time is up, even before
	 *         the sweep has expired it), {@code payment_in_progress} or {@code dates_unavailable}, 400 {@code validation_failed}; 503 {@code service_unavailable} when the
	 *         listing's turn on this node does not come in time ({@link ListingQueue})
	 */
	public BookingView update(Actor actor, UUID id, Change change) {
		UUID propertyId = bookings.findPropertyId(id).orElseThrow(() -> DomainException.notFound("Booking"));
		// the listing's turn on this node before a connection is held, as for new bookings: a change locks the
		// listing's row too, and a burst of them on one listing would otherwise hold the pool while they wait
		return queue.inTurn(propertyId, () -> retryingDeadlocks(() -> updateOnce(actor, id, propertyId, change)));
	}

	private BookingView updateOnce(Actor actor, UUID id, UUID propertyId, Change change) {
		Booking booking = visible(actor, bookings.findForUpdate(id));
		if (!booking.isGuest(actor.id())) {
			throw DomainException.forbidden("guest_only", "Only the guest can change a booking.");
		}
		if (booking.status() != BookingStatus.PENDING_PAYMENT) {
			throw DomainException.conflict("illegal_status_change", "Only an unpaid booking can be changed.");
		}
		if (booking.isApprovedRequest()) {
			// the host approved these dates and guests, not whatever the guest makes of them before paying
			throw DomainException.conflict("illegal_status_change", Booking.APPROVED_IS_FIXED);
		}
		if (paymentsInFlight.inFlight(id)) {
			throw paymentInProgress();
		}
		if (booking.isOverdue(clock.instant())) {
			// its time is up, swept or not: it holds nothing and cannot be paid (lockForPayment), so moving it would
			// only show the guest a booking that is no more; a new booking is what they want
			throw DomainException.conflict("hold_expired", "The booking's hold has expired.");
		}
		BookingView current = booking.view();
		LocalDate checkIn = Objects.requireNonNullElse(change.checkIn(), current.checkIn());
		LocalDate checkOut = Objects.requireNonNullElse(change.checkOut(), current.checkOut());
		int guests = Objects.requireNonNullElse(change.guests(), current.guests());
		PricedListing locked = properties.lockForBooking(propertyId, checkIn, checkOut);
		Instant now = clock.instant();
		Price price = priceStay(locked.listing(), locked.rules(), checkIn, checkOut, guests, now);
		holds.clearWay(propertyId, checkIn, checkOut, id, now);
		booking.reschedule(checkIn, checkOut, guests, price, locked.listing().cancellationPolicy(),
				locked.listing().zone(), now);
		save(booking);
		return booking.view();
	}

	/**
	 * The guest, the host or an admin cancels an unpaid or confirmed booking. A paid one is refunded by the policy
	 * copied onto it; the refund is paid back by the payments module, which listens for {@link BookingCancelled}.
	 *
	 * @param reason optional, at most {@value #MAX_REASON} characters
	 * @throws DomainException 400 {@code validation_failed} on {@code reason}; 404 for whom may not see the booking;
	 *         409 {@code illegal_status_change}, or {@code request_expired} / {@code hold_expired} for a request or
	 *         hold past its time (the sweep's to end, even before it runs)
	 */
	@Transactional
	public BookingView cancel(Actor actor, UUID id, String reason) {
		checkReason(reason);
		Booking booking = visible(actor, bookings.findForUpdate(id));
		BookingStatus before = booking.status();
		if (before == BookingStatus.REQUESTED && !booking.isGuest(actor.id())) {
			throw DomainException.conflict("illegal_status_change",
					"A request is answered with POST /bookings/{id}/decline; only its guest can cancel it.");
		}
		Instant now = clock.instant();
		if (booking.isOverdue(now) && booking.isDue(now, paymentsInFlight.inFlight(id), settings.paymentGrace())) {
			// past its time, swept or not, it is the sweep's: declined as expired (a request) or expired (a hold), as
			// it would read had the sweep run a moment earlier; not "cancelled" by whoever came first
			throw overdue(booking);
		}
		BigDecimal refund = null;
		if (booking.status() == BookingStatus.CONFIRMED) {
			CancelledBy by = booking.isGuest(actor.id()) ? CancelledBy.GUEST : CancelledBy.HOST_OR_ADMIN;
			refund = RefundPolicy.refund(booking.price(), booking.cancellationPolicy(), booking.checkInDate(), by,
					booking.createdAt(), now, booking.today(now));
		}
		booking.cancel(actor.id(), reason, refund, now);
		bookings.flush();
		BookingView view = booking.view();
		events.publishEvent(new BookingCancelled(id, refund, view.currency()));
		mails.send(Event.cancelling(before), view);
		return view;
	}

	/** The host (or an admin) lets the guest in, from the check-in date on. */
	@Transactional
	public BookingView checkIn(Actor actor, UUID id) {
		Booking booking = hostSide(actor, id);
		Instant now = clock.instant();
		booking.checkIn(booking.today(now), now);
		return booking.view();
	}

	/**
	 * Records the guest's check-out, by the listing's host or an admin: checked_in becomes completed.
	 * @throws DomainException 404 when the actor may not see the booking, 403 for its guest, 409 when it is not
	 * checked in
	 */
	@Transactional
	public BookingView checkOut(Actor actor, UUID id) {
		Booking booking = hostSide(actor, id);
		booking.checkOut(clock.instant());
		return booking.view();
	}

	/**
	 * Confirms a booking without a payment: for demo data and tests of other modules only. Payments confirm through
	 * {@link #confirmIfPaid}.
	 */
	@Transactional
	public BookingView confirm(UUID id) {
		Booking booking = bookings.findForUpdate(id).orElseThrow(() -> DomainException.notFound("Booking"));
		booking.confirm(clock.instant());
		BookingView view = booking.view();
		mails.send(Event.CONFIRMED, view);
		return view;
	}

	/**
	 * Locks the booking a guest is about to pay for and checks that it can be paid: the caller is its guest, it
	 * awaits payment, its hold has not run out. Taken first by the payment's transaction, so that a payment is never
	 * created while the booking changes or another payment's outcome is recorded.
	 *
	 * @return the booking as locked
	 * @throws DomainException 404 if the caller may not see it, 403 {@code guest_only}, 409
	 *         {@code booking_not_payable} or {@code hold_expired}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public BookingView lockForPayment(Actor actor, UUID id) {
		Booking booking = visible(actor, bookings.findForUpdate(id));
		if (!booking.isGuest(actor.id())) {
			throw DomainException.forbidden("guest_only", "Only the booking's guest can pay for it.");
		}
		if (booking.status() != BookingStatus.PENDING_PAYMENT) {
			throw DomainException.conflict("booking_not_payable", "The booking is not awaiting payment.");
		}
		if (!clock.instant().isBefore(booking.expiresAt())) {
			throw DomainException.conflict("hold_expired", "The booking's hold has expired.");
		}
		return booking.view();
	}

	/**
	 * Locks the booking whose charge is about to be made or recorded (the charge job, a provider event), with no
	 * access check. Empty if the booking does not exist.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public java.util.Optional<BookingView> lockForCharge(UUID id) {
		return bookings.findForUpdate(id).map(Booking::view);
	}

	/**
	 * Whether a charge of {@code amount} in {@code currency} may be made for the booking now: it awaits payment, the
	 * amount is its total, and its hold has not run out past the payment grace. Called with the booking locked
	 * ({@link #lockForCharge}); a hold past its grace is expired here (and the guest told), so that nothing is charged
	 * for it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean chargeable(UUID id, BigDecimal amount, String currency) {
		Booking booking = bookings.findForUpdate(id).orElse(null);
		if (booking == null || !owes(booking, amount, currency)) {
			return false;
		}
		// the payment is still pending, hence "in flight": only the grace past the hold's expiry bounds it
		return !holds.expire(booking, true, clock.instant());
	}

	/**
	 * A charge of {@code amount} succeeded: confirms the booking if it still awaits payment and owes exactly that
	 * amount. For a payment that was pending, whether or not its hold time has passed since (a guest who paid in time
	 * gets the stay; the hold waited for the payment, see {@link PaymentsInFlight}); for a {@code late} one, a payment
	 * we had recorded as failed (the hold did not wait for it), only while the hold lasts. Otherwise (expired,
	 * cancelled, another amount, paid by another payment) changes nothing and returns false, so that the caller
	 * refunds the charge. Called in the transaction that records the payment's success, with the booking locked.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean confirmIfPaid(UUID id, BigDecimal amount, String currency, boolean late) {
		Booking booking = bookings.findForUpdate(id).orElseThrow(() -> DomainException.notFound("Booking"));
		if (!owes(booking, amount, currency) || (late && booking.isOverdue(clock.instant()))) {
			return false;
		}
		booking.confirm(clock.instant());
		mails.send(Event.CONFIRMED, booking.view());
		return true;
	}

	/**
	 * A payment for the booking failed (declined, or given up after retries): a hold whose time ran out while it
	 * waited for that payment expires now, and the guest is told.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void paymentFailed(UUID id) {
		holds.expireIfDue(id);
	}

	/**
	 * Expires the booking if it is an unpaid hold past its time (and past the grace if a payment for it is in flight);
	 * otherwise does nothing. What the {@code expire-hold} jobs scheduled before the sweep existed still call.
	 */
	@Transactional
	public void expireHold(UUID id) {
		holds.expireIfDue(id);
	}

	/**
	 * The sweep: expires every hold past its time, in bounded batches ({@link Holds#sweep}).
	 *
	 * @return how many holds expired
	 * @throws IllegalStateException after the sweep, if some holds could not be closed (each is logged)
	 */
	public int expireOverdueHolds() {
		return holds.sweep();
	}

	private static boolean owes(Booking booking, BigDecimal amount, String currency) {
		return booking.status() == BookingStatus.PENDING_PAYMENT && booking.currency().equals(currency)
				&& booking.totalPrice().compareTo(amount) == 0;
	}

	/** The stay is over where the property is: completed. Idempotent. */
	@Transactional
	public void completeIfOver(UUID id) {
		bookings.findForUpdate(id).ifPresent(booking -> booking.completeIfOver(clock.instant()));
	}

	/** Stays that may be over, for the recurring job (bounded; each is checked in its own time zone). */
	@Transactional(readOnly = true)
	public List<UUID> staysPossiblyOver() {
		LocalDate latestToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
		return bookings.staysEndedBefore(BookingStatus.STAYING, latestToday, Limit.of(JOB_BATCH));
	}

	private Price priceStay(PropertyView property, PriceRules rules, LocalDate checkIn, LocalDate checkOut, int guests,
			Instant now) {
		LocalDate today = LocalDate.ofInstant(now, property.zone());
		long nights = ChronoUnit.DAYS.between(checkIn, checkOut);
		FieldErrors errors = new FieldErrors()
			.require(!checkIn.isBefore(today), "check_in", "must not be in the past (today is " + today + " there)")
			.require(PropertyService.withinHorizon(checkIn, today), "check_in", PropertyService.beyondHorizon())
			.require(nights > 0, "check_out", "must be after check_in")
			.require(guests >= 1 && guests <= property.maxGuests(), "guests",
					"must be between 1 and " + property.maxGuests());
		if (nights > 0) {
			errors.require(nights >= property.minNights() && nights <= property.maxNights(), "check_out",
					"the stay must be between " + property.minNights() + " and " + property.maxNights() + " nights");
		}
		errors.throwIfAny();
		// the one pricing function, as quotes use it (see #quote). Listings are checked against the largest stay when
		// saved; a service fee raised since can still overflow, which is then an error on check_out
		Price price = InvalidMoney.onField("check_out",
				() -> Price.of(rules, checkIn, checkOut, guests, settings.serviceFeeRate()));
		// a total no card payment can take would hold the dates for a charge that fails at the provider
		ChargeLimits.refusal(new Money(price.total(), price.currency())).ifPresent(refusal -> {
			throw DomainException.invalidField("check_out", refusal);
		});
		return price;
	}

	/**
	 * Runs {@code work} in a transaction of its own, again when PostgreSQL chose it as a deadlock victim (or in the
	 * caller's, such as an idempotent request's, which then retries as a whole: {@link RetryingTransactions}). Writers
	 * of one calendar take the listing's lock first ({@link PropertyService#lockForBooking}), because two rows of overlapping
	 * dates inserted at the same moment can each find the other's uncommitted row in an exclusion constraint's index
	 * and wait for it, a deadlock that kept recurring under 60 racing guests. The retry is the safety net for what the
	 * lock does not order.
	 */
	private BookingView retryingDeadlocks(java.util.function.Supplier<BookingView> work) {
		return transactions.execute(work);
	}

	/** Writes now, so that the database's constraints speak here, where they can become a 409. */
	private void save(Booking booking) {
		refusingConflicts(() -> bookings.saveAndFlush(booking));
	}

	/**
	 * Runs a write of a booking, turning the database's refusals (overlap, frozen, a party gone) into 409s, and a new
	 * booking of a guest whose account was deleted meanwhile into the 401 of any deleted account's request.
	 */
	private static void refusingConflicts(Runnable write) {
		try {
			write.run();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.EXCLUSION_VIOLATION.equals(SqlStates.of(ex))) {
				throw Holds.datesUnavailable();
			}
			if (SqlStates.violates(ex, "bookings_frozen_while_paying")) {
				throw paymentInProgress();
			}
			if (SqlStates.violates(ex, "bookings_approved_stay_fixed")) {
				throw DomainException.conflict("illegal_status_change", Booking.APPROVED_IS_FIXED);
			}
			if (SqlStates.violates(ex, "bookings_guest_active")) {
				// the caller's own account was deleted while its booking waited for the deletion (V49)
				throw DomainException.accountDeleted();
			}
			if (SqlStates.violates(ex, "bookings_parties_present")) {
				// the listing, the guest or the host left the marketplace while this was being written
				throw DomainException.conflict("party_removed",
						"The listing or an account of this booking has been removed.");
			}
			throw ex;
		}
	}

	/**
	 * The refusal of an action on a request or hold past its time, before or after the sweep has ended it: 409
	 * {@code request_expired} for a request, {@code hold_expired} for a hold.
	 */
	static DomainException overdue(Booking booking) {
		return booking.status() == BookingStatus.REQUESTED
				? DomainException.conflict("request_expired",
						"The request was not answered within its time; it is declined as expired.")
				: DomainException.conflict("hold_expired", "The booking's hold has expired.");
	}

	private static DomainException paymentInProgress() {
		return DomainException.conflict("payment_in_progress",
				"A payment for this booking is in progress or done; its dates and guests can no longer change.");
	}

	/**
	 * The rule of a cancellation's or a decline's reason, here so that REST and GraphQL both get a 400 naming the field,
	 * not the database's refusal of the row.
	 */
	static void checkReason(String reason) {
		if (reason != null && Characters.count(reason) > MAX_REASON) {
			throw DomainException.invalidField("reason", "length must be between 0 and " + MAX_REASON);
		}
	}

	/** Locks the booking for its host's side (the host or an admin): 404 for who may not see it, else 403. */
	Booking hostSide(Actor actor, UUID id) {
		Booking booking = visible(actor, bookings.findForUpdate(id));
		if (!booking.isHost(actor.id()) && !actor.isAdmin()) {
			throw DomainException.forbidden("host_only", "Only the host or an admin can do this.");
		}
		return booking;
	}

	private static Booking visible(Actor actor, java.util.Optional<Booking> found) {
		return found.filter(b -> b.isGuest(actor.id()) || b.isHost(actor.id()) || actor.isAdmin())
			.orElseThrow(() -> DomainException.notFound("Booking"));
	}

}
