package io.staybook.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How text limits count, and how the service cuts its own texts to a limit without breaking a character. */
class CharactersUnitTests {

	private static final String EMOJI = "😀";

	@Test
	void anEmojiIsOneCharacterThoughTwoUtf16Units() {
		assertThat(Characters.count("a" + EMOJI)).isEqualTo(2);
		assertThat(("a" + EMOJI).length()).isEqualTo(3);
		assertThat(Characters.count("")).isZero();
	}

	/**
	 * Cut by UTF-16 units at 500 ({@code substring(0, 500)}, as three writers of failure reasons did), this text ended
	 * in half an emoji, which PostgreSQL's driver stores as {@code ?}, and kept only 250 of the 500 characters the column
	 * takes.
	 */
	@Test
	void aTextIsCutToItsLimitInCharactersAndNeverInsideOne() {
		String text = "a" + EMOJI.repeat(600);

		String cut = Characters.truncate(text, 500);

		assertThat(Characters.count(cut)).isEqualTo(500);
		assertThat(cut).isEqualTo("a" + EMOJI.repeat(499));
		assertThat(Character.isHighSurrogate(text.substring(0, 500).charAt(499))).isTrue();
	}

	@Test
	void aTextWithinItsLimitIsKeptAsItIs() {
		String text = EMOJI.repeat(500);
		assertThat(Characters.truncate(text, 500)).isSameAs(text);
		assertThat(Characters.truncate("", 0)).isEmpty();
		assertThat(Characters.truncate("abc", 0)).isEmpty();
	}

	@Test
	void aTextOfUnicodeWhiteSpaceOrInvisibleFormatCharactersIsBlank() {
		for (String blank : new String[] { "", " \t\n", "\u00a0", "\u2007\u202f", "\u3000", "\u200b", "\ufeff \u2060" }) {
			assertThat(Characters.isBlank(blank)).as("%s", blank.codePoints().boxed().toList()).isTrue();
		}
		for (String shown : new String[] { "a", " x ", "\u00a0.", "\uD83C\uDFE1", "\u0301" }) {
			assertThat(Characters.isBlank(shown)).as(shown).isFalse();
		}
	}
}
