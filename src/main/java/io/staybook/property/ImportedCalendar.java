package io.staybook.property;

import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.security.Actor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calendar as calendar sync (module {@code ical}) sees it: the blocks an imported feed holds, kept equal to the
 * feed's events by their UID, and the spans a listing's export shows. The {@code property_blocks} table stays this
 * module's; its exclusion constraint decides every overlap (an imported event over a booking is refused by it, and
 * reported, never the other way round).
 */
@Service
public class ImportedCalendar {

	private final Properties properties;

	private final JdbcClient jdbc;

	private final Clock clock;

	ImportedCalendar(Properties properties, JdbcClient jdbc, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One event of a feed, keyed by its UID (a recurring event's occurrence: UID and date); {@code end} exclusive. */
	public record Event(String uid, LocalDate start, LocalDate end) {
	}

	/** A span of a listing's calendar for the export: {@code booked} (a booking holding it) or {@code blocked}. */
	public record Span(UUID id, LocalDate start, LocalDate end, String reason) {
	}

	/** What a sync did: blocks made, moved and removed, and the events refused because they overlap a booking. */
	public record Applied(int created, int moved, int removed, List<Event> conflicts) {
	}

	/**
	 * The listing's host, with the listing's row locked until the transaction ends (the lock every writer of its
	 * calendar takes first).
	 *
	 * @return the listing's time zone
	 * @throws DomainException 401 without an actor, 404 for no such (or a delisted) listing, 403
	 * {@code not_your_listing} for anyone but its host (admins included, as for blocks)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ZoneId requireHost(Actor actor, UUID propertyId) {
		Actor.required(actor);
		Property property = properties.findActiveForUpdate(propertyId)
			.orElseThrow(() -> DomainException.notFound("Property"));
		if (!property.isOwnedBy(actor.id())) {
			throw DomainException.forbidden("not_your_listing", "Only the listing's host may manage its calendar sync.");
		}
		return property.zone();
	}

	/** The listing's time zone if it is listed, with its row locked; empty once it is delisted or gone. */
	@Transactional(propagation = Propagation.MANDATORY)
	public java.util.Optional<ZoneId> lockListed(UUID propertyId) {
		return properties.findActiveForUpdate(propertyId).map(Property::zone);
	}

	/**
	 * Makes the import's blocks equal to {@code events}, in the caller's transaction, after {@link #lockListed}: blocks
	 * whose UID left the feed are removed, those whose dates changed are moved (same block id), new ones inserted.
	 * An event whose dates another span already holds is not inserted (one {@code insert ... on conflict do nothing},
	 * whose arbiters are the exclusion and the (import, UID) constraints): if a booking holds any of its nights it is
	 * returned as a conflict; if only other blocks do (the host's own, another import's, or an overlapping event of
	 * the same feed), the nights are closed anyway and it is tried again at the next sync.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Applied apply(UUID propertyId, UUID importId, Collection<Event> events) {
		Map<String, Event> wanted = events.stream()
			.collect(Collectors.toMap(Event::uid, e -> e, (a, b) -> a, HashMap::new));
		Map<String, Span> held = new HashMap<>();
		jdbc.sql("select id, ical_uid, start_date, end_date from property_blocks where ical_import_id = ?")
			.param(importId)
			.query(rs -> {
				held.put(rs.getString(2), new Span(rs.getObject(1, UUID.class), rs.getObject(3, LocalDate.class),
						rs.getObject(4, LocalDate.class), "blocked"));
			});
		List<UUID> gone = new ArrayList<>();
		Map<String, UUID> ids = new HashMap<>();
		int moved = 0;
		for (var entry : held.entrySet()) {
			Event event = wanted.get(entry.getKey());
			Span span = entry.getValue();
			if (event == null) {
				gone.add(span.id());
			}
			else if (!event.start().equals(span.start()) || !event.end().equals(span.end())) {
				gone.add(span.id());
				ids.put(event.uid(), span.id());
				moved++;
			}
			else {
				wanted.remove(entry.getKey());
			}
		}
		if (!gone.isEmpty()) {
			jdbc.sql("delete from property_blocks where id = any(?::uuid[])")
				.param(gone.stream().map(UUID::toString).toArray(String[]::new))
				.update();
		}
		List<Event> toInsert = List.copyOf(wanted.values());
		Set<String> inserted = insert(propertyId, importId, toInsert, ids);
		List<Event> missed = toInsert.stream().filter(e -> !inserted.contains(e.uid())).toList();
		List<Event> conflicts = overlappingBookings(propertyId, missed);
		int movedInPlace = (int) ids.keySet().stream().filter(inserted::contains).count();
		return new Applied(inserted.size() - movedInPlace, movedInPlace,
				gone.size() - moved, conflicts);
	}

	private Set<String> insert(UUID propertyId, UUID importId, List<Event> events, Map<String, UUID> ids) {
		if (events.isEmpty()) {
			return Set.of();
		}
		// positional parameters: a named one holding an array would be expanded into a list
		String[] blockIds = new String[events.size()];
		String[] uids = new String[events.size()];
		String[] starts = new String[events.size()];
		String[] ends = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			blockIds[i] = ids.getOrDefault(event.uid(), Ids.newId()).toString();
			uids[i] = event.uid();
			starts[i] = event.start().toString();
			ends[i] = event.end().toString();
		}
		return Set.copyOf(jdbc.sql("""
				insert into property_blocks (id, property_id, start_date, end_date, reason, created_at, ical_import_id,
				                             ical_uid)
				select e.id::uuid, ?, e.start_date::date, e.end_date::date, 'blocked', ?, ?, e.uid
				from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as e (id, uid, start_date, end_date)
				order by e.start_date::date
				on conflict do nothing
				returning ical_uid""")
			.params(propertyId, Timestamp.from(clock.instant()), importId, blockIds, uids, starts, ends)
			.query(String.class)
			.list());
	}

	/**
	 * Of {@code events}, those that overlap a span a booking holds now (a hold past its time holds nothing), in their
	 * order; one statement for all of them, since a sync holds the listing's row lock meanwhile and may have up to
	 * {@code FeedParser}'s 10,000 events that did not fit.
	 */
	private List<Event> overlappingBookings(UUID propertyId, List<Event> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		String[] uids = new String[events.size()];
		String[] starts = new String[events.size()];
		String[] ends = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			uids[i] = events.get(i).uid();
			starts[i] = events.get(i).start().toString();
			ends[i] = events.get(i).end().toString();
		}
		// positional parameters, as for the insert: the arrays would be expanded as named ones
		Set<String> overlapping = Set.copyOf(jdbc.sql("""
				select e.uid from unnest(?::text[], ?::text[], ?::text[]) as e (uid, start_date, end_date)
				where exists (select 1 from property_blocks b
				              where b.property_id = ? and b.reason = 'booked'
				                and daterange(b.start_date, b.end_date) && daterange(e.start_date::date, e.end_date::date)
				                and\s""" + Calendar.HOLDING.formatted("b").replace(":now", "?") + ")")
			.params(uids, starts, ends, propertyId, Timestamp.from(clock.instant()))
			.query(String.class)
			.list());
		return events.stream().filter(event -> overlapping.contains(event.uid())).toList();
	}

	/**
	 * The spans of a listing's export: every booking that holds its nights now and every block of the host's own,
	 * ending after {@code from}, in date order, at most {@code limit}. Imported blocks are left out: a feed's own events
	 * sent back to it (or to a platform that exports them again) would outlive their cancellation at the source.
	 */
	@Transactional(readOnly = true)
	public List<Span> exported(UUID propertyId, LocalDate from, int limit) {
		return jdbc.sql("""
				select id, start_date, end_date, reason from property_blocks b
				where property_id = :property and end_date > :from and ical_import_id is null and\s"""
				+ Calendar.HOLDING.formatted("b") + " order by start_date limit :limit")
			.param("property", propertyId)
			.param("from", from)
			.param("now", Timestamp.from(clock.instant()))
			.param("limit", limit)
			.query((rs, row) -> new Span(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
					rs.getObject(3, LocalDate.class), rs.getString(4)))
			.list();
	}
}
