package io.staybook.booking;

import io.staybook.property.CancellationPolicy;
import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.shared.persistence.JsonEnumConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A guest's stay at a property. Its status changes only through the methods below, each of which refuses (409) a
 * change the contract does not allow from the current status.
 */
@Entity
@Table(name = "bookings")
class Booking extends AggregateRoot {

	private UUID propertyId;

	private UUID guestId;

	private UUID hostId;

	private LocalDate checkIn;

	private LocalDate checkOut;

	private int guests;

	private BigDecimal pricePerNight;

	private BigDecimal cleaningFee;

	private BigDecimal serviceFee;

	private BigDecimal totalPrice;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(length = 3)
	private String currency;

	@Convert(converter = PolicyConverter.class)
	private CancellationPolicy cancellationPolicy;

	private String timezone;

	@Convert(converter = StatusConverter.class)
	private BookingStatus status;

	private Instant expiresAt;

	private Instant cancelledAt;

	private UUID cancelledBy;

	private String cancelReason;

	private BigDecimal refundAmount;

	private String declineReason;

	/** When the host approved it, if it was a request: its dates and guests are then the host's answer, fixed (V30). */
	private Instant approvedAt;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	// the price in parts (V20): total_price = nightly_subtotal − discount + extra_guest_fees + cleaning_fee + service_fee

	private BigDecimal nightlySubtotal;

	private BigDecimal discount;

	private BigDecimal extraGuestFees;

	/** The first night's own price, kept for the refund rules ("every night but the first"). */
	private BigDecimal firstNightPrice;

	protected Booking() {
	}

	Booking(UUID propertyId, UUID guestId, UUID hostId, LocalDate checkIn, LocalDate checkOut, int guests, Price price,
			CancellationPolicy cancellationPolicy, ZoneId zone, Instant now, Instant expiresAt) {
		super(Ids.newId());
		this.propertyId = propertyId;
		this.guestId = guestId;
		this.hostId = hostId;
		this.status = BookingStatus.PENDING_PAYMENT;
		this.expiresAt = expiresAt;
		this.createdAt = now;
		reschedule(checkIn, checkOut, guests, price, cancellationPolicy, zone, now);
	}

	/**
	 * New dates or guests while unpaid: a changed stay is sold again, as a booking of it made now would be, at the
	 * listing's current prices and under its current cancellation policy, read in its current time zone {@code zone}
	 * (the one its check-in was judged in); a booking keeps what it was last sold with. The hold's expiry does not
	 * move. An approved request keeps the stay its host approved ({@link #isApprovedRequest}).
	 */
	void reschedule(LocalDate checkIn, LocalDate checkOut, int guests, Price price, CancellationPolicy policy,
			ZoneId zone, Instant now) {
		require(status == BookingStatus.PENDING_PAYMENT, "Only an unpaid booking can be changed.");
		require(approvedAt == null, APPROVED_IS_FIXED);
		this.cancellationPolicy = policy;
		this.timezone = zone.getId();
		this.checkIn = checkIn;
		this.checkOut = checkOut;
		this.guests = guests;
		this.pricePerNight = price.pricePerNight();
		this.cleaningFee = price.cleaningFee();
		this.serviceFee = price.serviceFee();
		this.totalPrice = price.total();
		this.currency = price.currency();
		this.nightlySubtotal = price.nightlySubtotal();
		this.discount = price.discount();
		this.extraGuestFees = price.extraGuestFees();
		this.firstNightPrice = price.firstNightPrice();
		this.updatedAt = now;
	}

	/** Paid: the dates are the guest's. */
	void confirm(Instant now) {
		require(status == BookingStatus.PENDING_PAYMENT, "Only a booking awaiting payment can be confirmed.");
		status = BookingStatus.CONFIRMED;
		updatedAt = now;
	}

	void cancel(UUID by, String reason, BigDecimal refund, Instant now) {
		require(status == BookingStatus.PENDING_PAYMENT || status == BookingStatus.CONFIRMED
				|| status == BookingStatus.REQUESTED,
				"Only a request, a booking awaiting payment or a confirmed one can be cancelled.");
		// a paid stay whose nights have all begun is spent, not cancellable: the completion job ends it, and no policy
		// refunds nights that were slept (or a stay the host let happen without recording the check-in)
		require(status != BookingStatus.CONFIRMED || !isSpent(now), STAY_SPENT);
		status = BookingStatus.CANCELLED;
		cancelledBy = by;
		cancelReason = reason;
		refundAmount = refund;
		cancelledAt = now;
		updatedAt = now;
	}

	void checkIn(LocalDate today, Instant now) {
		require(status == BookingStatus.CONFIRMED, "Only a confirmed booking can be checked in.");
		require(!today.isBefore(checkIn), "Check-in opens on " + checkIn + ".");
		require(today.isBefore(checkOut), STAY_SPENT);
		status = BookingStatus.CHECKED_IN;
		updatedAt = now;
	}

	void checkOut(Instant now) {
		// a stay over is completed, whether the completion job has reached it or not: as after the job, nothing to
		// record
		require(status == BookingStatus.CHECKED_IN && !isOver(now), "Only a checked-in booking can be checked out.");
		status = BookingStatus.COMPLETED;
		updatedAt = now;
	}

	/** Why a stay whose check-out date has come can no longer be cancelled or checked in (409). */
	static final String STAY_SPENT = "The stay's nights have all passed where the property is; it completes on its own"
			+ " and can no longer be cancelled or checked in.";

	/**
	 * Whether every night of the stay has begun where the property is: its check-out date has come. A paid stay then
	 * only waits for the completion job ({@link #completeIfOver}).
	 */
	boolean isSpent(Instant now) {
		return !today(now).isBefore(checkOut);
	}

	/** Why an approved request cannot be changed (409 {@code illegal_status_change}). */
	static final String APPROVED_IS_FIXED = "An approved request keeps the dates and guests its host approved; cancel it"
			+ " and send a new request to change them.";

	/** Whether it was a request that its host approved: its dates and guests can no longer change. */
	boolean isApprovedRequest() {
		return approvedAt != null;
	}

	/** The {@code decline_reason} of a request its host left unanswered past its deadline. */
	static final String UNANSWERED = "expired";

	/**
	 * Whether the hold ran out unpaid; if so it expires and frees its dates (a request past its deadline: declined,
	 * {@link #UNANSWERED}). A hold whose payment is in flight waits
	 * for the payment's outcome, up to {@code grace} past its expiry: a guest who paid in time gets the stay.
	 */
	boolean expireIfDue(Instant now, boolean paymentInFlight, Duration grace) {
		if (!isDue(now, paymentInFlight, grace)) {
			return false;
		}
		if (status == BookingStatus.REQUESTED) {
			// a request unanswered by its deadline is declined, as the contract says, with the reason "expired"
			decline(UNANSWERED, now);
			return true;
		}
		status = BookingStatus.EXPIRED;
		updatedAt = now;
		return true;
	}

	/**
	 * Whether the sweep would end it now ({@link #expireIfDue}): a request past its deadline, or a hold past its time
	 * (and past {@code grace} when a payment for it is in flight). What the sweep would do is what every action on it
	 * sees, swept or not.
	 */
	boolean isDue(Instant now, boolean paymentInFlight, Duration grace) {
		if (status == BookingStatus.REQUESTED) {
			return !now.isBefore(expiresAt);
		}
		return status == BookingStatus.PENDING_PAYMENT && !now.isBefore(expiresAt)
				&& !(paymentInFlight && now.isBefore(expiresAt.plus(grace)));
	}

	Instant expiresAt() {
		return expiresAt;
	}

	BigDecimal totalPrice() {
		return totalPrice;
	}

	String currency() {
		return currency;
	}

	/**
	 * Whether the stay is over: a paid stay (confirmed or checked in) whose check-out date has passed where the property
	 * is. It is then completed, whether or not the completion job has reached it yet ({@link #completeIfOver}): it
	 * reads completed ({@link #view(Instant)}) and is reviewed, paid out and refused check-in, check-out and
	 * cancellation as a completed stay is. Only when the job writes it does it change on the row.
	 */
	boolean isOver(Instant now) {
		return BookingStatus.STAYING.contains(status) && today(now).isAfter(checkOut);
	}

	/**
	 * The moment the stay became over ({@link #isOver}): the start of the day after its check-out date where the
	 * property is. A stay over reads as updated then, and the completion job writes the same time, so that the booking
	 * reads the same before and after the job.
	 */
	private Instant overAt() {
		Instant over = checkOut.plusDays(1).atStartOfDay(ZoneId.of(timezone)).toInstant();
		return over.isAfter(updatedAt) ? over : updatedAt;
	}

	/** If the stay is over ({@link #isOver}), writes it completed, as it already reads. Idempotent. */
	boolean completeIfOver(Instant now) {
		if (!isOver(now)) {
			return false;
		}
		updatedAt = overAt();
		status = BookingStatus.COMPLETED;
		return true;
	}

	LocalDate today(Instant now) {
		return LocalDate.ofInstant(now, ZoneId.of(timezone));
	}

	/** The price as stored: of its nights, only the first one's own price is kept ({@link Price}). */
	Price price() {
		return new Price((int) ChronoUnit.DAYS.between(checkIn, checkOut), pricePerNight,
				java.util.List.of(new Price.Night(checkIn, firstNightPrice)), nightlySubtotal, discount, extraGuestFees,
				cleaningFee, serviceFee, totalPrice, currency);
	}

	/**
	 * The booking as anyone sees it at {@code now}: as stored, except that a stay over ({@link #isOver}) reads completed,
	 * as the completion job will write it.
	 */
	BookingView view(Instant now) {
		return isOver(now) ? view(BookingStatus.COMPLETED, overAt()) : view();
	}

	/** The booking as stored; after a change made now, what {@link #view(Instant)} reads too. */
	BookingView view() {
		return view(status, updatedAt);
	}

	private BookingView view(BookingStatus status, Instant updatedAt) {
		return new BookingView(getId(), propertyId, guestId, hostId, checkIn, checkOut, guests,
				(int) ChronoUnit.DAYS.between(checkIn, checkOut), pricePerNight, cleaningFee, serviceFee, totalPrice,
				currency, cancellationPolicy, status, expiresAt, cancelledAt, refundAmount, createdAt, updatedAt,
				timezone, declineReason, nightlySubtotal, discount, extraGuestFees, firstNightPrice);
	}

	boolean isGuest(UUID userId) {
		return guestId.equals(userId);
	}

	boolean isHost(UUID userId) {
		return hostId.equals(userId);
	}

	UUID propertyId() {
		return propertyId;
	}

	UUID guestId() {
		return guestId;
	}

	UUID hostId() {
		return hostId;
	}

	LocalDate checkInDate() {
		return checkIn;
	}

	CancellationPolicy cancellationPolicy() {
		return cancellationPolicy;
	}

	BookingStatus status() {
		return status;
	}

	/** Whether it is a request or a hold whose time ({@code expires_at}) has passed: it holds nothing any more. */
	boolean isOverdue(Instant now) {
		return BookingStatus.UNPAID.contains(status) && !now.isBefore(expiresAt);
	}

	Instant createdAt() {
		return createdAt;
	}

	/**
	 * A new booking of a listing without instant book: a request for the host to answer by {@code answerBy}, holding
	 * the nights until then. Called before the booking is first written.
	 */
	void request(Instant answerBy) {
		require(status == BookingStatus.PENDING_PAYMENT, "Only a new booking can be a request.");
		status = BookingStatus.REQUESTED;
		expiresAt = answerBy;
	}

	/** The host accepts the request in time: it awaits payment until {@code holdEnds}, a hold from now. */
	void approve(Instant now, Instant holdEnds) {
		require(status == BookingStatus.REQUESTED, "Only a request awaiting an answer can be approved.");
		status = BookingStatus.PENDING_PAYMENT;
		expiresAt = holdEnds;
		approvedAt = now;
		updatedAt = now;
	}

	/** The request is declined (by the host, or {@code expired}); its nights are free again. */
	void decline(String reason, Instant now) {
		require(status == BookingStatus.REQUESTED, "Only a request awaiting an answer can be declined.");
		status = BookingStatus.DECLINED;
		declineReason = reason;
		updatedAt = now;
	}

	private static void require(boolean allowed, String message) {
		if (!allowed) {
			throw DomainException.conflict("illegal_status_change", message);
		}
	}

	@Converter
	static class StatusConverter extends JsonEnumConverter<BookingStatus> {

		StatusConverter() {
			super(BookingStatus.class);
		}
	}

	@Converter
	static class PolicyConverter extends JsonEnumConverter<CancellationPolicy> {

		PolicyConverter() {
			super(CancellationPolicy.class);
		}
	}
}
