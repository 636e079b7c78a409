package io.staybook.shared;

import java.util.Collection;

/**
 * A cached value that says about how many bytes of heap it holds, so that an in-process cache is bounded by memory
 * rather than by a count of entries whose sizes vary (a listing's description may be a line or a page): see
 * {@link CacheSettings}. The estimate follows HotSpot's layout with compressed pointers (12-byte object headers,
 * 8-byte alignment) and compact strings (a byte a character when every character is Latin-1); it need not be exact,
 * only proportional, since the bound is a budget and not an accounting.
 */
public interface Weighed {

	/** Bytes of an object holding only its header and fields of these many bytes, aligned. */
	static int object(int fieldBytes) {
		return align(12 + fieldBytes);
	}

	/** Bytes of a {@link String} and its array; 0 for null. */
	static int string(String value) {
		if (value == null) {
			return 0;
		}
		boolean latin1 = value.chars().allMatch(c -> c < 256);
		return object(12) + align(16 + value.length() * (latin1 ? 1 : 2));
	}

	/** Bytes of a list of strings: the list, its array and the strings; 0 for null. */
	static int strings(Collection<String> values) {
		if (values == null) {
			return 0;
		}
		return object(8) + align(16 + 4 * values.size()) + values.stream().mapToInt(Weighed::string).sum();
	}

	private static int align(int bytes) {
		return (bytes + 7) & ~7;
	}

	/** About how many bytes of heap this value holds, itself and what only it references. */
	int weight();
}
