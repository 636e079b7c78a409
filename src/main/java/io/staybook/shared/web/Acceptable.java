package io.staybook.shared.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * What an {@code Accept} header refuses, which Spring MVC does not read: a range with {@code q=0} is "not acceptable"
 * (RFC 9110 §12.4.2), so {@code Accept: *}{@code /*;q=0} accepts nothing; Spring treats {@code q=0} as any other
 * quality and served such a request. ({@link #quality} and {@link #preferred} also let a more specific range override a
 * broader one, §12.5.1: {@code application/json;q=0, *}{@code /*} refuses JSON; the MVC strategy cannot say "anything
 * but JSON" to Spring, so {@link AcceptedBodies} refuses such an answer after Spring picked its type.)
 * {@code application/problem+json} alone is refused as well: no successful answer of the API is a problem document, and
 * Jackson's converter labelled a listing with it; error answers are problems whatever the {@code Accept} (Spring falls
 * back to {@code application/problem+json} for them).
 */
public final class Acceptable implements ContentNegotiationStrategy {

	/** A type no converter writes, so that a request accepting nothing the API makes is a 406. */
	static final MediaType NOTHING = new MediaType("application", "x.staybook.nothing");

	private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

	/** The quality the most specific matching range of {@code accept} gives {@code type}; 0 when none matches. */
	public static double quality(List<MediaType> accept, MediaType type) {
		int deciding = deciding(accept, type);
		return deciding < 0 ? 0 : accept.get(deciding).getQualityValue();
	}

	/**
	 * The one of {@code offered} that {@code accept} prefers (RFC 9110 §12.5.1): the highest quality its most specific
	 * matching range gives; between equals, the one whose deciding range comes first in the header, and then the first
	 * offered ({@code *}{@code /*} takes the first). The first offered when there are no ranges; empty when the ranges
	 * accept none of them.
	 */
	public static Optional<MediaType> preferred(List<MediaType> accept, List<MediaType> offered) {
		if (accept.isEmpty()) {
			return Optional.of(offered.getFirst());
		}
		MediaType best = null;
		double bestQuality = 0;
		int bestRange = Integer.MAX_VALUE;
		for (MediaType type : offered) {
			int deciding = deciding(accept, type);
			double quality = deciding < 0 ? 0 : accept.get(deciding).getQualityValue();
			if (quality > bestQuality || quality == bestQuality && quality > 0 && deciding < bestRange) {
				best = type;
				bestQuality = quality;
				bestRange = deciding;
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * The ranges of an {@code Accept} header's field lines, as sent (none for no header).
	 *
	 * @throws InvalidMediaTypeException for a malformed header
	 */
	public static List<MediaType> ranges(Enumeration<String> lines) {
		List<String> values = lines == null ? List.of() : Collections.list(lines);
		return values.isEmpty() ? List.of() : MediaType.parseMediaTypes(values);
	}

	/** The index of the most specific range of {@code accept} that matches {@code type} (the first of equals); -1. */
	private static int deciding(List<MediaType> accept, MediaType type) {
		int best = -1;
		for (int i = 0; i < accept.size(); i++) {
			MediaType range = accept.get(i);
			if (range.includes(type) && (best < 0 || specificity(range) > specificity(accept.get(best)))) {
				best = i;
			}
		}
		return best;
	}

	private static int specificity(MediaType range) {
		return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
	}

	/**
	 * The {@code Accept} ranges as Spring's header strategy reads them, less those that accept nothing ({@code q=0})
	 * and {@code application/problem+json}. When nothing remains, {@link #NOTHING}, so that the answer
	 * is a 406 problem. A malformed header is Spring's 406 as before.
	 */
	@Override
	public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		List<MediaType> ranges = header.resolveMediaTypes(request);
		if (ranges == MEDIA_TYPE_ALL_LIST || ranges.isEmpty()) {
			return ranges;
		}
		List<MediaType> kept = new ArrayList<>();
		for (MediaType range : ranges) {
			if (range.getQualityValue() == 0 || MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(range)) {
				continue;
			}
			kept.add(range);
		}
		return kept.isEmpty() ? List.of(NOTHING) : kept;
	}
}
