package io.staybook.booking;

import io.staybook.shared.JsonEnums;
import io.staybook.shared.observability.StatusMeters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The booking's hot write path in plain SQL, in the caller's transaction: the insert of a new hold and the look for
 * what overlaps it. A new booking is inserted once and never read back, so a Hibernate entity's persist, flush and
 * dirty check bought nothing there (issue 12's profile: the insert and the overlap query through Spring Data were 17 %
 * of a booking's JVM time). Changes of existing bookings stay on the {@link Booking} entity.
 */
@Component
class BookingRows {

	/** The statuses whose bookings hold their nights: the predicate of the {@code bookings_no_overlap} index. */
	private static final String ACTIVE = "status in ('requested', 'pending_payment', 'confirmed', 'checked_in')";

	private static final String COLUMNS = """
			insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
			  cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at,
			  created_at, updated_at, version, nightly_subtotal, discount, extra_guest_fees, first_night_price)
			""";

	private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?";

	/** The active bookings of a listing (1st parameter) overlapping [checkIn, checkOut) (2nd, 3rd): its GiST index. */
	private static final String OVERLAPPING = "select id, status, expires_at from bookings where property_id = ? and "
			+ ACTIVE + " and daterange(check_in, check_out) && daterange(?, ?)";

	private final JdbcClient jdbc;

	private final StatusMeters meters;

	BookingRows(JdbcClient jdbc, StatusMeters meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	/** An active booking in the way of a stay: its status as stored ({@code pending_payment}, ...) and hold end. */
	record Span(UUID id, String status, Instant expiresAt) {

		/** A hold or a request ({@code requested}, V19) past its {@code expires_at}: it can end to make way. */
		boolean isOverdueHold(Instant now) {
			return ("pending_payment".equals(status) || "requested".equals(status)) && !now.isBefore(expiresAt);
		}
	}

	/**
	 * Inserts the new booking (its calendar row by trigger) unless an active booking of its listing overlaps its
	 * nights, and answers what overlaps: one statement whether the booking is made or refused, so that under contention,
	 * where nearly every request is refused, a refusal costs no more than the look it needs (issue 12's second pass:
	 * with a look after a failed insert, 200 clients on 10 listings were 0.87 times as fast). The caller holds the
	 * listing's lock, so no other booking of the listing commits in between; the exclusion constraints stay the guard
	 * (a host block over the nights still fails the insert with {@code 23P01}). PostgreSQL runs a data-modifying
	 * {@code WITH} part once and to completion whether or not the query reads it (its manual, "WITH Queries").
	 *
	 * @return the active bookings in the way, an overdue hold included (see {@link Holds#clearWay}), and nothing
	 *         written; empty when the booking was inserted
	 */
	List<Span> insertUnlessOverlapping(BookingView booking) {
		List<Span> inTheWay = jdbc.sql("with in_the_way as (" + OVERLAPPING + "), inserted as (" + COLUMNS + "select "
				+ VALUES + " where not exists (select 1 from in_the_way) returning id)"
				+ " select id, status, expires_at from in_the_way order by id")
			.params(overlapThenValues(booking))
			.query(BookingRows::span)
			.list();
		if (inTheWay.isEmpty()) {
			inserted(booking);
		}
		return inTheWay;
	}

	/** Inserts the new booking; the way must have been cleared ({@link Holds#clearWay}). */
	void insert(BookingView booking) {
		jdbc.sql(COLUMNS + "values (" + VALUES + ")").params(values(booking)).update();
		inserted(booking);
	}

	/** Hibernate's events count an entity's insert ({@link StatusMeters}); a row inserted here is counted here. */
	private void inserted(BookingView booking) {
		meters.insertedBySql("Booking", JsonEnums.toJson(booking.status()));
	}

	/**
	 * The active bookings of a listing whose nights overlap [checkIn, checkOut), but {@code except}: the spans a new or
	 * changed stay would collide with. Answered by the GiST index of {@code bookings_no_overlap}; not locked.
	 */
	List<Span> overlapping(UUID propertyId, LocalDate checkIn, LocalDate checkOut, UUID except) {
		return jdbc.sql(OVERLAPPING + " and id <> ? order by id")
			.params(propertyId, checkIn, checkOut, except)
			.query(BookingRows::span)
			.list();
	}

	private static Span span(ResultSet rs, int row) throws SQLException {
		OffsetDateTime expiresAt = rs.getObject(3, OffsetDateTime.class);
		return new Span(rs.getObject(1, UUID.class), rs.getString(2), expiresAt == null ? null : expiresAt.toInstant());
	}

	/** The parameters of {@link #OVERLAPPING} for the booking's own nights, then its row's values. */
	private static List<Object> overlapThenValues(BookingView b) {
		List<Object> parameters = new ArrayList<>(List.of(b.propertyId(), b.checkIn(), b.checkOut()));
		parameters.addAll(values(b));
		return parameters;
	}

	/** The row's values in the order of {@link #COLUMNS}. */
	private static List<Object> values(BookingView b) {
		List<Object> values = new ArrayList<>(Arrays.asList(b.id(), b.propertyId(), b.guestId(), b.hostId(),
				b.checkIn(), b.checkOut(), b.guests(), b.pricePerNight(), b.cleaningFee(), b.serviceFee(), b.totalPrice(), b.currency(),
				JsonEnums.toJson(b.cancellationPolicy()), b.timezone(), JsonEnums.toJson(b.status()),
				utc(b.expiresAt()), utc(b.createdAt()), utc(b.updatedAt()), b.nightlySubtotal(), b.discount(),
				b.extraGuestFees(), b.firstNightPrice()));
		return values;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
