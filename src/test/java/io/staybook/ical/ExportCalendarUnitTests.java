package io.staybook.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.ImportedCalendar.Span;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.Test;

/** The export's text as RFC 5545 writes it: lines, folding, escaping. */
class ExportCalendarUnitTests {

	/**
	 * ical4j folds at 75 UTF-16 units, so a title with emoji or in another script made lines of up to 150 octets
	 * (RFC 5545, 3.1: at most 75); each line now holds at most 75 octets, cut between characters, and reads back whole.
	 */
	@Test
	void everyLineHoldsAtMost75OctetsAndUnfoldsToTheSameText() throws Exception {
		for (int prefix = 0; prefix < 8; prefix++) {
			String title = "a".repeat(prefix) + "Casa 😀, à la mer; 東京の家\nwith a view " + "🏖️".repeat(30) + "é".repeat(60);
			String ics = ExportCalendar.write(title,
					List.of(new Span(UUID.randomUUID(), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 3), "booked")),
					Instant.parse("2026-11-30T12:00:00Z"));

			for (String line : ics.split("\r\n")) {
				assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
			}
			assertThat(ics).endsWith("END:VCALENDAR\r\n");
			Calendar read = new CalendarBuilder().build(new StringReader(ics));
			assertThat(read.getProperty("X-WR-CALNAME").orElseThrow().getValue()).isEqualTo(title);
			assertThat(read.getComponents("VEVENT")).hasSize(1);
		}
	}
}
