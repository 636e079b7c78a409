package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The application's handler mapping is {@link PathPrefixHandlerMapping}, and for a sample path of every registered
 * mapping (its variables and wildcards filled in), and a few paths that match nothing, it chooses what Spring's own
 * lookup chooses: the same handler method, or the same refusal.
 */
@IntegrationTest
class PathPrefixHandlerMappingIntegrationTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void everyMappingIsFoundAsSpringFindsIt() throws Exception {
		assertThat(mapping).isInstanceOf(PathPrefixHandlerMapping.class);
		List<String> compared = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				String path = sample(pattern.getPatternString());
				for (String method : methods.isEmpty() ? List.of("GET") : methods) {
					assertSameChoice(method, path);
					compared.add(method + " " + path);
				}
			}
		}
		for (String path : List.of("/", "/nothing/here", "/api/v1/nothing", "/api/v1/properties/x1/nothing",
				"/api/v1/propert%69es", "/api/v1/properties;a=b", "/API/V1/PROPERTIES", "/api/v1/properties/x1/",
				"/api/v1/properties//x1", "/api/v1/properties/x1/photos/x1/more", "/api/v1/properties/x1%2Fphotos",
				"/media/a/b/c/d")) {
			assertSameChoice("GET", path);
			assertSameChoice("DELETE", path);
		}
		assertThat(compared).as("mappings compared").hasSizeGreaterThan(80);
	}

	@Test
	void literalPrefixesEndAtTheFirstVariableOrWildcard() {
		assertThat(PathPrefixHandlerMapping.literalPrefixes(info("/api/v1/properties/{id}/photos")))
			.containsExactly("/api/v1/properties/");
		assertThat(PathPrefixHandlerMapping.literalPrefixes(info("/media/**", "/a/b")))
			.containsExactlyInAnyOrder("/media/", "/a/b");
		assertThat(PathPrefixHandlerMapping.literalPrefixes(info("/{any}"))).containsExactly("/");
	}

	private static RequestMappingInfo info(String... paths) {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(PathPatternParser.defaultInstance);
		return RequestMappingInfo.paths(paths).options(options).build();
	}

	private void assertSameChoice(String method, String path) throws Exception {
		String withPrefixes = choice(method, path);
		String springs = PathPrefixHandlerMapping.springOnly(() -> choice(method, path));
		assertThat(withPrefixes).as("%s %s", method, path).isEqualTo(springs);
	}

	/** The handler method chosen for the request, or the class of the exception that refused it. */
	private String choice(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.addHeader("Accept", "application/json");
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerExecutionChain chain = mapping.getHandler(request);
			return chain == null ? "none" : String.valueOf(chain.getHandler());
		}
		catch (Exception ex) {
			return ex.getClass().getName();
		}
	}

	/** A path the pattern matches: variables and wildcards filled in with plain segments. */
	private static String sample(String pattern) {
		return pattern.replaceAll("\\{\\*[^}]*}", "a/b")
			.replaceAll("\\{[^}:]*:[^}]*\\{[^}]*}[^}]*}", "x1")
			.replaceAll("\\{[^}]*}", "x1")
			.replace("**", "a/b")
			.replace("*", "a")
			.replace("?", "q");
	}
}
