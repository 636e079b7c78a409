package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.Resource;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP surface, locked: every route that any handler mapping of the running service maps is either an operation
 * of the OpenAPI document or one of the named extras below, and the server reads and writes only the formats
 * {@link JsonOnlyConverters} keeps. A library or controller that adds a route, a servlet or a format fails this test:
 * a route the contract means to have is documented (OpenAPI, README) and added here; one a library brought unasked is
 * switched off (as {@link JsonOnlyConverters} and {@link DirectErrorRequests} did for YAML and {@code /error}).
 */
@IntegrationTest
class HttpSurfaceIntegrationTests {

	private static final String WHAT_TO_DO = """
			: a route that is neither an operation of the OpenAPI document (/v3/api-docs) nor a named extra of \
			HttpSurfaceIntegrationTests.EXTRAS. If the API means to serve it, document it (OpenAPI, README) and add it \
			to EXTRAS; if a library brought it unasked, switch it off (a property, an exclusion, or as \
			JsonOnlyConverters and DirectErrorRequests do) and probe it in HttpSurfaceProbesIntegrationTests""";

	/** Every route outside the OpenAPI document, as "mapping: route", each with the place that says why it exists. */
	static final Set<String> EXTRAS = Set.of(
			// the error page, for the container's error dispatches only (ProblemErrorController, DirectErrorRequests)
			"requestMappingHandlerMapping: * /error",
			// the OpenAPI document (api-contract.md) and Swagger UI (README, "Running it"), springdoc's
			"requestMappingHandlerMapping: GET /v3/api-docs",
			"requestMappingHandlerMapping: GET /v3/api-docs/swagger-config",
			"requestMappingHandlerMapping: GET /swagger-ui.html",
			"resourceHandlerMapping: /swagger-ui/**",
			"resourceHandlerMapping: /swagger-ui/*index.html",
			"resourceHandlerMapping: /swagger-ui/*swagger-initializer.js",
			// the job dashboard's scripts (shared.jobs.JobDashboardConfig)
			"resourceHandlerMapping: /db-scheduler/**",
			// images of listings (README, "Listing photos")
			"requestMappingHandlerMapping: GET /media/{key}",
			// the job dashboard, admins only for its data (README, "Job dashboard"; shared.jobs.JobDashboardConfig)
			"requestMappingHandlerMapping: GET /db-scheduler || /db-scheduler/history/all"
					+ " || /db-scheduler/history/all/index.html || /db-scheduler/index.html",
			"requestMappingHandlerMapping: GET /db-scheduler/js/context-path.js",
			"requestMappingHandlerMapping: GET /db-scheduler-api/config",
			"requestMappingHandlerMapping: GET /db-scheduler-api/tasks/all",
			"requestMappingHandlerMapping: GET /db-scheduler-api/tasks/details",
			"requestMappingHandlerMapping: GET /db-scheduler-api/tasks/poll",
			// GraphiQL (api-contract.md, README "GraphQL"; shared.graphql.GraphiQlPage)
			"routerFunctionMapping: (GET && /graphiql)",
			"routerFunctionMapping: (HEAD && /graphiql)",
			"routerFunctionMapping: resources /graphiql/** -> class path resource [graphiql-page/]",
			// React's and GraphiQL's files for the GraphiQL page, and nothing else of their WebJars
			"routerFunctionMapping: (GET && /webjars/graphiql/graphiql.min.css)",
			"routerFunctionMapping: (HEAD && /webjars/graphiql/graphiql.min.css)",
			"routerFunctionMapping: (GET && /webjars/graphiql/graphiql.min.js)",
			"routerFunctionMapping: (HEAD && /webjars/graphiql/graphiql.min.js)",
			"routerFunctionMapping: (GET && /webjars/react/umd/react.production.min.js)",
			"routerFunctionMapping: (HEAD && /webjars/react/umd/react.production.min.js)",
			"routerFunctionMapping: (GET && /webjars/react-dom/umd/react-dom.production.min.js)",
			"routerFunctionMapping: (HEAD && /webjars/react-dom/umd/react-dom.production.min.js)",
			// GraphQL over HTTP: Spring GraphQL's POST (JSON, server-sent events) and ours (shared.graphql.GraphQlGetRequests,
			// GraphQlEndpointRefusals): GET for queries, the refusals of other methods
			"routerFunctionMapping: (GET && /graphql)",
			"routerFunctionMapping: (POST && /graphql)",
			"routerFunctionMapping: ((POST && /graphql) && (!GraphQlHttpRequestPredicate"
					+ " && !GraphQlHttpRequestPredicate))",
			"routerFunctionMapping: GraphQlHttpRequestPredicate",
			"routerFunctionMapping: (/graphql && !POST)",
			"routerFunctionMapping: (HEAD && /graphql)",
			"routerFunctionMapping: (OPTIONS && /graphql)",
			// GraphQL subscriptions over WebSocket (README, "Subscription")
			"graphQlWebSocketMapping: /graphql-ws",
			// the management endpoints (README, "Health"; admins only but health)
			"webEndpointServletHandlerMapping: GET /actuator",
			"webEndpointServletHandlerMapping: GET /actuator/health",
			"webEndpointServletHandlerMapping: GET /actuator/health/**",
			"webEndpointServletHandlerMapping: GET /actuator/prometheus",
			"webEndpointServletHandlerMapping: GET /actuator/sbom",
			"webEndpointServletHandlerMapping: GET /actuator/sbom/{id}");

	@Autowired
	ApplicationContext context;

	@Autowired
	Api api;

	@Test
	void everyRouteIsInTheDocumentOrANamedExtra() {
		Set<String> documented = documentedOperations();
		Set<String> mapped = new TreeSet<>();
		context.getBeansOfType(HandlerMapping.class).forEach((name, mapping) -> mapped.addAll(routes(name, mapping)));

		List<String> unknown = new ArrayList<>();
		for (String route : mapped) {
			String operation = route.substring(route.indexOf(": ") + 2);
			if (!EXTRAS.contains(route) && !documented.contains(operation)) {
				unknown.add(route);
			}
		}
		assertThat(unknown).as("routes" + WHAT_TO_DO).isEmpty();
		assertThat(EXTRAS.stream().filter(extra -> !mapped.contains(extra)).sorted().toList())
			.as("named extras no longer mapped: remove them from EXTRAS")
			.isEmpty();
		assertThat(documented).as("documented operations that no controller maps").allSatisfy(
				operation -> assertThat(mapped).contains("requestMappingHandlerMapping: " + operation));
	}

	@Test
	void oneServletAndTheKnownFilters() {
		assertThat(context.getBeansOfType(ServletRegistrationBean.class).values())
			.as("servlets" + WHAT_TO_DO)
			.singleElement()
			.satisfies(servlet -> assertThat(servlet.getUrlMappings()).containsExactly("/"));
		List<String> filters = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
			.filter(FilterRegistrationBean::isEnabled)
			.map(registration -> registration.getFilter().getClass().getName() + " " + registration.getUrlPatterns())
			.sorted()
			.toList();
		assertThat(filters).as("filter registrations: a filter answers requests too; name it here once it is ours")
			.containsExactly("io.staybook.shared.graphql.GraphQlAccept$Negotiation [/graphql, /graphql/]",
					"io.staybook.shared.observability.RequestIdFilter []",
					"io.staybook.shared.web.BodySizeLimitFilter []", "io.staybook.shared.web.ConditionalReads []",
					"io.staybook.shared.web.ContentTypeFilter []", "io.staybook.shared.web.FilterFailures []",
					"io.staybook.shared.web.QueryStringFilter []", "io.staybook.shared.web.RepeatedHeaderFilter []",
					"io.staybook.shared.web.RequestMethods$Filter []", "io.staybook.shared.web.Utf8JsonFilter []",
					"org.springframework.web.filter.CorsFilter []",
					"org.springframework.web.filter.ServerHttpObservationFilter []",
					"org.springframework.web.filter.UrlHandlerFilter []");
	}

	@Test
	void theServerSpeaksOnlyTheFormatsJsonOnlyConvertersKeeps() {
		List<HttpMessageConverter<?>> adapter = context.getBean(RequestMappingHandlerAdapter.class)
			.getMessageConverters();
		assertThat(adapter).map(converter -> converter.getClass().getSimpleName())
			.as("request and response converters: a new one makes its format part of the contract")
			.containsExactly("ProjectingJacksonHttpMessageConverter", "ByteArrayHttpMessageConverter",
					"StringHttpMessageConverter", "ResourceHttpMessageConverter",
					"ResourceRegionHttpMessageConverter", "AllEncompassingFormHttpMessageConverter",
					"JacksonJsonHttpMessageConverter");
		List<HandlerExceptionResolver> resolvers = context.getBean("handlerExceptionResolver",
				HandlerExceptionResolverComposite.class).getExceptionResolvers();
		assertThat(resolvers).filteredOn(ExceptionHandlerExceptionResolver.class::isInstance)
			.singleElement()
			.satisfies(resolver -> assertThat(((ExceptionHandlerExceptionResolver) resolver).getMessageConverters())
				.as("the converters of error answers")
				.allMatch(JsonOnlyConverters::kept));
	}

	/**
	 * Every parameter of every handler method is read from a channel the contract names (path, query, header, JSON
	 * body, multipart part, the bearer token's actor) by the resolver that takes it first; Spring Data's web support
	 * (pages and sorts from the query, interfaces proxied over request parameters) and matrix variables feed none, and
	 * binding query parameters onto an object's fields only db-scheduler-ui's.
	 */
	@Test
	void everyParameterComesFromANamedChannel() {
		RequestMappingHandlerAdapter adapter = context.getBean(RequestMappingHandlerAdapter.class);
		Set<String> channels = new TreeSet<>();
		List<String> bound = new ArrayList<>();
		context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
			.values().forEach(method -> {
				for (MethodParameter parameter : method.getMethodParameters()) {
					String resolver = adapter.getArgumentResolvers().stream()
						.filter(candidate -> candidate.supportsParameter(parameter))
						.findFirst()
						.map(candidate -> candidate.getClass().getSimpleName())
						.orElse("none");
					channels.add(resolver);
					if (resolver.equals("ServletModelAttributeMethodProcessor")) {
						bound.add(method.getBeanType().getName());
					}
				}
			});
		assertThat(channels).as("the resolvers that feed handler methods: a new one is a new input channel")
			// ExpressionValue: springdoc's @Value of its own settings, no request input
			.containsExactly("AuthenticationPrincipalArgumentResolver", "ExpressionValueMethodArgumentResolver",
					"PathVariableMethodArgumentResolver",
					"RequestHeaderMapMethodArgumentResolver", "RequestHeaderMethodArgumentResolver",
					"RequestParamMethodArgumentResolver", "RequestPartMethodArgumentResolver",
					"RequestResponseBodyMethodProcessor", "ServletModelAttributeMethodProcessor",
					"ServletRequestMethodArgumentResolver");
		assertThat(bound).as("handlers with query parameters bound onto an object")
			.allMatch(type -> type.startsWith("no.bekk.dbscheduler.ui."));
	}

	/** Every operation of the OpenAPI document as "METHOD /path". */
	private Set<String> documentedOperations() {
		JsonNode paths = api.get("/v3/api-docs").send().body().path("paths");
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (Set.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
					operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}
		assertThat(operations).as("the OpenAPI document's operations").hasSizeGreaterThan(60);
		return operations;
	}

	/** The routes of one handler mapping as "name: route" strings; a mapping of a kind not read here is one route. */
	static List<String> routes(String name, HandlerMapping mapping) {
		List<String> routes = new ArrayList<>();
		if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
			for (Object info : methods.getHandlerMethods().keySet()) {
				routes.add(name + ": " + route((RequestMappingInfo) info));
			}
		}
		else if (mapping instanceof AbstractUrlHandlerMapping urls) {
			urls.getHandlerMap().keySet().forEach(pattern -> routes.add(name + ": " + pattern));
			if (urls.getRootHandler() != null) {
				routes.add(name + ": / (root handler)");
			}
		}
		else if (mapping instanceof RouterFunctionMapping functions) {
			if (functions.getRouterFunction() != null) {
				functions.getRouterFunction().accept(new Routes(name, routes));
			}
		}
		else {
			routes.add(name + ": a mapping of unknown kind " + mapping.getClass().getName());
		}
		return routes;
	}

	private static String route(RequestMappingInfo info) {
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		String method = methods.isEmpty() ? "*" : String.join(",", methods.stream().map(Enum::name).sorted().toList());
		return method + " " + String.join(" || ", new TreeSet<>(info.getPatternValues()));
	}

	private record Routes(String name, List<String> routes) implements RouterFunctions.Visitor {

		@Override
		public void startNested(RequestPredicate predicate) {
			routes.add(name + ": nested " + predicate);
		}

		@Override
		public void endNested(RequestPredicate predicate) {
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			routes.add(name + ": " + predicate.toString().replaceAll("[\\w.]+\\$(\\w+)@\\p{XDigit}+", "$1"));
		}

		@Override
		public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
			routes.add(name + ": resources " + lookupFunction);
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			routes.add(name + ": unknown " + routerFunction);
		}
	}
}
