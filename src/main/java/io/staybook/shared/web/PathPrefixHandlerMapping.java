package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's {@link RequestMappingHandlerMapping}, which first tests each mapping's literal path prefix against the
 * request's path before evaluating its conditions. Spring finds a handler for a path with variables
 * ({@code /api/v1/properties/{id}}) by evaluating every registered mapping's conditions in turn (methods, params,
 * headers, media types, then the path pattern): with this service's 90-odd mappings that was 15-18 % of the CPU of
 * a cached listing detail (docs/benchmarks.md, "Issue 13, the cover on the listing's row"). A mapping whose every
 * pattern starts with a literal the path does not start with cannot match, whatever its other conditions, so it is
 * passed over with one {@link String#startsWith}, and so is one whose patterns have another number of segments than
 * the path (a count of slashes; {@link Shape}). A mapping that passes has its path patterns tested next, before the
 * conditions Spring tests first: some 20 mappings share {@code /api/v1/properties/}, and Spring's order (methods,
 * then the {@code Accept} header's negotiation, then the path) made the lookup of a cached listing detail about 10 %
 * of its CPU with the prefix test alone (docs/benchmarks.md, "Issue 12, fifteenth pass"). A mapping
 * matches only if every condition does, so the order of the tests changes what they cost, not what they answer; a
 * mapping that passes both is evaluated by Spring as before, so the chosen handler, the 404, 405, 406 and 415 answers
 * and CORS pre-flights are Spring's own.
 * <p>
 * The test is made only where it is exact: a case-sensitive pattern parser (Spring's default), and a path with no
 * percent-encoding and no matrix parameters (a literal pattern element matches a segment's decoded value without its
 * parameters, which a prefix of the raw path cannot see); any other request is looked up by Spring alone.
 * {@code PathPrefixHandlerMappingIntegrationTests} compares both lookups for a sample path of every mapping.
 */
public class PathPrefixHandlerMapping extends RequestMappingHandlerMapping {

	/** The lookup path of the request this thread is looking a handler up for, while it does; null: no prefix test. */
	private static final ThreadLocal<Lookup> LOOKUP_PATH = new ThreadLocal<>();

	/** Set while a lookup must run without the prefix test (the comparison in the tests). */
	private static final ThreadLocal<Boolean> SPRING_ONLY = new ThreadLocal<>();

	private static final String[] ANY_PATH = new String[0];

	/** Each mapping's literal prefixes and slashes, one per pattern ({@link Shape}). */
	private final Map<RequestMappingInfo, Shape> shapes = new ConcurrentHashMap<>();

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		boolean tested = SPRING_ONLY.get() == null && getPatternParser() != null
				&& getPatternParser().isCaseSensitive() && lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
		Lookup outer = LOOKUP_PATH.get();
		LOOKUP_PATH.set(tested ? new Lookup(lookupPath, slashCount(lookupPath)) : null);
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			if (outer == null) {
				LOOKUP_PATH.remove();
			}
			else {
				LOOKUP_PATH.set(outer);
			}
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		Lookup path = LOOKUP_PATH.get();
		if (path != null) {
			if (!shapes.computeIfAbsent(info, Shape::of).fits(path)) {
				return null;
			}
			// the path before the rest: Spring tests methods, params, headers and media types first (the Accept header's
			// negotiation among them), for every mapping of a prefix the path shares
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (patterns != null && patterns.getMatchingCondition(request) == null) {
				return null;
			}
		}
		return super.getMatchingMapping(info, request);
	}

	/**
	 * Runs {@code lookup} with Spring's lookup alone (no prefix test), for comparing the two.
	 *
	 * @param <T> what the lookup answers
	 */
	static <T> T springOnly(java.util.concurrent.Callable<T> lookup) throws Exception {
		SPRING_ONLY.set(Boolean.TRUE);
		try {
			return lookup.call();
		}
		finally {
			SPRING_ONLY.remove();
		}
	}

	/** A lookup path and its number of slashes. */
	private record Lookup(String path, int slashes) {
	}

	/**
	 * What a path must look like for a mapping's pattern to match it: start with the pattern's literal prefix, and
	 * have as many slashes as the pattern, unless the pattern takes several segments at once ({@code **},
	 * {@code {*name}}): each other element of a pattern matches exactly one segment, which holds no slash (a path with
	 * an encoded one is not tested). A mapping without path patterns fits every path.
	 *
	 * @param slashes per pattern, its slashes, or -1 for a pattern that takes any number of segments
	 */
	private record Shape(String[] prefixes, int[] slashes) {

		static Shape of(RequestMappingInfo info) {
			String[] prefixes = literalPrefixes(info);
			int[] slashes = new int[prefixes.length];
			if (prefixes.length > 0) {
				int i = 0;
				for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
					String text = pattern.getPatternString();
					slashes[i++] = text.contains("**") || text.contains("{*") ? -1 : slashCount(text);
				}
			}
			return new Shape(prefixes, slashes);
		}

		boolean fits(Lookup lookup) {
			if (prefixes.length == 0) {
				return true;
			}
			for (int i = 0; i < prefixes.length; i++) {
				if ((slashes[i] < 0 || slashes[i] == lookup.slashes()) && lookup.path().startsWith(prefixes[i])) {
					return true;
				}
			}
			return false;
		}
	}

	private static int slashCount(String text) {
		int slashes = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '/') {
				slashes++;
			}
		}
		return slashes;
	}

	/**
	 * The text of each path pattern before its first variable or wildcard ({@code {}, {@code *}, {@code ?}): a path
	 * the pattern matches starts with it. {@link #ANY_PATH} for a mapping without path patterns.
	 */
	static String[] literalPrefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return ANY_PATH;
		}
		String[] literals = new String[condition.getPatterns().size()];
		int i = 0;
		for (PathPattern pattern : condition.getPatterns()) {
			String text = pattern.getPatternString();
			int end = text.length();
			for (char wildcard : new char[] { '{', '*', '?' }) {
				int at = text.indexOf(wildcard);
				if (at >= 0 && at < end) {
					end = at;
				}
			}
			if (end == 0) {
				return ANY_PATH;
			}
			literals[i++] = text.substring(0, end);
		}
		return literals;
	}
}
