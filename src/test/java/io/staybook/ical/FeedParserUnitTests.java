package io.staybook.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.staybook.property.ImportedCalendar.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link FeedParser} turns RFC 5545 events into the nights they close. */
class FeedParserUnitTests {

	static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

	static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

	static String feed(String... events) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Feed//EN\r\n" + String.join("", events)
				+ "END:VCALENDAR\r\n";
	}

	static String event(String uid, String... lines) {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20270101T000000Z\r\n" + String.join("\r\n", lines)
				+ "\r\nEND:VEVENT\r\n";
	}

	static List<Event> parse(String feed) throws Exception {
		return FeedParser.parse(feed.getBytes(StandardCharsets.UTF_8), LISBON, TODAY, 550).events()
			.stream()
			.sorted(java.util.Comparator.comparing(Event::start).thenComparing(Event::uid))
			.toList();
	}

	@Test
	void anAllDayEventClosesItsNightsEndExclusive() throws Exception {
		assertThat(parse(feed(event("a@x", "DTSTART;VALUE=DATE:20270310", "DTEND;VALUE=DATE:20270314"),
				event("b@x", "DTSTART;VALUE=DATE:20270320"))))
			.containsExactly(new Event("a@x", LocalDate.of(2027, 3, 10), LocalDate.of(2027, 3, 14)),
					new Event("b@x", LocalDate.of(2027, 3, 20), LocalDate.of(2027, 3, 21)));
	}

	/**
	 * An event whose TZID names no zone the JDK or the feed defines (a typo, or a vendor's private name) was skipped,
	 * leaving its nights open to a double booking; its times are read as written instead, as a floating time is, so
	 * that the nights it closes are the ones its calendar shows.
	 */
	@Test
	void anEventInAZoneNoOneKnowsClosesTheNightsAsWritten() throws Exception {
		FeedParser.Parsed parsed = FeedParser.parse(feed(event("mars@x", "DTSTART;TZID=Mars/Olympus:20270310T150000",
				"DTEND;TZID=Mars/Olympus:20270312T110000")).getBytes(StandardCharsets.UTF_8), LISBON, TODAY, 550);

		assertThat(parsed.events())
			.containsExactly(new Event("mars@x", LocalDate.of(2027, 3, 10), LocalDate.of(2027, 3, 12)));
		assertThat(parsed.skipped()).isZero();

		// folded across lines or quoted, the same; a zone the JDK knows is still converted to the listing's
		assertThat(parse(feed(event("folded@x", "DTSTART;TZID=Mars/Oly\r\n mpus:20270320T150000"),
				event("quoted@x", "DTSTART;TZID=\"Mars/Olympus\":20270401T150000"),
				event("known@x", "DTSTART;TZID=America/New_York:20270310T230000"))))
			.containsExactly(new Event("known@x", LocalDate.of(2027, 3, 11), LocalDate.of(2027, 3, 12)),
					new Event("folded@x", LocalDate.of(2027, 3, 20), LocalDate.of(2027, 3, 21)),
					new Event("quoted@x", LocalDate.of(2027, 4, 1), LocalDate.of(2027, 4, 2)));
	}

	/**
	 * A feed that repeats a UID for other nights (Google Calendar writes each occurrence of a series out under the
	 * series' UID) had only its first event read: the others' nights stayed open to a double booking, and nothing was
	 * counted as skipped (found by feeding one).
	 */
	@Test
	void aUidRepeatedForOtherNightsClosesThemAllAndOnceForTheSameNights() throws Exception {
		assertThat(parse(feed(event("series@x", "DTSTART;VALUE=DATE:20270310", "DTEND;VALUE=DATE:20270312"),
				event("series@x", "DTSTART;VALUE=DATE:20270401", "DTEND;VALUE=DATE:20270405"),
				event("series@x", "DTSTART;VALUE=DATE:20270310", "DTEND;VALUE=DATE:20270312"))))
			.containsExactly(new Event("series@x", LocalDate.of(2027, 3, 10), LocalDate.of(2027, 3, 12)),
					new Event("series@x/2027-04-01/2027-04-05", LocalDate.of(2027, 4, 1), LocalDate.of(2027, 4, 5)));
	}

	/**
	 * A feed with one unreadable event is read event by event, each with the feed's whole prologue: a prologue of a
	 * few hundred KB and a few thousand events (640 KB, under the 1 MiB limit) took more than two minutes of CPU at
	 * every sync, unbounded by the time budget, which was looked at only afterwards (found by feeding one). The budget
	 * now bounds that reading too.
	 */
	@Test
	void readingEventByEventIsBoundedByTheTimeBudget() {
		StringBuilder events = new StringBuilder(event("bad@x", "DTSTART;VALUE=DATE:20270310", "EXDATE:garbage",
				"RRULE:FREQ=DAILY;COUNT=2"));
		for (int i = 0; i < 500; i++) {
			events.append(event("e" + i + "@x", "DTSTART;VALUE=DATE:20270310"));
		}
		String padding = "X-PADDING:" + "p".repeat(60) + "\r\n";
		byte[] feed = feed(events.toString()).replace("PRODID:-//Test//Feed//EN\r\n",
				"PRODID:-//Test//Feed//EN\r\n" + padding.repeat(3000)).getBytes(StandardCharsets.UTF_8);
		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
				() -> FeedParser.parse(feed, LISBON, TODAY, 550, Duration.ofMillis(200)))
			.isInstanceOf(FeedParser.Unreadable.class)
			.hasMessageContaining("event by event"));
	}

	@Test
	void timedEventsAreReadInTheListingsZone() throws Exception {
		// 23:30 UTC on the 9th is 23:30 in Lisbon (winter); 00:30 on the 11th in New York is the 11th there, 04:30Z
		assertThat(parse(feed(
				event("utc@x", "DTSTART:20270309T233000Z", "DTEND:20270312T100000Z"),
				event("ny@x", "DTSTART;TZID=America/New_York:20270315T150000",
						"DTEND;TZID=America/New_York:20270317T203000"),
				event("floating@x", "DTSTART:20270320T100000", "DURATION:PT2H"))))
			.containsExactly(new Event("utc@x", LocalDate.of(2027, 3, 9), LocalDate.of(2027, 3, 12)),
					new Event("ny@x", LocalDate.of(2027, 3, 15), LocalDate.of(2027, 3, 18)),
					new Event("floating@x", LocalDate.of(2027, 3, 20), LocalDate.of(2027, 3, 21)));
	}

	@Test
	void cancelledAndPastEventsCloseNothing() throws Exception {
		assertThat(parse(feed(event("gone@x", "STATUS:CANCELLED", "DTSTART;VALUE=DATE:20270310",
				"DTEND;VALUE=DATE:20270312"), event("past@x", "DTSTART;VALUE=DATE:20270201",
						"DTEND;VALUE=DATE:20270301"), event("late@x", "DTSTART;VALUE=DATE:20300101")))).isEmpty();
	}

	@Test
	void aRecurringEventIsExpandedWithinTheHorizonMinusExdatesAndOverrides() throws Exception {
		List<Event> events = parse(feed(
				event("weekly@x", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270302",
						"RRULE:FREQ=WEEKLY;COUNT=5", "EXDATE;VALUE=DATE:20270308"),
				event("weekly@x", "RECURRENCE-ID;VALUE=DATE:20270315", "DTSTART;VALUE=DATE:20270316",
						"DTEND;VALUE=DATE:20270318"),
				event("weekly@x", "RECURRENCE-ID;VALUE=DATE:20270322", "STATUS:CANCELLED",
						"DTSTART;VALUE=DATE:20270322", "DTEND;VALUE=DATE:20270323")));
		assertThat(events).containsExactly(
				new Event("weekly@x/2027-03-01", LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 2)),
				new Event("weekly@x/2027-03-15", LocalDate.of(2027, 3, 16), LocalDate.of(2027, 3, 18)),
				new Event("weekly@x/2027-03-29", LocalDate.of(2027, 3, 29), LocalDate.of(2027, 3, 30)));
	}

	@Test
	void anEndlessRuleStopsAtTheHorizon() throws Exception {
		List<Event> events = parse(feed(event("monthly@x", "DTSTART;VALUE=DATE:20200101", "RRULE:FREQ=MONTHLY")));
		assertThat(events).hasSize(18); // March 2027 to August 2028: the horizon is 2028-09-01, exclusive
		assertThat(events.getFirst().start()).isEqualTo(LocalDate.of(2027, 3, 1));
		assertThat(events.getLast().start()).isBefore(TODAY.plusDays(550));
	}

	@Test
	void aMalformedFeedIsUnreadableAndABadEventIsSkipped() throws Exception {
		assertThatThrownBy(() -> parse("<html>Not found</html>")).isInstanceOf(FeedParser.Unreadable.class);
		assertThatThrownBy(() -> parse("")).isInstanceOf(FeedParser.Unreadable.class);
		FeedParser.Parsed parsed = FeedParser.parse(feed(event("nostart@x", "SUMMARY:No dates"),
				event("ok@x", "DTSTART;VALUE=DATE:20270310")).getBytes(StandardCharsets.UTF_8), LISBON,
				TODAY, 550);
		assertThat(parsed.events()).extracting(Event::uid).containsExactly("ok@x");
		assertThat(parsed.skipped()).isEqualTo(1);
	}

	@Test
	void aLongUidIsHashed() throws Exception {
		String uid = "x".repeat(400);
		assertThat(parse(feed(event(uid, "DTSTART;VALUE=DATE:20270310"))).getFirst().uid()).startsWith("sha256:")
			.hasSize(7 + 64);
	}

	/**
	 * A 550 KiB feed of 5,000 daily rules expanded to 2.7 million occurrences and took a node with the production heap
	 * (256 MiB) down with OutOfMemoryError at its first sync (found by trying it as a host): past
	 * {@value FeedParser#MAX_EVENTS} the feed is unreadable, and its expansion stops there.
	 */
	@Test
	void aFeedOfTooManyOccurrencesIsUnreadable() {
		StringBuilder events = new StringBuilder();
		for (int i = 0; i < 5000; i++) {
			events.append(event("e" + i + "@x", "DTSTART;VALUE=DATE:20270310", "RRULE:FREQ=DAILY"));
		}
		// a budget of time no loaded machine reaches first: this is the count's limit (the time's has its own test)
		assertThatThrownBy(() -> FeedParser.parse(feed(events.toString()).getBytes(StandardCharsets.UTF_8), LISBON,
				TODAY, 550, Duration.ofMinutes(2)))
			.isInstanceOf(FeedParser.Unreadable.class)
			.hasMessageContaining("more than 10000 events");
	}

	/**
	 * FREQ=SECONDLY from a date a year back took ical4j 5 s of CPU for one event (and closed nothing); a feed of them
	 * would take hours at every sync. Such rules are not expanded but skipped, and counted; so are rules by the time of
	 * day, which close the nights a daily one does.
	 */
	@Test
	void aRuleMoreOftenThanDailyIsSkipped() throws Exception {
		FeedParser.Parsed parsed = FeedParser.parse(feed(
				event("s@x", "DTSTART:20260101T000000Z", "RRULE:FREQ=SECONDLY"),
				event("m@x", "DTSTART:19700101T000000Z", "RRULE:FREQ=MINUTELY"),
				event("h@x", "DTSTART:19700101T000000Z", "RRULE:FREQ=HOURLY"),
				event("bh@x", "DTSTART:19000101T000000Z", "RRULE:FREQ=DAILY;BYHOUR=0,6,12,18;BYMINUTE=0,30"),
				event("ok@x", "DTSTART;VALUE=DATE:20270310", "RRULE:FREQ=DAILY;COUNT=2"))
			.getBytes(StandardCharsets.UTF_8), LISBON, TODAY, 550);
		assertThat(parsed.skipped()).isEqualTo(4);
		assertThat(parsed.events()).extracting(Event::start)
			.containsExactlyInAnyOrder(LocalDate.of(2027, 3, 10), LocalDate.of(2027, 3, 11));
	}

	/**
	 * Rules that ical4j steps through from centuries back, closing nothing, cost about 12 ms each: a 1 MiB feed of them
	 * took over a minute of CPU per sync. Past its budget the feed is unreadable.
	 */
	@Test
	void aFeedThatTakesTooLongToExpandIsUnreadable() {
		StringBuilder events = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			events.append(event("o" + i + "@x", "DTSTART;VALUE=DATE:00010101", "RRULE:FREQ=DAILY;UNTIL=20200101"));
		}
		assertThatThrownBy(() -> FeedParser.parse(feed(events.toString()).getBytes(
				StandardCharsets.UTF_8), LISBON, TODAY, 550, Duration.ofMillis(1)))
			.isInstanceOf(FeedParser.Unreadable.class)
			.hasMessageContaining("take too long");
	}

	/**
	 * An event ending in the year 2739934 (DURATION:P999999999D) made the sync's insert fail in PostgreSQL, so the
	 * whole feed was never applied and the host was not told why; a block never needs to outlast the horizon.
	 */
	@Test
	void anEventsEndIsKeptWithinTheHorizon() throws Exception {
		LocalDate horizon = TODAY.plusDays(550);
		assertThat(parse(feed(event("far@x", "DTSTART;VALUE=DATE:20270310", "DTEND;VALUE=DATE:99991231"),
				event("long@x", "DTSTART;VALUE=DATE:20270320", "DURATION:P999999999D"),
				event("weekly@x", "DTSTART;VALUE=DATE:20280825", "DURATION:P30D", "RRULE:FREQ=WEEKLY;COUNT=1"))))
			.containsExactly(new Event("far@x", LocalDate.of(2027, 3, 10), horizon),
					new Event("long@x", LocalDate.of(2027, 3, 20), horizon),
					new Event("weekly@x/2028-08-25", LocalDate.of(2028, 8, 25), horizon));
	}
}
