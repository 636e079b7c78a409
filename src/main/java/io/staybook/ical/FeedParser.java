package io.staybook.ical;

import io.staybook.property.ImportedCalendar.Event;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Reads an iCalendar feed (RFC 5545) into the nights it closes, with ical4j: chosen over biweekly because it is the
 * maintained reference implementation (releases through 2025), works in {@code java.time}, ships the IANA time-zone
 * definitions, and parses leniently what real platforms write (its relaxed unfolding, parsing and validation are on;
 * see {@code ical4j.properties}).
 * <ul>
 * <li>An all-day event closes the nights from its {@code DTSTART} to its {@code DTEND} (exclusive; one night without
 * one). A timed event closes the nights from its start's date to its end's date, in the listing's time zone (a
 * {@code TZID}, {@code Z} or floating time is converted there), and at least the night of its start.</li>
 * <li>A recurring event ({@code RRULE}) is expanded from today up to the horizon, minus its {@code EXDATE}s; each
 * occurrence is keyed by its UID and date, and a {@code RECURRENCE-ID} override replaces (or, cancelled, removes) the
 * occurrence it names. {@code RDATE} is not read.</li>
 * <li>{@code STATUS:CANCELLED} events close nothing; events that end by today or start past the horizon are dropped,
 * and an event's end past the horizon is moved to it (a block is never longer than the calendar it is kept for).</li>
 * <li>A rule that repeats more often than daily ({@code FREQ} {@code SECONDLY}, {@code MINUTELY}, {@code HOURLY}) or by
 * the time of day ({@code BYHOUR}, {@code BYMINUTE}, {@code BYSECOND}) is not expanded, and its event is skipped: the
 * nights it closes do not depend on the time of day, and its expansion from a start years back costs minutes of CPU
 * per event.</li>
 * <li>A feed with more than {@value #MAX_EVENTS} events (occurrences included) up to the horizon is unreadable as a
 * whole: a calendar of at most a few hundred nights has no more, and a 1 MiB feed of recurring events could otherwise
 * expand to millions, more than a node's memory. So is one whose events take more than {@link #EXPANSION_BUDGET} to
 * read, the reading of a feed event by event (below) included.</li>
 * <li>An event without a UID is keyed by a hash of its dates; a UID over 200 characters by a hash of it. A UID that
 * comes again for other nights is kept for those too, keyed by the UID and its dates.</li>
 * </ul>
 * A feed that is not iCalendar fails as a whole ({@link Unreadable}); a single event that cannot be read is skipped and
 * counted, also when its fault (a value that is not a date, say) makes ical4j refuse the whole feed: then each event is
 * read on its own, so one bad event does not leave a listing's other imported nights open to double booking.
 */
final class FeedParser {

	static final int MAX_KEY = 200;

	/** The most events, each occurrence of a recurring one counted, that a feed may close up to the horizon. */
	static final int MAX_EVENTS = 10_000;

	/**
	 * How long reading a feed's events may take. A rule can cost milliseconds to expand (ical4j steps from its
	 * {@code DTSTART}, which may be centuries back, to today), so a 1 MiB feed of such rules would take minutes of CPU
	 * at every sync; an honest feed takes milliseconds.
	 */
	static final Duration EXPANSION_BUDGET = Duration.ofSeconds(5);

	private FeedParser() {
	}

	/** Why a feed could not be read; the message is safe to show to the listing's host. */
	static final class Unreadable extends Exception {

		Unreadable(String message) {
			super(message);
		}
	}

	/** The events of a feed, and how many of its events could not be read. */
	record Parsed(List<Event> events, int skipped) {
	}

	/**
	 * The nights {@code feed} closes between {@code today} (in {@code zone}) and {@code today + horizonDays}.
	 * @throws Unreadable if the feed is not an iCalendar object, has too many events or takes too long to expand
	 */
	static Parsed parse(byte[] feed, ZoneId zone, LocalDate today, long horizonDays) throws Unreadable {
		return parse(feed, zone, today, horizonDays, EXPANSION_BUDGET);
	}

	/**
	 * {@link #parse(byte[], ZoneId, LocalDate, long)}, giving up (unreadable) once reading the events has taken longer
	 * than {@code budget}.
	 */
	static Parsed parse(byte[] feed, ZoneId zone, LocalDate today, long horizonDays, Duration budget)
			throws Unreadable {
		long deadline = System.nanoTime() + budget.toNanos();
		String text = withKnownZones(new String(feed, StandardCharsets.UTF_8));
		List<VEvent> events;
		int skipped = 0;
		try {
			events = events(build(text));
		}
		catch (Unreadable whole) {
			// one event's bad value (EXDATE:garbage, a year 0) fails ical4j's whole build: read the events one by one
			ByEvent byEvent = ByEvent.of(text);
			if (byEvent.events().isEmpty() || !readable(byEvent.prologue())) {
				throw whole;
			}
			events = new ArrayList<>();
			for (String one : byEvent.events()) {
				// each event is read with the whole prologue: a feed of a large one and many events took minutes of CPU
				if (System.nanoTime() - deadline > 0) {
					throw new Unreadable("The feed has an event that cannot be read and takes too long to read event by"
							+ " event.");
				}
				try {
					events.addAll(events(build(byEvent.prologue() + one + "END:VCALENDAR\r\n")));
				}
				catch (Unreadable ex) {
					skipped++;
				}
			}
		}
		LocalDate horizon = today.plusDays(horizonDays);
		Map<String, Event> byKey = new HashMap<>();
		Map<String, Boolean> overridden = new HashMap<>();
		// overrides first: they decide the occurrences they name, whatever the order in the feed
		for (VEvent event : events) {
			Optional<Property> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
			if (recurrenceId.isEmpty()) {
				continue;
			}
			try {
				String key = occurrenceKey(uid(event), dateOf(temporal(recurrenceId.get()), zone));
				overridden.put(key, true);
				if (!cancelled(event)) {
					span(event, zone).filter(s -> within(s, today, horizon)).ifPresent(s -> byKey.put(key,
							new Event(key, s.start(), clip(s.end(), horizon))));
				}
			}
			catch (RuntimeException ex) {
				skipped++;
			}
			withinLimits(byKey, deadline);
		}
		for (VEvent event : events) {
			if (event.getProperty(Property.RECURRENCE_ID).isPresent() || cancelled(event)) {
				continue;
			}
			try {
				Optional<Span> first = span(event, zone);
				if (first.isEmpty()) {
					skipped++;
					continue;
				}
				Optional<RRule<Temporal>> rule = event.getProperty(Property.RRULE);
				String uid = uid(event);
				if (rule.isEmpty()) {
					if (within(first.get(), today, horizon)) {
						add(byKey, uid, first.get().start(), clip(first.get().end(), horizon));
					}
					withinLimits(byKey, deadline);
					continue;
				}
				if (subDaily(rule.get().getRecur())) {
					skipped++;
					continue;
				}
				long nights = ChronoUnit.DAYS.between(first.get().start(), first.get().end());
				Set<LocalDate> excluded = event.<DateListProperty<Temporal>>getProperties(Property.EXDATE).stream()
					.flatMap(exdate -> exdate.getDates().stream())
					.map(date -> dateOf(date, zone))
					.collect(Collectors.toSet());
				Temporal seed = temporal(event.getProperty(Property.DTSTART).orElseThrow());
				Temporal from = shift(seed, today.minusDays(nights + 1), zone);
				Temporal to = shift(seed, horizon, zone);
				for (Temporal occurrence : rule.get().getRecur().getDates(seed, from, to, 1000)) {
					LocalDate start = dateOf(occurrence, zone);
					String key = occurrenceKey(uid, start);
					Span span = new Span(start, start.plusDays(nights));
					if (!excluded.contains(start) && !overridden.containsKey(key) && within(span, today, horizon)) {
						byKey.put(key, new Event(key, span.start(), clip(span.end(), horizon)));
					}
				}
			}
			catch (RuntimeException ex) {
				skipped++;
			}
			withinLimits(byKey, deadline);
		}
		return new Parsed(List.copyOf(byKey.values()), skipped);
	}

	private record Span(LocalDate start, LocalDate end) {
	}

	/**
	 * Adds a single event, keyed by its UID. A UID met again for other nights is kept too, keyed by the UID and those
	 * nights: RFC 5545 makes a UID unique within a feed, but real feeds repeat one (Google Calendar and others writing
	 * each occurrence of a series out under the series' UID), and keeping only the first left the others' nights open
	 * to a double booking without a word. The same UID for the same nights is one event.
	 */
	private static void add(Map<String, Event> byKey, String uid, LocalDate start, LocalDate end) {
		String key = key(uid);
		Event known = byKey.putIfAbsent(key, new Event(key, start, end));
		if (known != null && !(known.start().equals(start) && known.end().equals(end))) {
			String again = key(uid + "/" + start + "/" + end);
			byKey.putIfAbsent(again, new Event(again, start, end));
		}
	}

	private static Calendar build(String text) throws Unreadable {
		try {
			return new CalendarBuilder().build(new StringReader(text));
		}
		catch (ParserException ex) {
			throw new Unreadable("The feed is not valid iCalendar (line " + ex.getLineNo() + ").");
		}
		catch (IOException | RuntimeException ex) {
			throw new Unreadable("The feed is not valid iCalendar.");
		}
	}

	private static boolean readable(String prologue) {
		try {
			build(prologue + "END:VCALENDAR\r\n");
			return true;
		}
		catch (Unreadable ex) {
			return false;
		}
	}

	private static List<VEvent> events(Calendar calendar) {
		return calendar.getComponents().stream().filter(VEvent.class::isInstance).map(VEvent.class::cast).toList();
	}

	/**
	 * A feed cut at its {@code VEVENT} boundaries (lines that begin and end one; a folded line's continuation starts
	 * with a space, so it is never taken for one): each event's lines, and the rest up to the calendar's end (its
	 * header and time zones), before which each event is read alone.
	 */
	private record ByEvent(String prologue, List<String> events) {

		static ByEvent of(String text) {
			StringBuilder prologue = new StringBuilder();
			List<String> events = new ArrayList<>();
			StringBuilder event = null;
			for (String line : text.split("\r\n|\n|\r")) {
				String name = line.strip();
				if (event == null && name.equalsIgnoreCase("BEGIN:VEVENT")) {
					event = new StringBuilder();
				}
				if (event != null) {
					event.append(line).append("\r\n");
					if (name.equalsIgnoreCase("END:VEVENT")) {
						events.add(event.toString());
						event = null;
					}
				}
				else if (!name.equalsIgnoreCase("END:VCALENDAR")) {
					prologue.append(line).append("\r\n");
				}
			}
			return new ByEvent(prologue.toString(), events);
		}
	}

	private static boolean cancelled(VEvent event) {
		return event.getProperty(Property.STATUS)
			.map(status -> Status.VALUE_CANCELLED.equalsIgnoreCase(status.getValue().strip()))
			.orElse(false);
	}

	/** @throws Unreadable once the feed has more than {@value #MAX_EVENTS} events, or its time is up */
	private static void withinLimits(Map<String, Event> byKey, long deadline) throws Unreadable {
		if (byKey.size() > MAX_EVENTS) {
			throw new Unreadable("The feed has more than " + MAX_EVENTS
					+ " events (each occurrence of a recurring one counted) in the dates it is read for.");
		}
		if (System.nanoTime() - deadline > 0) {
			throw new Unreadable("The feed's recurring events take too long to read; simplify their rules.");
		}
	}

	/** Whether {@code recur} repeats more often than daily, or at given times of the day. */
	private static boolean subDaily(Recur<?> recur) {
		return recur.getFrequency() == null || recur.getFrequency().compareTo(Frequency.DAILY) < 0
				|| !recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty()
				|| !recur.getSecondList().isEmpty();
	}

	private static LocalDate clip(LocalDate end, LocalDate horizon) {
		return end.isAfter(horizon) ? horizon : end;
	}

	private static boolean within(Span span, LocalDate today, LocalDate horizon) {
		return span.end().isAfter(today) && span.start().isBefore(horizon);
	}

	/** The nights an event closes, or empty without a start. */
	private static Optional<Span> span(VEvent event, ZoneId zone) {
		Optional<Property> dtStart = event.getProperty(Property.DTSTART);
		if (dtStart.isEmpty()) {
			return Optional.empty();
		}
		Temporal start = temporal(dtStart.get());
		LocalDate startDate = dateOf(start, zone);
		Optional<Property> dtEnd = event.getProperty(Property.DTEND);
		Optional<Property> duration = event.getProperty(Property.DURATION);
		LocalDate endDate;
		if (dtEnd.isPresent()) {
			endDate = dateOf(temporal(dtEnd.get()), zone);
		}
		else if (duration.isPresent()) {
			TemporalAmount amount = ((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration();
			endDate = dateOf(start.plus(amount), zone);
		}
		else {
			endDate = startDate.plusDays(1);
		}
		if (!endDate.isAfter(startDate)) {
			endDate = startDate.plusDays(1);
		}
		return Optional.of(new Span(startDate, endDate));
	}

	private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]");

	private static final Pattern DEFINED_ZONE = Pattern.compile("^TZID:(.+?)\r?$", Pattern.MULTILINE);

	private static final Pattern ZONE_PARAMETER = Pattern.compile(";TZID=(\"[^\"]*\"|[^;:\r\n]*)");

	/**
	 * {@code text} with each {@code TZID} parameter that names a zone neither the JDK nor the feed's own
	 * {@code VTIMEZONE} defines (a typo, a vendor's private name such as {@code Mars/Olympus}) taken out, so that its
	 * times are read as written, as floating times are: ical4j fails on the unknown zone, and the event was skipped,
	 * leaving nights open that its calendar shows taken. A whole night is off by a day at most at its edges. The text
	 * is unfolded first (RFC 5545, 3.1) when it names a zone at all, so that a parameter folded across two lines is
	 * seen whole.
	 */
	static String withKnownZones(String text) {
		if (!text.contains("TZID")) {
			return text;
		}
		String unfolded = FOLD.matcher(text).replaceAll("");
		Set<String> defined = DEFINED_ZONE.matcher(unfolded).results().map(m -> m.group(1).strip())
			.collect(Collectors.toSet());
		Set<String> known = ZoneId.getAvailableZoneIds();
		return ZONE_PARAMETER.matcher(unfolded).replaceAll(match -> {
			String id = match.group(1).replace("\"", "").strip();
			return known.contains(id) || defined.contains(id) ? Matcher.quoteReplacement(match.group()) : "";
		});
	}

	private static Temporal temporal(Property property) {
		return ((DateProperty<?>) property).getDate();
	}

	/** The date of {@code value} in the listing's zone: a date as it is, a floating time as written, else converted. */
	static LocalDate dateOf(Temporal value, ZoneId zone) {
		return switch (value) {
			case LocalDate date -> date;
			case LocalDateTime floating -> floating.toLocalDate();
			case ZonedDateTime zoned -> zoned.withZoneSameInstant(zone).toLocalDate();
			case OffsetDateTime offset -> offset.atZoneSameInstant(zone).toLocalDate();
			case Instant instant -> instant.atZone(zone).toLocalDate();
			default -> LocalDate.from(value);
		};
	}

	/** A temporal of {@code seed}'s kind on {@code date}, for the bounds of a recurrence expansion. */
	private static Temporal shift(Temporal seed, LocalDate date, ZoneId zone) {
		return switch (seed) {
			case LocalDate ignored -> date;
			case LocalDateTime floating -> date.atStartOfDay();
			case ZonedDateTime zoned -> date.atStartOfDay(zoned.getZone());
			case OffsetDateTime offset -> date.atStartOfDay(zone).toOffsetDateTime();
			case Instant instant -> date.atStartOfDay(zone).toInstant();
			default -> date;
		};
	}

	private static String uid(VEvent event) {
		return event.getProperty(Property.UID).map(Property::getValue).map(String::strip).filter(v -> !v.isEmpty())
			.orElseGet(() -> "no-uid:" + event.getProperty(Property.DTSTART).map(Property::getValue).orElse("")
					+ "/" + event.getProperty(Property.DTEND).map(Property::getValue).orElse(""));
	}

	private static String occurrenceKey(String uid, LocalDate date) {
		return key(uid + "/" + date);
	}

	/** The key a block is tracked by: the UID itself, or its SHA-256 (hex) when it is too long for the column. */
	static String key(String uid) {
		if (uid.length() <= MAX_KEY) {
			return uid;
		}
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(uid.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
