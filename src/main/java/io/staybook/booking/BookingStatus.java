package io.staybook.booking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;
import java.util.Set;

/** Where a booking is in its lifecycle (the contract's "Booking lifecycle"); {@link #ACTIVE} ones hold their nights. */
public enum BookingStatus {

	PENDING_PAYMENT, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, EXPIRED,

	/** A request to book awaiting the host's answer (listings without instant book); holds the nights meanwhile. */
	REQUESTED,

	/** A request the host declined, or that went unanswered ({@code decline_reason} {@code expired}). */
	DECLINED;

	/** The statuses that hold the property's nights (the calendar and the exclusion constraints use the same set). */
	public static final Set<BookingStatus> ACTIVE = Set.of(REQUESTED, PENDING_PAYMENT, CONFIRMED, CHECKED_IN);

	/**
	 * Nothing paid, and held only until {@code expires_at}: requests (the host's deadline) and holds (the payment's).
	 * What a removed listing or account closes, and what the sweep ends.
	 */
	public static final Set<BookingStatus> UNPAID = Set.of(REQUESTED, PENDING_PAYMENT);

	/** Paid stays that have not ended: what makes an account or a listing impossible to delete. */
	public static final Set<BookingStatus> STAYING = Set.of(CONFIRMED, CHECKED_IN);

	/** The contract's spelling: the constant's name in lower case, e.g. {@code pending_payment}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code checked_in}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static BookingStatus fromJson(String value) {
		return JsonEnums.fromJson(BookingStatus.class, value);
	}
}
