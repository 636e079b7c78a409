package io.staybook.property.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.staybook.property.ListingRow;
import io.staybook.property.web.PropertyResponses.PropertyJson;
import io.staybook.property.web.PropertyResponses.SearchResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole listings of search pages (the default answer, without {@code fields=}), each written as JSON once and kept
 * by listing id with the row version and host name it was written from ({@link ListingRow}). A page's row that matches
 * what is kept is answered with those bytes: none of its columns is mapped and nothing is serialized, which were most
 * of a search's CPU and bytes allocated in the JVM (docs/benchmarks.md, "Issue 12, second pass: search"). Otherwise the
 * row is mapped and written by the application's JSON mapper, as {@link PropertyJson} always was, and kept.
 * <p>
 * Never stale: what is written is a function of the row and the host's first name alone, the row's version changes
 * with every change of the row (a trigger, V16, whoever writes it), and a search page reads both in the same
 * statement as the rest of the row, so a kept listing is used only while it is byte for byte what the row would give.
 * Nothing needs evicting on writes; the bound ({@code staybook.search.written-listings}, bytes of JSON) evicts the
 * least useful. Meters: Micrometer's Caffeine meters, {@code cache.gets{cache="search.listings",result=hit|miss}}.
 */
@Component
class SearchResults {

	static final String NAME = "search.listings";

	/** What a kept listing costs besides its JSON: the entry, its key and the two objects below, roughly. */
	private static final int OVERHEAD = 160;

	private final Cache<UUID, Kept> kept;

	private final JsonMapper json;

	SearchResults(Settings settings, JsonMapper json, MeterRegistry meters) {
		this.json = json;
		this.kept = Caffeine.newBuilder()
			.maximumWeight(settings.writtenListings().toBytes())
			.weigher((UUID id, Kept listing) -> OVERHEAD + listing.written().bytes.length)
			.recordStats()
			// evict in the caller's thread: cheap, and the bound holds the moment a listing is added
			.executor(Runnable::run)
			.build();
		CaffeineCacheMetrics.monitor(meters, kept, NAME);
	}

	/** The search result of a row of a page of whole listings. */
	SearchResult of(ListingRow row) {
		UUID id = row.id();
		long version = row.version();
		String host = row.hostFirstName();
		Kept listing = kept.getIfPresent(id);
		if (listing == null || listing.version() != version || !Objects.equals(listing.host(), host)) {
			listing = new Kept(version, host, new Written(json.writeValueAsBytes(PropertyJson.of(row.listing()))));
			kept.put(id, listing);
		}
		return SearchResult.of(listing.written());
	}

	/**
	 * @param writtenListings how many bytes of written listings a node keeps (a listing with its description weighs
	 * about 1 KiB); 0 keeps none, and every page is written afresh
	 */
	@ConfigurationProperties("staybook.search")
	record Settings(@DefaultValue("8MB") DataSize writtenListings) {
	}

	private record Kept(long version, String host, Written written) {
	}

	/**
	 * A listing's JSON in UTF-8, written into a page as it is ({@code JsonGenerator.writeRawValue}): Jackson's UTF-8
	 * generator copies the bytes; any other asks for the text.
	 */
	static final class Written implements SerializableString {

		private final byte[] bytes;

		Written(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public String getValue() {
			return new String(bytes, StandardCharsets.UTF_8);
		}

		@Override
		public int charLength() {
			return getValue().length();
		}

		@Override
		public byte[] asUnquotedUTF8() {
			return bytes;
		}

		@Override
		public int appendUnquotedUTF8(byte[] buffer, int offset) {
			if (offset + bytes.length > buffer.length) {
				return -1;
			}
			System.arraycopy(bytes, 0, buffer, offset, bytes.length);
			return bytes.length;
		}

		@Override
		public int appendUnquoted(char[] buffer, int offset) {
			String text = getValue();
			if (offset + text.length() > buffer.length) {
				return -1;
			}
			text.getChars(0, text.length(), buffer, offset);
			return text.length();
		}

		@Override
		public int writeUnquotedUTF8(OutputStream out) throws IOException {
			out.write(bytes);
			return bytes.length;
		}

		@Override
		public int putUnquotedUTF8(ByteBuffer buffer) {
			if (bytes.length > buffer.remaining()) {
				return -1;
			}
			buffer.put(bytes);
			return bytes.length;
		}

		// quoting is for names and string values; a listing is written only as a raw value

		@Override
		public char[] asQuotedChars() {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public byte[] asQuotedUTF8() {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public int appendQuotedUTF8(byte[] buffer, int offset) {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public int appendQuoted(char[] buffer, int offset) {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public int writeQuotedUTF8(OutputStream out) {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public int putQuotedUTF8(ByteBuffer buffer) {
			throw new UnsupportedOperationException("a written listing is a raw value");
		}

		@Override
		public String toString() {
			return getValue();
		}
	}
}
