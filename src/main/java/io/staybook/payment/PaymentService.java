package io.staybook.payment;

import io.staybook.shared.jobs.Jobs;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.booking.BookingCancelled;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingView;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.payment.PaymentJobs.RefundOrder;
import io.staybook.payment.PaymentProvider.ChargeResult;
import io.staybook.shared.DomainException;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
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

	private final BookingService bookings;

	private final PaymentProvider provider;

	private final Jobs jobs;

	private final OneTimeTask<UUID> chargeTask;

	private final OneTimeTask<RefundOrder> refundTask;

	private final Notifications notifications;

	private final UserService users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PaymentService(Payments payments, BookingService bookings, PaymentProvider provider, Jobs jobs,
			OneTimeTask<UUID> chargePaymentTask, OneTimeTask<RefundOrder> refundPaymentTask,
			Notifications notifications, UserService users, TransactionTemplate transactions, Clock clock) {
		this.payments = payments;
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

	public record Request(UUID bookingId, PaymentMethod method, String token) {
	}

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
		Map<UUID, PaymentView> chosen = new java.util.HashMap<>();
		for (Payment payment : payments.findByBookingIdIn(java.util.Set.copyOf(bookingIds))) {
			PaymentView view = payment.view();
			chosen.merge(view.bookingId(), view, (a, b) -> better(a, b));
		}
		return chosen;
	}

	private static PaymentView better(PaymentView a, PaymentView b) {
		boolean aPaid = PAID.contains(a.status());
		boolean bPaid = PAID.contains(b.status());
		if (aPaid != bPaid) {
			return aPaid ? a : b;
		}
		return a.id().compareTo(b.id()) >= 0 ? a : b;
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

	/** The payment, locked after its booking's row (the order create() takes them in); empty if there is none. */
	private Optional<Payment> lockedWithBooking(UUID paymentId) {
		return payments.findBookingId(paymentId)
			.flatMap(bookings::lockForCharge)
			.flatMap(booking -> payments.findForUpdate(paymentId));
	}

	/** A charge result, from the job or a provider event: completes or fails the payment if it is still pending. */
	private void applyCharge(UUID paymentId, ChargeResult result) {
		Payment payment = lockedWithBooking(paymentId).orElseThrow();
		Instant now = clock.instant();
		if (!result.succeeded()) {
			if (payment.fail(result.reference(), result.failureReason(), now)) {
				bookings.paymentFailed(payment.bookingId());
			}
			return;
		}
		if (!payment.complete(result.reference(), now)) {
			return;
		}
		payments.flush();
		if (!bookings.confirmIfPaid(payment.bookingId(), payment.amount(), payment.currency())) {
			// expired past its grace, cancelled, or repriced while the charge was under way: give the money back
			log.info("Payment {} succeeded for booking {} that no longer owes it; refunding it", paymentId,
					payment.bookingId());
			scheduleRefund(payment, payment.amount());
		}
	}

	/** A paid booking was cancelled: pay its refund back, in the cancelling transaction. */
	@EventListener
	void onBookingCancelled(BookingCancelled cancelled) {
		if (cancelled.refundAmount() == null || cancelled.refundAmount().signum() == 0) {
			return;
		}
		payments.findPaid(cancelled.bookingId(), PAID)
			.ifPresent(payment -> scheduleRefund(payment, cancelled.refundAmount()));
	}

	private void scheduleRefund(Payment payment, BigDecimal amount) {
		jobs.runAfterCommit(refundTask.instance(payment.getId().toString(), new RefundOrder(payment.getId(), amount)));
	}

	/** The refund job: pays the refund back through the provider, then records it and tells the guest. */
	public void refund(RefundOrder order) {
		Payment payment = transactions.execute(status -> payments.findById(order.paymentId()).orElseThrow());
		provider.refund(refundKey(order.paymentId()), payment.providerReference(), order.amount(), payment.currency());
		transactions.executeWithoutResult(status -> recordRefund(order.paymentId(), order.amount()));
	}

	/** Records that {@code amount} of the payment went back; {@code null}: all of it. */
	private void recordRefund(UUID paymentId, BigDecimal refunded) {
		Payment payment = payments.findForUpdate(paymentId).orElseThrow();
		BigDecimal amount = refunded != null ? refunded : payment.amount();
		if (!payment.refund(amount, clock.instant())) {
			return;
		}
		Contact guest = users.contacts(List.of(payment.payerId())).get(payment.payerId());
		if (guest != null) {
			notifications.send(new Mail("payment_refunded:" + paymentId + ":" + amount.toPlainString(), guest.email(),
					"payment_refunded_guest",
					Map.of("first_name", guest.firstName(), "amount", amount.toPlainString(), "currency",
							payment.currency(), "booking_id", payment.bookingId().toString(), "payment_id",
							paymentId.toString())));
		}
	}

	/** The currency of the payment with this provider reference (to read a provider's amounts in minor units). */
	@Transactional(readOnly = true)
	public java.util.Optional<String> currencyOf(String providerReference) {
		return payments.findByProviderAndProviderReference(provider.name(), providerReference).map(Payment::currency);
	}

	/** A provider event, already verified and not seen before: applied like the job's own result. */
	@Transactional
	public void apply(ProviderEvent event) {
		// found without a lock: applyCharge and recordRefund take the locks, in their order
		UUID paymentId = (event.paymentId() != null ? Optional.of(event.paymentId()).filter(payments::existsById)
				: payments.findIdByReference(provider.name(), event.providerReference()))
			.orElse(null);
		if (paymentId == null) {
			log.warn("Provider event {} names no payment we know; ignored", event.id());
			return;
		}
		switch (event.type()) {
			case SUCCEEDED -> applyCharge(paymentId, ChargeResult.succeeded(
					event.providerReference() != null ? event.providerReference() : chargeKey(paymentId)));
			case FAILED -> applyCharge(paymentId, ChargeResult.failed(event.providerReference(),
					event.failureReason() != null ? event.failureReason() : "provider_declined"));
			case REFUNDED -> recordRefund(paymentId, event.amount());
		}
	}

	static String chargeKey(UUID paymentId) {
		return "charge-" + paymentId;
	}

	static String refundKey(UUID paymentId) {
		return "refund-" + paymentId;
	}

	private static DomainException alreadyPaid() {
		return DomainException.conflict("already_paid", "The booking already has a completed payment.");
	}
}
