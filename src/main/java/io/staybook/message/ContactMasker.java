package io.staybook.message;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;

/**
 * Hides contact details in a message's text: each e-mail address, link and phone number becomes {@value #HIDDEN}.
 * Links ({@code https://…}, {@code www.…}) and e-mail addresses are found by autolink-java (the parser behind
 * commonmark-java's autolinks), phone numbers by Google's libphonenumber ({@link PhoneNumberUtil#findNumbers}) with
 * {@link PhoneNumberUtil.Leniency#VALID}: a number counts only if it is a valid number of one of {@link #REGIONS} (or
 * any country, written with its {@code +} or {@code 00} country code), which leaves dates, times, prices and counts
 * ("2 guests", "check-in at 15:00", "2027-03-14", "$120.00") alone. A pure function, thread-safe.
 * <p>
 * Not caught, by design of a masker that must not garble ordinary text: numbers spelt out in words, addresses written
 * "name at example dot com", and bare domain names without {@code www.} or a scheme.
 */
final class ContactMasker {

	/** What replaces each contact detail. */
	static final String HIDDEN = "[hidden]";

	/**
	 * The regions whose national notations are recognised ({@code (415) 555-0100}, {@code 020 7946 0958},
	 * {@code 030 1234567}); numbers with a country code are recognised whatever their country.
	 */
	static final List<String> REGIONS = List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "AU", "IN", "BR");

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private static final LinkExtractor LINKS = LinkExtractor.builder()
		.linkTypes(EnumSet.of(LinkType.URL, LinkType.WWW, LinkType.EMAIL))
		.build();

	/** Characters written between the digits of a phone number to keep it from being recognised. */
	private static final String PHONE_SEPARATORS = "_*|~\\";

	private ContactMasker() {
	}

	/**
	 * {@code text} with every contact detail replaced by {@value #HIDDEN}; null stays null. The details are looked for
	 * in the text's Unicode compatibility form (NFKC, Unicode Standard Annex #15), so that look-alike characters do not
	 * hide them: full-width {@code ＠} and {@code ．}, mathematical or circled digits ({@code 𝟒𝟏𝟓}). A text with a
	 * detail is answered in that form, masked; a text without one is answered exactly as written.
	 */
	static String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
		String masked = maskAsWritten(normalized);
		return masked == normalized ? text : masked;
	}

	/**
	 * {@code text} with every contact detail found replaced; {@code text} itself when there is none. Each detector reads
	 * a copy of {@code text} with some characters changed one for one (so that a span found in the copy is the same
	 * span of {@code text}): links and e-mail addresses with the ideographic full stop {@code 。} as a dot, which IDNA
	 * (UTS #46) reads as one in a domain name, so that {@code ana@example。com} is one; phone numbers with
	 * {@value #PHONE_SEPARATORS} as spaces, separators a reader skips but libphonenumber does not take between digits
	 * ({@code 415_555_0100}, {@code +44*20*7946*0958}). The slash stays: libphonenumber refuses it on purpose, as it
	 * makes dates ({@code 14/03/27}).
	 */
	private static String maskAsWritten(String text) {
		List<int[]> spans = new ArrayList<>();
		for (LinkSpan link : LINKS.extractLinks(text.replace('\u3002', '.'))) {
			spans.add(new int[] { link.getBeginIndex(), link.getEndIndex() });
		}
		String digits = spacedSeparators(text);
		for (String region : REGIONS) {
			for (PhoneNumberMatch match : PHONES.findNumbers(digits, region, PhoneNumberUtil.Leniency.VALID,
					Long.MAX_VALUE)) {
				spans.add(new int[] { match.start(), match.end() });
			}
		}
		if (spans.isEmpty()) {
			return text;
		}
		spans.sort(Comparator.comparingInt((int[] span) -> span[0]));
		StringBuilder masked = new StringBuilder(text.length());
		int at = 0;
		for (int[] span : spans) {
			if (span[1] <= at) {
				continue; // inside a span already hidden
			}
			if (span[0] >= at) {
				masked.append(text, at, span[0]).append(HIDDEN);
			}
			at = span[1];
		}
		return masked.append(text, at, text.length()).toString();
	}

	/** {@code text} with each of {@link #PHONE_SEPARATORS} as a space. */
	private static String spacedSeparators(String text) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			if (PHONE_SEPARATORS.indexOf(chars[i]) >= 0) {
				chars[i] = ' ';
			}
		}
		return new String(chars);
	}
}
