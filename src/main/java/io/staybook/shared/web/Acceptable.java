package io.staybook.shared.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * What an {@code Accept} header refuses, which Spring MVC does not read: a range with {@code q=0} is "not acceptable"
 * (RFC 9110 §12.4.2), so {@code Accept: *}{@code /*;q=0} accepts nothing; Spring treats {@code q=0} as any other
 * quality and served such a request. ({@link #anyOf} also lets a more specific range override a broader one, §12.5.1:
 * {@code application/json;q=0, *}{@code /*} refuses JSON; the MVC strategy does not, as it cannot say "anything but
 * JSON" to Spring.) {@code application/problem+json} alone is refused as well: no successful answer
 * of the API is a problem document, and Jackson's converter labelled a listing with it; error answers are problems
 * whatever the {@code Accept} (Spring falls back to {@code application/problem+json} for them).
 */
public final class Acceptable implements ContentNegotiationStrategy {

	/** A type no converter writes, so that a request accepting nothing the API makes is a 406. */
	static final MediaType NOTHING = new MediaType("application", "x.staybook.nothing");

	private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

	/**
	 * Whether any of {@code offered} is acceptable to the ranges of an {@code Accept} header (an empty list: anything
	 * is): the most specific range that matches a type decides, and it refuses the type when its quality is 0.
	 */
	public static boolean anyOf(List<MediaType> accept, List<MediaType> offered) {
		if (accept.isEmpty()) {
			return true;
		}
		return offered.stream().anyMatch(type -> quality(accept, type) > 0);
	}

	/** The quality the most specific matching range of {@code accept} gives {@code type}; 0 when none matches. */
	static double quality(List<MediaType> accept, MediaType type) {
		MediaType best = null;
		for (MediaType range : accept) {
			if (range.includes(type) && (best == null || specificity(range) > specificity(best))) {
				best = range;
			}
		}
		return best == null ? 0 : best.getQualityValue();
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
