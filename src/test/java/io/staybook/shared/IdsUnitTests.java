package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Ids}: RFC 9562 version 7 UUIDs whose order is the order of their creation times. */
class IdsUnitTests {

	/** The 48-bit Unix-millisecond timestamp at the start of a version 7 UUID. */
	private static long millis(UUID id) {
		return id.getMostSignificantBits() >>> 16;
	}

	@Test
	void everyIdIsVersion7Variant2() {
		for (int i = 0; i < 10_000; i++) {
			UUID id = Ids.newId();
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		}
	}

	/** Only the canonical 8-4-4-4-12 form is an id: {@code UUID.fromString} took {@code 1-1-1-1-1}. */
	@Test
	void onlyTheCanonicalFormParses() {
		UUID id = Ids.newId();
		assertThat(Ids.parse(id.toString())).isEqualTo(id);
		assertThat(Ids.parse(id.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(id);
		for (String text : List.of("1-1-1-1-1", "", " " + id, id + " ", id.toString().replace("-", ""),
				"0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f5", "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f500",
				"+195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50", "0195f3a2+7c1e-7d4e-9a3b-5f1c2d3e4f50",
				"0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f5g", "0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f5\u0663",
				"AZXzonwefU6aO18cLT5PUA==")) {
			assertThat(Ids.canonical(text)).as(text).isFalse();
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> Ids.parse(text));
		}
		assertThat(Ids.canonical(null)).isFalse();
	}

	@Test
	void theTimestampIsTheCurrentUnixMillisecond() {
		long before = Instant.now().toEpochMilli();
		UUID id = Ids.newId();
		long after = Instant.now().toEpochMilli();

		assertThat(millis(id)).isBetween(before, after);
	}

	@Test
	void theTimestampIsTheOneGiven() {
		long at = Instant.parse("2026-11-21T10:15:30.123Z").toEpochMilli();
		UUID id = Ids.newId(at);

		assertThat(millis(id)).isEqualTo(at);
		assertThat(id.toString()).startsWith(String.format("%08x-%04x", at >>> 16, at & 0xFFFF));
		assertThat(Ids.newId(0).version()).isEqualTo(7);
		assertThat(millis(Ids.newId((1L << 48) - 1))).isEqualTo((1L << 48) - 1);
	}

	@Test
	void idsOfLaterMillisecondsSortAfterEarlierOnes() {
		long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
		List<UUID> inCreationOrder = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			inCreationOrder.add(Ids.newId(start + i));
		}
		List<String> shuffled = new ArrayList<>(inCreationOrder.stream().map(UUID::toString).toList());
		Collections.shuffle(shuffled, new Random(42));
		Collections.sort(shuffled);

		// the text order, which is also PostgreSQL's uuid order and the unsigned byte order
		assertThat(shuffled).containsExactlyElementsOf(inCreationOrder.stream().map(UUID::toString).toList());
		// and Java's own ordering agrees for timestamps of this era
		assertThat(inCreationOrder).isSorted();
	}

	@Test
	void idsOfOneMillisecondDifferInTheirRandomBits() {
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(Ids.newId(1_700_000_000_000L));
		}
		assertThat(ids).hasSize(100_000);
	}
}
