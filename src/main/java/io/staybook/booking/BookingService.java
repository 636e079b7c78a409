package io.staybook.booking;

import io.staybook.shared.jobs.Jobs;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.booking.BookingMails.Event;
import io.staybook.booking.RefundPolicy.CancelledBy;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyView;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.RetryingTransactions;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking rules: who may book, see and change which booking, the status machine, and the jobs and mails each change
 * schedules in its own transaction.
 */
@Service
public class BookingService {

	static final int MAX_DAYS_AHEAD = 730;

	static final int JOB_BATCH = 500;

	private final Bookings bookings;

	private final PropertyService properties;

	private final BookingMails mails;

	private final Jobs jobs;

	private final OneTimeTask<UUID> expireHold;

	private final BookingSettings settings;

	private final ApplicationEventPublisher events;

	private final RetryingTransactions transactions;

	private final Clock clock;

	BookingService(Bookings bookings, PropertyService properties, BookingMails mails, Jobs jobs,
			OneTimeTask<UUID> expireHoldTask, BookingSettings settings, ApplicationEventPublisher events,
			RetryingTransactions transactions, Clock clock) {
		this.transactions = transactions;
		this.bookings = bookings;
		this.properties = properties;
		this.mails = mails;
		this.jobs = jobs;
		this.expireHold = expireHoldTask;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	public record Request(UUID propertyId, LocalDate checkIn, LocalDate checkOut, int guests) {
	}

	/** A change of an unpaid booking; null fields stay as they are. */
	public record Change(LocalDate checkIn, LocalDate checkOut, Integer guests) {
	}

	/** Whose bookings a list shows. */
	public enum Scope {

		GUEST, HOST, ALL

	}

	/** Holds the dates for the guest until paid, or until the hold expires. */
	public BookingView create(Actor actor, Request request) {
		return retryingDeadlocks(() -> createOnce(actor, request));
	}

	private BookingView createOnce(Actor actor, Request request) {
		PropertyView property = properties.view(request.propertyId());
		if (actor.is(property.hostId())) {
			throw DomainException.forbidden("own_listing", "You cannot book your own listing.");
		}
		Instant now = clock.instant();
		Price price = priceStay(property, request.checkIn(), request.checkOut(), request.guests(), now);
		properties.lockCalendar(property.id());
		Booking booking = new Booking(property.id(), actor.id(), property.hostId(), request.checkIn(),
				request.checkOut(), request.guests(), price, property.cancellationPolicy(), property.zone(), now,
				now.plus(settings.holdTime()));
		save(booking);
		jobs.runAt(expireHold.instance(booking.getId().toString(), booking.getId()), now.plus(settings.holdTime()));
		BookingView view = booking.view();
		mails.send(Event.CREATED, view);
		return view;
	}

	@Transactional(readOnly = true)
	public Page<BookingView> list(Actor actor, Scope scope, BookingStatus status, PageRequest page) {
		UUID before = page.afterId();
		List<Booking> rows = switch (scope) {
			case GUEST -> bookings.page(actor.id(), null, status, before, Limit.of(page.fetchSize()));
			case HOST -> bookings.page(null, actor.id(), status, before, Limit.of(page.fetchSize()));
			case ALL -> {
				if (!actor.isAdmin()) {
					throw DomainException.forbidden("admin_only", "Only admins may list all bookings.");
				}
				yield bookings.page(null, null, status, before, Limit.of(page.fetchSize()));
			}
		};
		return Page.of(rows, page.limit(), booking -> Cursors.encode(booking.getId())).map(Booking::view);
	}

	/** The guest, the listing's host and admins see a booking; for anyone else it does not exist. */
	@Transactional(readOnly = true)
	public BookingView get(Actor actor, UUID id) {
		return visible(actor, bookings.findById(id)).view();
	}

	/** The guest changes dates or guests while the booking is unpaid; it is priced again at today's prices. */
	public BookingView update(Actor actor, UUID id, Change change) {
		return retryingDeadlocks(() -> updateOnce(actor, id, change));
	}

	private BookingView updateOnce(Actor actor, UUID id, Change change) {
		Booking booking = visible(actor, bookings.findForUpdate(id));
		if (!booking.isGuest(actor.id())) {
			throw DomainException.forbidden("guest_only", "Only the guest can change a booking.");
		}
		if (booking.status() != BookingStatus.PENDING_PAYMENT) {
			throw DomainException.conflict("illegal_status_change", "Only an unpaid booking can be changed.");
		}
		BookingView current = booking.view();
		LocalDate checkIn = Objects.requireNonNullElse(change.checkIn(), current.checkIn());
		LocalDate checkOut = Objects.requireNonNullElse(change.checkOut(), current.checkOut());
		int guests = Objects.requireNonNullElse(change.guests(), current.guests());
		Instant now = clock.instant();
		Price price = priceStay(properties.view(booking.propertyId()), checkIn, checkOut, guests, now);
		properties.lockCalendar(booking.propertyId());
		booking.reschedule(checkIn, checkOut, guests, price, now);
		save(booking);
		return booking.view();
	}

	/**
	 * The guest, the host or an admin cancels an unpaid or confirmed booking. A paid one is refunded by the policy
	 * copied onto it; the refund is paid back by the payments module, which listens for {@link BookingCancelled}.
	 */
	@Transactional
	public BookingView cancel(Actor actor, UUID id, String reason) {
		Booking booking = visible(actor, bookings.findForUpdate(id));
		Instant now = clock.instant();
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
		mails.send(Event.CANCELLED, view);
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

	@Transactional
	public BookingView checkOut(Actor actor, UUID id) {
		Booking booking = hostSide(actor, id);
		booking.checkOut(clock.instant());
		return booking.view();
	}

	/** Payment completed: called by the payments module in the transaction that completes the payment. */
	@Transactional
	public BookingView confirm(UUID id) {
		Booking booking = bookings.findForUpdate(id).orElseThrow(() -> DomainException.notFound("Booking"));
		booking.confirm(clock.instant());
		BookingView view = booking.view();
		mails.send(Event.CONFIRMED, view);
		return view;
	}

	/**
	 * Confirms the booking if it still awaits payment and its hold has not run out; otherwise (expired, cancelled)
	 * returns false and changes nothing, so that the caller can refund a charge that came too late.
	 */
	@Transactional
	public boolean confirmIfPayable(UUID id) {
		Booking booking = bookings.findForUpdate(id).orElseThrow(() -> DomainException.notFound("Booking"));
		Instant now = clock.instant();
		if (booking.expireIfDue(now)) {
			// the hold ran out before its expiry job came round: it is over all the same
			mails.send(Event.EXPIRED, booking.view());
			return false;
		}
		if (booking.status() != BookingStatus.PENDING_PAYMENT) {
			return false;
		}
		booking.confirm(now);
		mails.send(Event.CONFIRMED, booking.view());
		return true;
	}

	/** The booking as the payments module sees it, with no access check (it checks the payer itself). */
	@Transactional(readOnly = true)
	public BookingView view(UUID id) {
		return bookings.findById(id).orElseThrow(() -> DomainException.notFound("Booking")).view();
	}

	/** The hold job: expires the booking if it is still unpaid at its expiry; otherwise does nothing. */
	@Transactional
	public void expireHold(UUID id) {
		bookings.findForUpdate(id).ifPresent(booking -> {
			if (booking.expireIfDue(clock.instant())) {
				mails.send(Event.EXPIRED, booking.view());
			}
		});
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

	/** Holds past their expiry whose own job has not run (yet), for the recurring job; bounded. */
	@Transactional(readOnly = true)
	public List<UUID> overdueHolds() {
		return bookings.overdueHolds(BookingStatus.PENDING_PAYMENT, clock.instant(), Limit.of(JOB_BATCH));
	}

	private Price priceStay(PropertyView property, LocalDate checkIn, LocalDate checkOut, int guests, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, property.zone());
		long nights = ChronoUnit.DAYS.between(checkIn, checkOut);
		FieldErrors errors = new FieldErrors()
			.require(!checkIn.isBefore(today), "check_in", "must not be in the past (today is " + today + " there)")
			.require(!checkIn.isAfter(today.plusDays(MAX_DAYS_AHEAD)), "check_in",
					"must be at most " + MAX_DAYS_AHEAD + " days ahead")
			.require(nights > 0, "check_out", "must be after check_in")
			.require(guests >= 1 && guests <= property.maxGuests(), "guests",
					"must be between 1 and " + property.maxGuests());
		if (nights > 0) {
			errors.require(nights >= property.minNights() && nights <= property.maxNights(), "check_out",
					"the stay must be between " + property.minNights() + " and " + property.maxNights() + " nights");
		}
		errors.throwIfAny();
		return Price.of((int) nights, property.pricePerNight(), property.cleaningFee(), settings.serviceFeeRate(),
				property.currency());
	}

	/**
	 * Runs {@code work} in a transaction of its own, again when PostgreSQL chose it as a deadlock victim (or in the
	 * caller's, such as an idempotent request's, which then retries as a whole: {@link RetryingTransactions}). Writers
	 * of one calendar take the listing's lock first ({@link PropertyService#lockCalendar}), because two rows of overlapping
	 * dates inserted at the same moment can each find the other's uncommitted row in an exclusion constraint's index
	 * and wait for it, a deadlock that kept recurring under 60 racing guests. The retry is the safety net for what the
	 * lock does not order.
	 */
	private BookingView retryingDeadlocks(java.util.function.Supplier<BookingView> work) {
		return transactions.execute(work);
	}

	/** Writes now, so that the exclusion constraints speak here, where they can become a 409. */
	private void save(Booking booking) {
		try {
			bookings.saveAndFlush(booking);
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.EXCLUSION_VIOLATION.equals(SqlStates.of(ex))) {
				throw DomainException.conflict("dates_unavailable",
						"The property is already booked or blocked for some of these dates.");
			}
			throw ex;
		}
	}

	private Booking hostSide(Actor actor, UUID id) {
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
