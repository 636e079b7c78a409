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
 * passed over with one {@link String#startsWith}. A mapping whose prefix the path shares has its path patterns tested
 * next, before the conditions Spring tests first: some 20 mappings share {@code /api/v1/properties/}, and Spring's
 * order (methods, then the {@code Accept} header's negotiation, then the path) made the lookup of a cached listing
 * detail about 10 % of its CPU with the prefix test (docs/benchmarks.md, "Issue 12, fifteenth pass"). A mapping
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
	private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

	/** Set while a lookup must run without the prefix test (the comparison in the tests). */
	private static final ThreadLocal<Boolean> SPRING_ONLY = new ThreadLocal<>();

	private static final String[] ANY_PATH = new String[0];

	/** Each mapping's literal prefixes, one per pattern; {@link #ANY_PATH} when the test cannot be made. */
	private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		boolean tested = SPRING_ONLY.get() == null && getPatternParser() != null
				&& getPatternParser().isCaseSensitive() && lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
		String outer = LOOKUP_PATH.get();
		LOOKUP_PATH.set(tested ? lookupPath : null);
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
		String path = LOOKUP_PATH.get();
		if (path != null) {
			if (!startsWithAny(path, prefixes.computeIfAbsent(info, PathPrefixHandlerMapping::literalPrefixes))) {
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

	private static boolean startsWithAny(String path, String[] literals) {
		if (literals.length == 0) {
			return true;
		}
		for (String literal : literals) {
			if (path.startsWith(literal)) {
				return true;
			}
		}
		return false;
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
