package io.staybook.ical;

import io.staybook.property.ImportedCalendar.Event;
import io.staybook.shared.validation.Characters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ical_imports} and {@code ical_import_conflicts} tables (V21), in plain SQL. */
@Repository
class IcalImports {

	private static final String COLUMNS = "id, property_id, url, name, last_synced_at, last_error, created_at";

	private final JdbcClient jdbc;

	IcalImports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID propertyId, String url, String name, UUID by, Instant now) {
		jdbc.sql("""
				insert into ical_imports (id, property_id, url, name, created_by, created_at, next_sync_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, propertyId, url, name, by, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	int count(UUID propertyId) {
		return jdbc.sql("select count(*) from ical_imports where property_id = ?").param(propertyId)
			.query(Integer.class).single();
	}

	Optional<IcalImport> find(UUID id) {
		return withConflicts(jdbc.sql("select " + COLUMNS + " from ical_imports where id = ?").param(id)
			.query(IcalImports::row).list()).stream().findFirst();
	}

	/** The import's row, locked until the transaction ends (the sync's and the deletion's order: listing, import). */
	boolean lock(UUID id) {
		return !jdbc.sql("select 1 from ical_imports where id = ? for update").param(id).query(Integer.class).list()
			.isEmpty();
	}

	/** Newest first, {@code limit} after the one with id {@code after} (null: from the newest). */
	List<IcalImport> page(UUID propertyId, UUID after, int limit) {
		return withConflicts(jdbc.sql("select " + COLUMNS + """
				 from ical_imports where property_id = :property and (cast(:after as uuid) is null or id < :after)
				order by id desc limit :limit""")
			.param("property", propertyId)
			.param("after", after)
			.param("limit", limit)
			.query(IcalImports::row)
			.list());
	}

	boolean delete(UUID propertyId, UUID id) {
		return jdbc.sql("delete from ical_imports where id = ? and property_id = ?").params(id, propertyId).update() == 1;
	}

	/**
	 * Up to {@code limit} imports due at {@code now}, each moved to its next turn ({@code now + interval}) in the same
	 * statement, so that a sync that dies is retried at that turn and no two sweeps take the same import.
	 */
	List<UUID> claimDue(Instant now, Duration interval, int limit) {
		return jdbc.sql("""
				update ical_imports set next_sync_at = :next
				where id in (select id from ical_imports where next_sync_at <= :now order by next_sync_at limit :limit
				             for update skip locked)
				returning id""")
			.param("now", Timestamp.from(now))
			.param("next", Timestamp.from(now.plus(interval)))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	void synced(UUID id, Instant now, String warning, Collection<Event> conflicts) {
		jdbc.sql("update ical_imports set last_synced_at = ?, last_error = ? where id = ?")
			.params(Timestamp.from(now), warning, id)
			.update();
		jdbc.sql("delete from ical_import_conflicts where import_id = ?").param(id).update();
		for (Event conflict : conflicts) {
			jdbc.sql("insert into ical_import_conflicts (import_id, uid, start_date, end_date) values (?, ?, ?, ?)")
				.params(id, conflict.uid(), conflict.start(), conflict.end())
				.update();
		}
	}

	void failed(UUID id, String error) {
		jdbc.sql("update ical_imports set last_error = ? where id = ?")
			.params(Characters.truncate(error, 500), id)
			.update();
	}

	private List<IcalImport> withConflicts(List<IcalImport> imports) {
		if (imports.isEmpty()) {
			return imports;
		}
		Map<UUID, List<IcalImport.Conflict>> conflicts = new HashMap<>();
		jdbc.sql("""
				select import_id, start_date, end_date from ical_import_conflicts where import_id = any(?::uuid[])
				order by start_date, uid""")
			.param(imports.stream().map(i -> i.id().toString()).toArray(String[]::new))
			.query(rs -> {
				conflicts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new IcalImport.Conflict(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
			});
		return imports.stream()
			.map(i -> new IcalImport(i.id(), i.propertyId(), i.url(), i.name(), i.lastSyncedAt(), i.lastError(),
					List.copyOf(conflicts.getOrDefault(i.id(), List.of())), i.createdAt()))
			.toList();
	}

	private static IcalImport row(ResultSet rs, int row) throws SQLException {
		Timestamp synced = rs.getTimestamp(5);
		return new IcalImport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				rs.getString(4), synced == null ? null : synced.toInstant(), rs.getString(6), List.of(),
				rs.getTimestamp(7).toInstant());
	}
}
