package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code staybook.cors.allowed-origins} set to a list: only those origins get CORS headers. The filter is tested alone,
 * which spares the suite a second application context; {@link CorsIntegrationTests} shows it in place.
 */
class CorsAllowListTests {

	private final CorsFilter filter = new CorsConfig()
		.corsFilter(new CorsProperties(List.of("https://app.example.com"), Duration.ofMinutes(10)),
				new ProblemResponses(JsonMapper.builder().build()))
		.getFilter();

	@Test
	void aListedOriginIsAllowed() throws Exception {
		MockHttpServletResponse response = send(preflight("https://app.example.com"));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
		assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("600");
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void anotherOriginGetsNoAllowHeaderAnd403OnAPreflight() throws Exception {
		MockHttpServletResponse preflight = send(preflight("http://localhost:3000"));
		assertThat(preflight.getStatus()).isEqualTo(403);
		assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
		assertThat(preflight.getContentType()).startsWith("application/problem+json");
		assertThat(preflight.getContentAsString()).contains("\"code\":\"cors_refused\"");

		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/properties");
		get.addHeader("Origin", "http://localhost:3000");
		MockHttpServletResponse actual = send(get);
		assertThat(actual.getHeader("Access-Control-Allow-Origin")).isNull();
	}

	/**
	 * The GraphQL WebSocket's handshake checks the origin against {@code spring.graphql.cors}, which takes the same
	 * list; one set on purpose is kept.
	 */
	@Test
	void theGraphQlWebSocketAdmitsTheSameOrigins() {
		BeanPostProcessor origins = CorsConfig.graphQlWebSocketOrigins(new StaticListableBeanFactory(Map.of("cors",
				new CorsProperties(List.of("https://app.example.com"), Duration.ofMinutes(10))))
			.getBeanProvider(CorsProperties.class));

		GraphQlCorsProperties unset = new GraphQlCorsProperties();
		origins.postProcessAfterInitialization(unset, "graphQlCorsProperties");
		assertThat(unset.getAllowedOrigins()).containsExactly("https://app.example.com");

		GraphQlCorsProperties set = new GraphQlCorsProperties();
		set.setAllowedOriginPatterns(List.of("https://*.example.org"));
		origins.postProcessAfterInitialization(set, "graphQlCorsProperties");
		assertThat(set.getAllowedOrigins()).isEmpty();
		assertThat(set.getAllowedOriginPatterns()).containsExactly("https://*.example.org");
	}

	private static MockHttpServletRequest preflight(String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/v1/bookings");
		request.addHeader("Origin", origin);
		request.addHeader("Access-Control-Request-Method", "POST");
		request.addHeader("Access-Control-Request-Headers", "authorization,content-type");
		return request;
	}

	private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}
}
