package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.paging.PageRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The load harness's pgbench baseline ({@code docs/bench/load/run.sh}) runs a copy of {@link PropertySearch}'s SQL for
 * the search scenario (city + dates + guests, newest first, first page of 20), since pgbench takes SQL text and binds
 * only numbers. The copy has had to follow the service twice; this holds it to the SQL the service builds, so a change
 * to one without the other fails here instead of skewing the ratio the goal is measured by.
 */
class LoadHarnessSqlUnitTests {

	private static final Path HARNESS = Path.of("docs/bench/load/run.sh");

	@Test
	void pgbenchRunsTheServicesSearchSql() throws IOException {
		SearchCriteria scenario = new SearchCriteria("Lisbon", null, null, null, null, null, 2, null, null, null,
				LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 5), null, null, null, SearchSort.fromJson(null));
		PageRequest firstPage = PageRequest.of(null, null);
		String service = new PropertySearch(null, Clock.systemUTC()).statement(scenario, firstPage, ListingFields.ALL)
			.sql();

		String harness = harnessSql()
			// pgbench binds numbers only: the city is a literal, the dates are days from today, the limit is written out
			.replace("lower('${city//\\'/\\'\\'}')", "lower(:city)")
			.replace("cast(:g as integer)", ":guests")
			.replace("daterange(current_date + cast(:d as integer), current_date + cast(:d as integer) + cast(:n as integer))",
					"daterange(:checkIn, :checkOut)")
			.replace("now()", ":now")
			.replace("limit " + firstPage.fetchSize() + ";", "limit :limit");

		assertThat(words(harness)).isEqualTo(words(service));
	}

	/** The SQL of the harness's pgbench script: the here-document, without pgbench's {@code \set} lines. */
	private static String harnessSql() throws IOException {
		List<String> lines = Files.readAllLines(HARNESS);
		int start = lines.indexOf("  cat > \"$file\" <<SQL");
		int end = lines.subList(start, lines.size()).indexOf("SQL") + start;
		assertThat(start).as("pgbench's script in " + HARNESS).isPositive();
		return lines.subList(start + 1, end)
			.stream()
			.filter(line -> !line.startsWith("\\set"))
			.collect(Collectors.joining("\n"));
	}

	/** The SQL with its white space made single spaces, and none inside parentheses. */
	private static String words(String sql) {
		return sql.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
	}
}
