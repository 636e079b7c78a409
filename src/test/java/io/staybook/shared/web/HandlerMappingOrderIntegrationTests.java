package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The annotated controllers are asked for a handler before the router functions (GraphQL, GraphiQL), in the order the
 * {@code DispatcherServlet} asks its handler mappings, and no controller claims a request that a router function
 * routes: so the order changes what each request costs, not which handler takes it.
 */
@IntegrationTest
class HandlerMappingOrderIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping controllers;

	@Autowired
	RouterFunctionMapping routerFunctions;

	@Test
	void controllersAreAskedBeforeRouterFunctions() {
		// as DispatcherServlet#initHandlerMappings finds and sorts them
		List<HandlerMapping> mappings = new ArrayList<>(
				BeanFactoryUtils.beansOfTypeIncludingAncestors(context, HandlerMapping.class, true, false).values());
		AnnotationAwareOrderComparator.sort(mappings);
		assertThat(mappings.indexOf(controllers)).isNotNegative().isLessThan(mappings.indexOf(routerFunctions));
	}

	@Test
	void noControllerClaimsARouterFunctionsRequest() throws Exception {
		for (String method : List.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE")) {
			assertRoutedOnlyByRouterFunctions(method, "/graphql");
		}
		assertRoutedOnlyByRouterFunctions("GET", "/graphiql");
		assertRoutedOnlyByRouterFunctions("HEAD", "/graphiql");
	}

	private void assertRoutedOnlyByRouterFunctions(String method, String path) throws Exception {
		assertThat(handler(controllers, method, path)).as("a controller's handler for %s %s", method, path).isNull();
		assertThat(handler(routerFunctions, method, path)).as("the router functions' handler for %s %s", method, path)
			.isInstanceOf(HandlerFunction.class);
	}

	private static Object handler(HandlerMapping mapping, String method, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.addHeader("Accept", "application/graphql-response+json");
		request.setContentType("application/json");
		ServletRequestPathUtils.parseAndCache(request);
		HandlerExecutionChain chain = mapping.getHandler(request);
		return chain == null ? null : chain.getHandler();
	}
}
