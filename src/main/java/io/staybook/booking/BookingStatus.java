package io.staybook.booking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;
import java.util.Set;

public enum BookingStatus {

	PENDING_PAYMENT, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, EXPIRED;

	/** The statuses that hold the property's nights (the calendar and the exclusion constraints use the same set). */
	public static final Set<BookingStatus> ACTIVE = Set.of(PENDING_PAYMENT, CONFIRMED, CHECKED_IN);

	/** Paid stays that have not ended: what makes an account or a listing impossible to delete. */
	public static final Set<BookingStatus> STAYING = Set.of(CONFIRMED, CHECKED_IN);

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static BookingStatus fromJson(String value) {
		return JsonEnums.fromJson(BookingStatus.class, value);
	}
}
