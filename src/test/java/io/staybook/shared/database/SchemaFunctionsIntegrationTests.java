package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our SQL-language functions are ones PostgreSQL inlines (issue 12, twelfth pass). One it cannot inline runs through
 * {@code fmgr_sql}, which parses and plans its body again at each call site of each statement: V11's
 * {@code currency_minor_digits}, STRICT around a CASE, cost every booking insert nine parses and plans in its row
 * checks, about two fifths of the insert's CPU. A function that cannot be inlined is written in PL/pgSQL, which
 * compiles it once per session (V55).
 */
@IntegrationTest
class SchemaFunctionsIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	/** A function of ours (not an extension's) in SQL, with its argument types and whether it returns a set. */
	private record SqlFunction(String name, List<String> argumentTypes, boolean returnsSet) {
	}

	@Test
	void everySqlFunctionOfOursIsInlinedWhereItIsCalled() {
		List<SqlFunction> functions = jdbc.query("""
				select p.proname, p.proretset,
				       array(select format_type(t, null) from unnest(p.proargtypes) with ordinality a(t, i)
				             order by i) as args
				from pg_proc p
				join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = current_schema()
				  and p.prolang = (select oid from pg_language where lanname = 'sql')
				  and not exists (select from pg_depend d
				                  where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
				""", (rs, row) -> new SqlFunction(rs.getString("proname"),
				List.of((String[]) rs.getArray("args").getArray()), rs.getBoolean("proretset")));
		assertThat(functions).as("V40's listing_rating_due and V27's payouts_new_id at least")
			.extracting(SqlFunction::name)
			.contains("listing_rating_due", "payouts_new_id");

		List<String> notInlined = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
			List<String> found = new ArrayList<>();
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (SqlFunction function : functions) {
					String plan = plan(statement, function);
					boolean inlined = function.returnsSet() ? !plan.contains("Function Scan on " + function.name())
							: !plan.contains(function.name() + "(");
					if (!inlined) {
						found.add(function.name() + ":\n" + plan);
					}
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
			return found;
		});
		assertThat(notInlined).as("SQL functions PostgreSQL parses and plans at every call: write them in PL/pgSQL")
			.isEmpty();
	}

	/**
	 * The verbose plan of a call with arguments read from a table's columns, so that nothing is folded as a constant:
	 * {@code select f(a1, ...) from args}, or {@code select * from args, lateral f(a1, ...)} for a set.
	 */
	private static String plan(Statement statement, SqlFunction function) throws java.sql.SQLException {
		List<String> types = function.argumentTypes();
		String columns = IntStream.range(0, types.size())
			.mapToObj(i -> "a" + i + " " + types.get(i))
			.collect(Collectors.joining(", "));
		String arguments = IntStream.range(0, types.size()).mapToObj(i -> "a" + i).collect(Collectors.joining(", "));
		String table = "args_" + function.name();
		statement.execute("create temporary table " + table + " (" + columns + ") on commit drop");
		String call = function.name() + "(" + arguments + ")";
		String query = function.returnsSet() ? "select * from " + table + ", lateral " + call
				: "select " + call + " from " + table;
		StringBuilder plan = new StringBuilder();
		try (ResultSet rows = statement.executeQuery("explain (verbose, costs off) " + query)) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}
}
