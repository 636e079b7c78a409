package io.staybook.property;

import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.persistence.SqlStates;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code property_blocks} table: the nights a property cannot be booked. Its exclusion constraint, not a check
 * here, is what keeps spans from overlapping; a refused insert becomes a 409.
 */
@Component
class Calendar {

	static final String NO_OVERLAP = "property_blocks_no_overlap";

	/**
	 * Keeps a span that still holds its nights at {@code :now}: a hold past its time ({@code hold_expires_at}, V17)
	 * holds nothing, whether or not the sweep has expired it yet. For every query that asks what is free.
	 */
	static final String HOLDING = "(%1$s.hold_expires_at is null or %1$s.hold_expires_at > :now)";

	private final JdbcClient jdbc;

	private final Clock clock;

	Calendar(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	HostBlock block(UUID propertyId, LocalDate start, LocalDate end, String note, UUID by, Instant now) {
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into property_blocks (id, property_id, start_date, end_date, reason, note, created_by, created_at)
					values (?, ?, ?, ?, 'blocked', ?, ?, ?)""")
				.params(id, propertyId, start, end, note, by, Timestamp.from(now))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, NO_OVERLAP)) {
				throw unavailable();
			}
			throw ex;
		}
		return new HostBlock(id, propertyId, start, end, note, now);
	}

	/** Removes a host block; bookings are not removed this way. */
	boolean unblock(UUID propertyId, UUID blockId) {
		return jdbc.sql("delete from property_blocks where id = ? and property_id = ? and reason = 'blocked'")
			.params(blockId, propertyId)
			.update() == 1;
	}

	/**
	 * Removes every host block of a listing that is being deleted: nothing is left to close. Its bookings' spans follow
	 * the bookings' status (the bookings' calendar trigger), and so go when the holds are cancelled.
	 */
	void removeHostBlocks(UUID propertyId) {
		jdbc.sql("delete from property_blocks where property_id = ? and reason = 'blocked'").param(propertyId).update();
	}

	/** Every span that overlaps [from, to) and holds its nights now, in date order. */
	List<Availability.Unavailable> unavailable(UUID propertyId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select start_date, end_date, reason, id from property_blocks b
				where property_id = :id and daterange(start_date, end_date) && daterange(:from, :to) and\s"""
				+ HOLDING.formatted("b") + " order by start_date")
			.param("id", propertyId)
			.param("from", from)
			.param("to", to)
			.param("now", Timestamp.from(clock.instant()))
			.query((rs, row) -> new Availability.Unavailable(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class),
					rs.getString(3), "blocked".equals(rs.getString(3)) ? rs.getObject(4, UUID.class) : null))
			.list();
	}

	static DomainException unavailable() {
		return DomainException.conflict("dates_unavailable",
				"The property is already booked or blocked for some of these dates.");
	}
}
