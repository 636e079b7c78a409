package io.staybook.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per table, its row count and the sum of its rows' hashes ({@code "count:sum"}): what a test compares before and
 * after a request to prove that the request changed no row.
 * <p>
 * Summing every row of every table costs a scan a table; a sweep of thousands of requests paid it after each one. So
 * {@link #now()} first asks PostgreSQL for its current MVCC snapshot ({@code pg_current_snapshot()}: the next
 * transaction ID and those in progress, cluster-wide). Two snapshots that are the same see the same committed
 * transactions, hence the same rows in every table: when it equals the snapshot the last sums were read under (in the
 * same statement), those sums are still the tables' and are returned unread. Any write, committed or rolled back, in
 * this database or another of the server, takes a transaction ID and so changes the snapshot; then the sums are read
 * again. The answer is the same as summing every time, only cheaper while nothing writes.
 * <p>
 * Not thread-safe: one test at a time.
 */
public final class TableChecksums {

	private final JdbcTemplate jdbc;

	private final String query;

	private String snapshot;

	private Map<String, String> sums;

	/**
	 * @param jdbc the test database
	 * @param tables the tables to sum, in the order {@link #now()} lists them
	 */
	public TableChecksums(JdbcTemplate jdbc, List<String> tables) {
		this.jdbc = jdbc;
		// one statement: the snapshot it returns is the one its sums were read under
		this.query = "select pg_current_snapshot()::text, t.* from (" + tables.stream()
			.map(name -> "select '%1$s', count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) from %1$s t"
				.formatted(name))
			.collect(Collectors.joining(" union all ")) + ") t";
	}

	/** Every table of the current schema but Flyway's history. */
	public static TableChecksums ofEveryTable(JdbcTemplate jdbc) {
		return new TableChecksums(jdbc, jdbc.queryForList("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'
				  and table_name not like 'flyway%'
				order by table_name""", String.class));
	}

	/** Each table's {@code "count:sum"} by name, as the tables are now. */
	public Map<String, String> now() {
		if (sums != null && jdbc.queryForObject("select pg_current_snapshot()::text", String.class).equals(snapshot)) {
			return sums;
		}
		Map<String, String> read = new LinkedHashMap<>();
		String[] readUnder = new String[1];
		jdbc.query(query, row -> {
			readUnder[0] = row.getString(1);
			read.put(row.getString(2), row.getString(3));
		});
		snapshot = readUnder[0];
		sums = Collections.unmodifiableMap(read);
		return sums;
	}
}
