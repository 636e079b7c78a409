package io.staybook.test;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A confirmed booking written straight into the table, for tests of other modules that need booked nights on any
 * dates (past ones too) without going through the booking rules. The table's trigger puts it on the calendar, as it
 * does for every booking.
 */
public final class StoredBookings {

	private StoredBookings() {
	}

	public static UUID confirmed(JdbcTemplate jdbc, UUID propertyId, UUID guestId, LocalDate checkIn,
			LocalDate checkOut) {
		UUID id = UUID.randomUUID();
		long nights = ChronoUnit.DAYS.between(checkIn, checkOut);
		jdbc.update("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				                      cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone,
				                      status, created_at, updated_at)
				select ?, p.id, ?, p.host_id, ?, ?, 1, 100.00, 0, 0, ?, p.currency, p.cancellation_policy, p.timezone,
				       'confirmed', now(), now()
				from properties p where p.id = ?""", id, guestId, checkIn, checkOut,
				java.math.BigDecimal.valueOf(nights * 100).setScale(2), propertyId);
		return id;
	}
}
