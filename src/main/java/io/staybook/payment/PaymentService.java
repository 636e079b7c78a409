package io.staybook.payment;

import io.staybook.shared.jobs.Jobs;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.booking.BookingCancelled;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.payment.PaymentJobs.RefundOrder;
import io.staybook.payment.PaymentProvider.ChargeResult;
import io.staybook.payment.PaymentProvider.RefundResult;
import io.staybook.shared.DomainException;
import io.staybook.shared.money.ChargeLimits;
import io.staybook.shared.money.InvalidMoney;
import io.staybook.shared.money.Money;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import io.staybook.user.Contact;
import io.staybook.user.UserService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments: who may pay for and see which booking, the charge and refund jobs, and provider events. Provider calls
 * happen outside database transactions; their results are applied in short transactions that lock the payment.
 */
@Service
public class PaymentService {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	static final EnumSet<PaymentStatus> PAID = EnumSet.of(PaymentStatus.COMPLETED, PaymentStatus.PARTIALLY_REFUNDED,
			PaymentStatus.REFUNDED);

	private final Payments payments;

	private final Refunds refunds;

	private final BookingService bookings;

	private final PaymentProvider provider;

	private final Jobs jobs;

	private final OneTimeTask<UUID> chargeTask;

	private final OneTimeTask<RefundOrder> refundTask;

	private final Notifications notifications;

	private final UserService users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PaymentService(Payments payments, Refunds refunds, BookingService bookings, PaymentProvider provider, Jobs jobs,
			OneTimeTask<UUID> chargePaymentTask, OneTimeTask<RefundOrder> refundPaymentTask,
			Notifications notifications, UserService users, TransactionTemplate transactions, Clock clock) {
		this.payments = payments;
		this.refunds = refunds;
		this.bookings = bookings;
		this.provider = provider;
		this.jobs = jobs;
		this.chargeTask = chargePaymentTask;
		this.refundTask = refundPaymentTask;
		this.notifications = notifications;
		this.users = users;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A payment of a booking, by {@code method}, with the provider's payment {@code token}. */
	public record Request(UUID bookingId, PaymentMethod method, String token) {
	}

	/** Whose payments a list shows: the actor's own as payer, or those of the actor's listings as host. */
	public enum Scope {

		PAYER, HOST

	}

	/**
	 * The booking's guest pays its total (never an amount from the client). The payment is {@code pending} and the
	 * charge job is scheduled in this transaction, which a caller's may enclose (the idempotency key's, to record the
	 * answer atomically with the payment).
	 */
	@Transactional
	public PaymentView create(Actor actor, Request request) {
		// the booking's row first: waits for a change of the booking or a charge result being recorded (applyCharge)
		BookingView booking = bookings.lockForPayment(actor, request.bookingId());
		if (payments.findPaid(booking.id(), PAID).isPresent()) {
			throw alreadyPaid();
		}
		// a hold made before the charge limits were checked when booking may be outside them: no charge to attempt
		outsideChargeLimits(booking.totalPrice(), booking.currency()).ifPresent(refusal -> {
			throw DomainException.conflict("amount_not_chargeable", "The booking cannot be paid by card: " + refusal
					+ ".");
		});
		Payment payment = new Payment(booking.id(), actor.id(), booking.hostId(), booking.totalPrice(),
				booking.currency(), request.method(), request.token(), provider.name(), clock.instant());
		try {
			payments.saveAndFlush(payment);
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "payments_one_pending_per_booking")) {
				throw DomainException.conflict("payment_in_progress", "A payment for this booking is in progress.");
			}
			if (SqlStates.violates(ex, "payments_one_success_per_booking")) {
				throw alreadyPaid();
			}
			throw ex;
		}
		jobs.runAfterCommit(chargeTask.instance(payment.getId().toString(), payment.getId()));
		return payment.view();
	}

	/** A payment is seen by whoever may see its booking ({@link BookingService#viewFor}): one rule for both. */
	@Transactional(readOnly = true)
	public PaymentView get(Actor actor, UUID id) {
		Payment payment = payments.findById(id).orElseThrow(() -> DomainException.notFound("Payment"));
		try {
			bookings.viewFor(actor, payment.bookingId());
		}
		catch (DomainException notVisible) {
			throw DomainException.notFound("Payment");
		}
		return payment.view();
	}

	/** Payments of the caller's bookings (as payer) or of bookings of the caller's listings (as host). */
	@Transactional(readOnly = true)
	public Page<PaymentView> list(Actor actor, Scope scope, UUID bookingId, PageRequest page) {
		UUID before = page.afterId();
		List<Payment> rows = scope == Scope.HOST
				? payments.page(null, actor.id(), bookingId, before, Limit.of(page.fetchSize()))
				: payments.page(actor.id(), null, bookingId, before, Limit.of(page.fetchSize()));
		return Page.of(rows, page.limit(), p -> Cursors.encode(p.getId())).map(Payment::view);
	}

	/** Each booking's payment: its successful one, else its latest attempt. One query for any number of bookings. */
	@Transactional(readOnly = true)
	public Map<UUID, PaymentView> forBookings(java.util.Collection<UUID> bookingIds) {
		Map<UUID, Payment> chosen = new java.util.HashMap<>();
		for (Payment payment : payments.findByBookingIdIn(java.util.Set.copyOf(bookingIds))) {
			chosen.merge(payment.bookingId(), payment, PaymentService::better);
		}
		Map<UUID, PaymentView> views = new java.util.HashMap<>();
		chosen.forEach((booking, payment) -> views.put(booking, payment.view()));
		return views;
	}

	/** The booking's payment rather than a surplus charge, a paid one rather than an attempt, else the latest. */
	private static Payment better(Payment a, Payment b) {
		int rank = Integer.compare(rank(a), rank(b));
		if (rank != 0) {
			return rank > 0 ? a : b;
		}
		return a.getId().compareTo(b.getId()) >= 0 ? a : b;
	}

	private static int rank(Payment payment) {
		return !PAID.contains(payment.status()) ? 0 : payment.isSurplus() ? 1 : 2;
	}

	/**
	 * The charge job. Charges the payment's amount only if the booking, read under its lock, still owes exactly that
	 * ({@link BookingService#chargeable}); otherwise the payment fails without calling the provider. The provider is
	 * called outside any transaction; a timeout throws, and the job retries with the same idempotency key.
	 */
	public void charge(UUID paymentId) {
		Payment pending = transactions.execute(status -> {
			Payment payment = lockedWithBooking(paymentId).filter(Payment::isPending).orElse(null);
			if (payment != null && !bookings.chargeable(payment.bookingId(), payment.amount(), payment.currency())) {
				payment.fail(null, "booking_not_payable", clock.instant());
				bookings.paymentFailed(payment.bookingId());
				return null;
			}
			if (payment != null && outsideChargeLimits(payment.amount(), payment.currency()).isPresent()) {
				// the provider would refuse it (amount_too_small, amount_too_large): failed here, without asking
				payment.fail(null, "amount_not_chargeable", clock.instant());
				bookings.paymentFailed(payment.bookingId());
				return null;
			}
			return payment;
		});
		if (pending == null) {
			return;
		}
		ChargeResult result = provider.charge(chargeKey(paymentId), pending.amount(), pending.currency(),
				pending.token());
		transactions.executeWithoutResult(status -> applyCharge(paymentId, result));
	}

	/**
	 * The charge job was given up after its retries (dead-lettered): the payment fails ({@code provider_unavailable})
	 * if it is still pending, the hold it kept is released if its time is up, and the guest is told. Nothing is left
	 * half-way; if the provider did take the money after all, the reconciliation reports it.
	 */
	public void abandonCharge(UUID paymentId) {
		transactions.executeWithoutResult(status -> lockedWithBooking(paymentId).ifPresent(payment -> {
			if (!payment.fail(null, "provider_unavailable", clock.instant())) {
				return;
			}
			bookings.paymentFailed(payment.bookingId());
			Contact guest = users.contacts(List.of(payment.payerId())).get(payment.payerId());
			if (guest != null) {
				notifications.send(new Mail("payment_failed:" + paymentId, guest.email(), "payment_failed_guest",
						Map.of("first_name", guest.firstName(), "amount", payment.amount().toPlainString(), "currency",
								payment.currency(), "booking_id", payment.bookingId().toString(), "payment_id",
								paymentId.toString())));
			}
		}));
	}

	/**
	 * Why {@code amount} in {@code currency} cannot be charged by card ({@link ChargeLimits}: a booking made before
	 * they were checked, or a currency that is not one of payment), or empty when it can.
	 */
	private static Optional<String> outsideChargeLimits(BigDecimal amount, String currency) {
		try {
			return ChargeLimits.refusal(new Money(amount, currency));
		}
		catch (InvalidMoney notOfPayment) {
			return Optional.of(notOfPayment.getMessage());
		}
	}

	/** The payment, locked after its booking's row (the order create() takes them in); empty if there is none. */
	private Optional<Payment> lockedWithBooking(UUID paymentId) {
		return payments.findBookingId(paymentId)
			.flatMap(bookings::lockForCharge)
			.flatMap(booking -> payments.findForUpdate(paymentId));
	}

	/**
	 * A charge result, from the job, a provider event or the reconciliation. A failure fails the payment if it is still
	 * pending (a failure after a success changes nothing: events come in any order). A success is money taken, whatever
	 * we had recorded: a payment still pending, or one recorded as failed (given up after timeouts, say), pays for its
	 * booking if the booking takes it ({@link BookingService#confirmIfPaid}: a late one only while the hold lasts);
	 * otherwise it is recorded as a surplus charge and given back in full (Stripe: fulfil a late success or refund
	 * it). Under the booking's lock, then the payment's, so that two successes for one booking (a late one and the
	 * guest's new attempt) are decided one after the other; the database's one-success index is the backstop.
	 */
	private void applyCharge(UUID paymentId, ChargeResult result) {
		Payment payment = lockedWithBooking(paymentId).orElseThrow();
		Instant now = clock.instant();
		if (!result.succeeded()) {
			if (payment.fail(result.reference(), result.failureReason(), now)) {
				bookings.paymentFailed(payment.bookingId());
			}
			return;
		}
		if (!payment.isPending() && !payment.isFailed()) {
			return;
		}
		boolean late = payment.isFailed();
		if (late) {
			log.warn("Payment {} recorded as {} succeeded at the provider after all", paymentId, payment.view()
				.failureReason());
		}
		boolean pays = bookings.confirmIfPaid(payment.bookingId(), payment.amount(), payment.currency(), late);
		payment.complete(result.reference(), !pays, now);
		payments.flush();
		if (!pays) {
			// expired, cancelled, repriced or paid by another payment meanwhile: give the money back
			log.info("Payment {} succeeded for booking {} that no longer owes it; refunding it", paymentId,
					payment.bookingId());
			scheduleRefund(payment, payment.amount());
		}
	}

	/**
	 * The provider holds a charge of a payment we recorded as {@code failed} (the reconciliation asked it): applied as
	 * the success it was ({@link #applyCharge}): the booking takes it while its hold lasts, else it is refunded. Nothing
	 * if the payment is not failed (any more).
	 *
	 * @param reference the provider's reference of the charge
	 */
	public void recordLateCharge(UUID paymentId, String reference) {
		// locked first, and read only once locked: the charge job or an event may be recording it meanwhile
		transactions.executeWithoutResult(status -> lockedWithBooking(paymentId).filter(Payment::isFailed)
			.ifPresent(failed -> applyCharge(paymentId, ChargeResult.succeeded(reference))));
	}

	/**
	 * A paid booking was cancelled: its refund is decided in the cancelling transaction, as a {@code pending} refund
	 * row and its job. It is never more than what is left of the payment (a refund made at the provider meanwhile, say),
	 * summed under the payment's lock: a provider's refund being recorded at the same time ({@link #recordRefund}
	 * holds that lock) is counted once it commits, rather than found by the database after the sum was read, which
	 * refused the cancellation (a 400 to a valid request).
	 */
	@EventListener
	void onBookingCancelled(BookingCancelled cancelled) {
		if (cancelled.refundAmount() == null || cancelled.refundAmount().signum() == 0) {
			return;
		}
		payments.findPaidId(cancelled.bookingId(), PAID)
			.flatMap(payments::findForUpdate)
			.ifPresent(payment -> refundCancellation(cancelled, payment));
	}

	/** The cancellation's refund, capped at what is left of the payment (locked by the caller). */
	private void refundCancellation(BookingCancelled cancelled, Payment payment) {
		BigDecimal left = payment.amount().subtract(refunds.sumNotFailed(payment.getId()));
		BigDecimal amount = cancelled.refundAmount().min(left);
		if (amount.compareTo(cancelled.refundAmount()) < 0) {
			log.warn("Booking {} is to refund {}, but only {} of payment {} is left to refund", cancelled.bookingId(),
					cancelled.refundAmount(), left, payment.getId());
		}
		if (amount.signum() > 0) {
			scheduleRefund(payment, amount, Refund.Reason.CANCELLATION);
		}
	}

	/**
	 * Refunds {@code amount} of a paid payment, as one more refund of it (a difference found later, say), in the
	 * caller's transaction or a new one. The database refuses refunds above what the payment took: a
	 * {@link DataIntegrityViolationException} on {@code refunds_within_payment}.
	 */
	UUID issueRefund(UUID paymentId, BigDecimal amount, Refund.Reason reason) {
		return transactions.execute(s -> {
			Payment payment = payments.findById(paymentId).orElseThrow();
			return scheduleRefund(payment, amount, reason);
		});
	}

	/** The late-charge path: a charge that succeeded for a booking no longer payable is given back in full. */
	private void scheduleRefund(Payment payment, BigDecimal amount) {
		scheduleRefund(payment, amount, Refund.Reason.LATE_CHARGE);
	}

	/** Records a {@code pending} refund and schedules its job, keyed by the refund, in the current transaction. */
	private UUID scheduleRefund(Payment payment, BigDecimal amount, Refund.Reason reason) {
		Refund refund = refunds.saveAndFlush(Refund.decided(payment, amount, reason, clock.instant()));
		jobs.runAfterCommit(refundTask.instance(refund.getId().toString(), RefundOrder.of(refund)));
		return refund.getId();
	}

	/**
	 * The refund job: pays a pending refund back through the provider (outside any transaction, with the refund's
	 * idempotency key, so a retry after a lost answer refunds once), then marks it succeeded and tells the guest. A
	 * refund no longer pending (settled by a provider event, or failed) is left alone.
	 */
	public void refund(RefundOrder order) {
		UUID refundId = order.refundId() != null ? order.refundId() : transactions.execute(s -> legacyRefund(order));
		Refund refund = transactions.execute(s -> refunds.findById(refundId).filter(Refund::isPending).orElse(null));
		if (refund == null) {
			return;
		}
		Payment payment = transactions.execute(s -> payments.findById(refund.paymentId()).orElseThrow());
		RefundResult result = provider.refund(refund.idempotencyKey(), payment.providerReference(), refund.amount(),
				refund.currency());
		transactions.executeWithoutResult(s -> settleRefund(refund.paymentId(), refundId, result.reference()));
	}

	/**
	 * A job scheduled before refunds had rows names only the payment and the amount: its row, made once. Such jobs
	 * refunded a cancellation or a charge the booking did not keep; the booking (locked first, in the order the charge
	 * path takes them) tells which, as V12 told it for the refunds it recorded: a cancellation refund only of a booking
	 * cancelled with a refund_amount (V45 refuses one beyond it).
	 */
	private UUID legacyRefund(RefundOrder order) {
		boolean cancellation = payments.findBookingId(order.paymentId())
			.flatMap(bookings::lockForCharge)
			.filter(booking -> booking.status() == BookingStatus.CANCELLED && booking.refundAmount() != null)
			.isPresent();
		Payment payment = payments.findForUpdate(order.paymentId()).orElseThrow();
		Refund.Reason reason = cancellation ? Refund.Reason.CANCELLATION : Refund.Reason.LATE_CHARGE;
		return refunds.findByProviderAndIdempotencyKey(payment.provider(), refundKey(order.paymentId()))
			.orElseGet(() -> refunds.saveAndFlush(Refund.legacy(payment, order.amount(), reason, clock.instant())))
			.getId();
	}

	/**
	 * The refund job was given up (every retry failed): its refund becomes {@code failed}, final, with the last error
	 * as its reason, for the reconciliation to report. Nothing if it had already been settled.
	 */
	void refundGivenUp(RefundOrder order, Throwable cause) {
		transactions.executeWithoutResult(s -> {
			UUID refundId = order.refundId() != null ? order.refundId() : legacyRefund(order);
			// the payment's row, then the refund's, read only once locked
			refunds.findPaymentId(refundId).ifPresent(payments::findForUpdate);
			refunds.findForUpdate(refundId).ifPresent(refund -> refund.fail(failureReason(cause), clock.instant()));
		});
	}

	private static String failureReason(Throwable cause) {
		String reason = cause == null ? "gave_up"
				: "gave_up: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return Characters.truncate(reason, 500);
	}

	/** The provider made the refund: succeeded, once, with its reference; the guest is mailed once per refund. */
	private void settleRefund(UUID paymentId, UUID refundId, String reference) {
		// the payment's row, then the refund's: the order in which provider events take them
		Payment payment = payments.findForUpdate(paymentId).orElseThrow();
		Refund refund = refunds.findForUpdate(refundId).orElseThrow();
		if (refund.succeed(reference, clock.instant())) {
			refunds.flush();
			mailRefund(payment, refund);
		}
	}

	private void mailRefund(Payment payment, Refund refund) {
		Contact guest = users.contacts(List.of(payment.payerId())).get(payment.payerId());
		if (guest != null) {
			notifications.send(new Mail("payment_refunded:" + refund.getId(), guest.email(), "payment_refunded_guest",
					Map.of("first_name", guest.firstName(), "amount", refund.amount().toPlainString(), "currency",
							payment.currency(), "booking_id", payment.bookingId().toString(), "payment_id",
							payment.getId().toString())));
		}
	}

	/**
	 * A provider's refund event: {@code total} refunded of the charge so far, in all (null: the whole amount), and the
	 * refund's reference or idempotency key where the provider gives them. A pending refund of ours that it names
	 * succeeds; whatever the total holds beyond our refunds that have not failed was refunded at the provider without
	 * us (its dashboard, say) and is recorded as one {@code provider} refund. A replay, or an older and smaller total,
	 * finds nothing new and changes nothing. The booking is locked before the payment, in the order a cancellation
	 * takes them: a refund row's key on its booking waited for a cancellation that held the booking and waited for the
	 * payment held here (a deadlock, 409 to the provider's event).
	 */
	private void recordRefund(UUID paymentId, BigDecimal total, String reference, String key) {
		Payment payment = lockedWithBooking(paymentId).orElseThrow();
		BigDecimal refunded = total != null ? total : payment.amount();
		if (!PAID.contains(payment.view().status()) || refunded.signum() <= 0
				|| refunded.compareTo(payment.amount()) > 0) {
			log.warn("Refund event of {} for payment {} ({}) cannot be applied; ignored", refunded, paymentId,
					payment.view().status());
			return;
		}
		requireExpressible(refunded, payment.currency());
		Optional<Refund> named = Optional.ofNullable(reference)
			.flatMap(ref -> refunds.findByReferenceForUpdate(payment.provider(), ref))
			.or(() -> Optional.ofNullable(key).flatMap(k -> refunds.findByProviderAndIdempotencyKey(payment.provider(), k)));
		Optional<Refund> known = named.filter(refund -> refund.paymentId().equals(paymentId));
		if (named.isPresent() && known.isEmpty()) {
			log.warn("Refund event for payment {} names refund {} of another payment; its total alone is applied",
					paymentId, named.get().getId());
		}
		known.ifPresent(refund -> {
			String settled = reference != null ? reference : "unmatched-" + refund.getId();
			if (refunds.findForUpdate(refund.getId()).orElseThrow().succeed(settled, clock.instant())) {
				refunds.flush();
				mailRefund(payment, refund);
			}
		});
		BigDecimal unknown = refunded.subtract(refunds.sumNotFailed(paymentId));
		if (unknown.signum() > 0) {
			log.info("Payment {}: {} refunded at the provider without us; recorded", paymentId, unknown);
			Refund refund = refunds.saveAndFlush(Refund.fromProvider(payment, unknown,
					named.isPresent() ? null : reference, clock.instant()));
			mailRefund(payment, refund);
		}
	}

	/**
	 * A provider's amount must be one its currency can express: a fraction of a cent would be rounded by our columns
	 * into a refund the provider never made (or into none at all).
	 *
	 * @throws DomainException 400 {@code validation_failed} on {@code amount}; the event is not recorded
	 */
	private static void requireExpressible(BigDecimal amount, String currency) {
		InvalidMoney.onField("amount", () -> new Money(amount, currency));
	}

	/**
	 * The currency of the payment with this provider reference (to read a provider's amounts in minor units); empty
	 * for a null reference (an event about a charge of no payment of ours), which must not match the payments that
	 * have no reference yet.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<String> currencyOf(String providerReference) {
		if (providerReference == null) {
			return Optional.empty();
		}
		return payments.findByProviderAndProviderReference(provider.name(), providerReference).map(Payment::currency);
	}

	/**
	 * A provider event, already verified and not seen before: applied like the job's own result, to a payment made
	 * with {@code source}, the provider that sent (and signed) it. An event naming a payment of another provider (a
	 * sandbox event for a Stripe payment, say) is ignored like one naming no payment: it must not move money it does not
	 * hold.
	 */
	@Transactional
	public void apply(String source, ProviderEvent event) {
		// found without a lock: applyCharge and recordRefund take the locks, in their order
		UUID paymentId = (event.paymentId() != null
				? Optional.of(event.paymentId()).filter(id -> payments.existsByIdAndProvider(id, source))
				: payments.findIdByReference(source, event.providerReference()))
			.orElse(null);
		if (paymentId == null) {
			log.warn("Provider event {} names no {} payment we know; ignored", event.id(), source);
			return;
		}
		switch (event.type()) {
			case SUCCEEDED -> applyCharge(paymentId, ChargeResult.succeeded(
					event.providerReference() != null ? event.providerReference() : chargeKey(paymentId)));
			case FAILED -> applyCharge(paymentId, ChargeResult.failed(event.providerReference(),
					event.failureReason() != null ? event.failureReason() : "provider_declined"));
			case REFUNDED -> recordRefund(paymentId, event.amount(), event.refundReference(), event.refundKey());
		}
	}

	/**
	 * The idempotency key of a payment's charge, {@code charge-<payment id>}: sent with every attempt and kept in the
	 * charge's metadata, so that the provider can be asked for a charge whose reference we never learnt
	 * ({@link PaymentProvider#findByChargeKey}).
	 */
	public static String chargeKey(UUID paymentId) {
		return CHARGE_KEY_PREFIX + paymentId;
	}

	private static final String CHARGE_KEY_PREFIX = "charge-";

	/** The payment a charge key ({@link #chargeKey}) was made for; empty for null or any other text. */
	static Optional<UUID> paymentOfChargeKey(String key) {
		if (key == null || !key.startsWith(CHARGE_KEY_PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(key.substring(CHARGE_KEY_PREFIX.length())));
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
	}

	/** The key refunds had before they had rows: one per payment. Kept for jobs scheduled then. */
	static String refundKey(UUID paymentId) {
		return "refund-" + paymentId;
	}

	private static DomainException alreadyPaid() {
		return DomainException.conflict("already_paid", "The booking already has a completed payment.");
	}
}
