package io.staybook.ical;

import io.staybook.property.ImportedCalendar.Span;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A listing's export as RFC 5545 text, written with ical4j: one all-day {@code VEVENT} per unavailable span, with
 * {@code SUMMARY} "Reserved" (a booking) or "Not available" (a host block) and nothing about any guest. A span's
 * {@code UID} is a name-based UUID of its row id (a booking's span keeps its booking's id), so it stays the same while
 * the span exists, moves with it, and does not show the booking's own id. Lines are folded at 75 octets
 * ({@link #fold}).
 */
final class ExportCalendar {

	static final String PRODUCT = "-//Staybook//Calendar sync//EN";

	private ExportCalendar() {
	}

	static String write(String listingTitle, List<Span> spans, Instant now) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId(PRODUCT));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(ImmutableMethod.PUBLISH);
		calendar.add(new XProperty("X-WR-CALNAME", listingTitle));
		for (Span span : spans) {
			VEvent event = new VEvent(span.start(), span.end(), "booked".equals(span.reason()) ? "Reserved"
					: "Not available");
			event.add(new Uid(uid(span.id())));
			// the constructor stamps the event with the system clock: one DTSTAMP only (RFC 5545, 3.6.1), ours
			event.replace(new DtStamp(now));
			calendar.add(event);
		}
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return fold(out.toString().replace("\r\n ", ""));
	}

	/** The longest line, in octets of UTF-8 without its line break (RFC 5545, 3.1). */
	static final int MAX_LINE_OCTETS = 75;

	/**
	 * Folds each line of {@code unfolded} at {@value #MAX_LINE_OCTETS} octets (RFC 5545, 3.1: a line break and one space,
	 * which counts toward the next line's octets), never inside a character. ical4j folds at 75 UTF-16 units, so a
	 * listing title in another script or with emoji made lines of up to 150 octets, which strict readers refuse or cut
	 * mid-character.
	 */
	static String fold(String unfolded) {
		StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 32);
		for (String line : unfolded.split("\r\n")) {
			int octets = 0;
			for (int i = 0; i < line.length();) {
				int codePoint = line.codePointAt(i);
				int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
				if (octets + size > MAX_LINE_OCTETS) {
					out.append("\r\n ");
					octets = 1;
				}
				out.appendCodePoint(codePoint);
				octets += size;
				i += Character.charCount(codePoint);
			}
			out.append("\r\n");
		}
		return out.toString();
	}

	static String uid(UUID spanId) {
		return UUID.nameUUIDFromBytes(("staybook-ical-span:" + spanId).getBytes(StandardCharsets.UTF_8)) + "@staybook";
	}
}
