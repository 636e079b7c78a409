package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The masker hides e-mail addresses, links and phone numbers in their common notations, and nothing else. */
class ContactMaskerUnitTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Call me on +1 415 555 0100 tomorrow       | Call me on [hidden] tomorrow
			Call me on (415) 555-0100 tomorrow        | Call me on [hidden] tomorrow
			Call me on 415.555.0100 tomorrow          | Call me on [hidden] tomorrow
			Call me on 415-555-0100                   | Call me on [hidden]
			Call me on 4155550100                     | Call me on [hidden]
			Call me on +14155550100                   | Call me on [hidden]
			My UK number is 0044 20 7946 0958         | My UK number is [hidden]
			My UK number is +44 20 7946 0958          | My UK number is [hidden]
			My UK number is 020 7946 0958             | My UK number is [hidden]
			Mobile +44 7911 123456 please             | Mobile [hidden] please
			Handy: +49 30 12345678                    | Handy: [hidden]
			Handy: 030 12345678                       | Handy: [hidden]
			Appelez le +33 1 42 68 53 00              | Appelez le [hidden]
			Appelez le 01 42 68 53 00                 | Appelez le [hidden]
			Bel +31 20 624 1111                       | Bel [hidden]
			Write to ana.lima@example.com thanks      | Write to [hidden] thanks
			Write to ANA+stay@mail.example.co.uk      | Write to [hidden]
			See https://example.com/house?id=7 now    | See [hidden] now
			See http://example.org                    | See [hidden]
			See www.my-own-site.example/rooms         | See [hidden]
			mail ana@example.com or call 415 555 0100 | mail [hidden] or call [hidden]
			Write to john＠gmail．com (full-width)      | Write to [hidden] (full-width)
			Call 𝟒𝟏𝟓𝟓𝟓𝟓𝟎𝟏𝟎𝟎 (mathematical digits)    | Call [hidden] (mathematical digits)
			Ｃａｌｌ ４１５ ５５５ ０１００ ｎｏｗ          | Call [hidden] now
			""")
	void hidesContactDetails(String text, String masked) {
		assertThat(ContactMasker.mask(text)).isEqualTo(masked);
	}

	@ParameterizedTest
	@ValueSource(strings = { "We are 2 guests arriving on 2027-03-14.", "Check-in at 15:00, check-out at 11:00.",
			"Is $120.00 a night the final price?", "We arrive 14/03/2027 and leave 21/03/2027.",
			"Flight LH 1234 lands at 9:45.", "The total was 1,234.56 EUR for 7 nights.",
			"Room 12, floor 3, code 4711 for the bike shed.", "Our booking reference is 20270314.",
			"Between 10 and 12 o'clock, 3 bedrooms, 2.5 baths.", "Year 2026, 365 days, 100% happy!",
			"Price 250 - 300 per night?", "Nothing to hide here at all.",
			"Ｆｕｌｌ-width text without contacts stays as written: ２ guests, ﬁne." })
	void leavesOrdinaryTextAlone(String text) {
		assertThat(ContactMasker.mask(text)).isEqualTo(text);
	}

	/**
	 * Notations a reader takes for a contact detail that passed unmasked: an ideographic full stop as the dot of a
	 * domain (IDNA reads it as one; the half-width one is the same after NFKC), and separators between a number's
	 * digits that libphonenumber does not take.
	 */
	@ParameterizedTest
	@CsvSource(delimiterString = "=>", textBlock = """
			Write to ana@example。com please      => Write to [hidden] please
			Write to ana@example｡com please      => Write to [hidden] please
			See www.example。com                  => See [hidden]
			Call 415_555_0100                        => Call [hidden]
			Call 415*555*0100                        => Call [hidden]
			Call 415|555|0100                        => Call [hidden]
			Call +44~20~7946~0958                    => Call [hidden]
			Call +44\\20\\7946\\0958               => Call [hidden]
			Write to ana_b@example.com               => Write to [hidden]
			""")
	void hidesContactDetailsBehindLookAlikeDotsAndSeparators(String text, String masked) {
		assertThat(ContactMasker.mask(text)).isEqualTo(masked);
	}

	@ParameterizedTest
	@ValueSource(strings = { "code*1234*5678 for the door", "5*4*3*2*1 stars", "10|10 would stay again",
			"arrive ~15:00 ~ 16:00, 2~3 guests, ~120 EUR", "Mon | 14:00 | 2 guests | 3 nights | $120.00",
			"see holiday_2027_03_14.jpg", "rooms 101|102|103|104", "dates 14~16 March, 2027",
			"arrive 14/03/27 leave 16/03/27", "ありがとうございます。またね。", "今日は15時に着きます。2名です。" })
	void leavesOrdinaryTextWithTheseCharactersAlone(String text) {
		assertThat(ContactMasker.mask(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void leavesEmptyTextAlone(String text) {
		assertThat(ContactMasker.mask(text)).isEqualTo(text);
	}
}
