package io.staybook.shared.web;

import jakarta.servlet.Filter;
import java.util.List;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.providers.SpringWebProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Servlet filters that apply the contract's HTTP conventions before security and MVC see a request, and the binding of
 * request parameters to the contract's spellings.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	/** Right after Spring Security's filter chain ({@code spring.security.filter.order}, default -100). */
	static final int AFTER_SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

	/** Right after the annotated controllers' {@link RequestMappingHandlerMapping} (order 0). */
	static final int ROUTER_FUNCTIONS_ORDER = 1;

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverterFactory(new JsonEnumConverterFactory());
	}

	private final ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter;

	WebConfig(ObjectProvider<RequestMappingHandlerAdapter> handlerAdapter) {
		this.handlerAdapter = handlerAdapter;
	}

	/**
	 * A request for the error page itself is a 404 ({@link DirectErrorRequests}); a query parameter the endpoint does
	 * not take is a 400, as an unknown JSON field is; a body no converter reads is a 415 before it is read
	 * ({@link ReadableBodies}); then {@code If-Match} and {@code If-None-Match} on a resource without an ETag
	 * ({@link UntaggedPreconditions}), after the checks and before the handler acts.
	 */
	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new DirectErrorRequests());
		registry.addInterceptor(new UnknownQueryParameters());
		registry.addInterceptor(new TextParameters());
		registry.addInterceptor(new ReadableBodies(handlerAdapter));
		registry.addInterceptor(new UntaggedPreconditions());
	}

	/**
	 * JSON for objects and nothing else ({@link JsonOnlyConverters}): no XML converter, which JAXB on the class path
	 * made Spring register (it also looked every response's class over for {@code @XmlRootElement}, about 2 % of a
	 * listing detail's CPU), and no YAML converter, which springdoc's Jackson 2 YAML made it register.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList(new JsonOnlyConverters());
	}

	/** {@code Accept} read with its {@code q=0} refusals ({@link Acceptable}). */
	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(List.of(new Acceptable()));
	}

	/**
	 * Router functions (GraphQL's {@code /graphql} routes, the GraphiQL page) asked after the annotated controllers
	 * instead of before them (Spring's order -1). The REST API is most requests, and asking the router functions first
	 * built a functional {@code ServerRequest} for each of them only to find no route: about 2 % of a booking's CPU
	 * (docs/benchmarks.md, "Issue 12, fifteenth pass"). No controller maps a path a router function routes, so every
	 * request finds the handler it found before ({@code HandlerMappingOrderIntegrationTests}).
	 */
	@Bean
	static BeanPostProcessor routerFunctionsAfterControllers() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RouterFunctionMapping routes) {
					routes.setOrder(ROUTER_FUNCTIONS_ORDER);
				}
				return bean;
			}
		};
	}

	/** Spring MVC's handler mapping with a literal-prefix test before each mapping's conditions (the CPU it saves there). */
	@Bean
	WebMvcRegistrations pathPrefixHandlerMapping() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PathPrefixHandlerMapping();
			}
		};
	}

	@Bean
	UnaskedRoutes unaskedRoutes(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
		return new UnaskedRoutes(mapping);
	}

	/** The Swagger UI files its page loads and no others, in place of springdoc's resolver ({@link SwaggerUiFiles}). */
	@Bean
	SwaggerUiFiles swaggerUiFiles(SwaggerUiConfigProperties properties) {
		return new SwaggerUiFiles(properties);
	}

	/** Swagger UI's settings without the OAuth2 redirect URL, in place of springdoc's ({@link SwaggerUiWelcome}). */
	@Bean
	SwaggerUiWelcome swaggerUiWelcome(SwaggerUiConfigProperties ui, SpringDocConfigProperties docs,
			ObjectProvider<SpringWebProvider> web) {
		return new SwaggerUiWelcome(ui, docs, web);
	}

	/** {@code /api/v1/properties/} is {@code /api/v1/properties}: the request is handled as if sent without it. */
	@Bean
	FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
		UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build();
		FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
		// right after CorsConfig's filter
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** After {@link RequestMethods}' filter: an unknown method is a 501 whatever its body's type. */
	@Bean
	FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemResponses problems) {
		return inOrder(new ContentTypeFilter(problems), Ordered.HIGHEST_PRECEDENCE + 4);
	}

	@Bean
	FilterRegistrationBean<RepeatedHeaderFilter> repeatedHeaderFilter(ProblemResponses problems) {
		return inOrder(new RepeatedHeaderFilter(problems), Ordered.HIGHEST_PRECEDENCE + 5);
	}

	/**
	 * The filters that read the body run after Spring Security's chain, so that a request refused there (no or a bad
	 * token) is refused before its body is read: with {@code Expect: 100-continue} it gets its 401 at once, not a
	 * {@code 100 Continue} that invites the client to send the body for nothing (RFC 9110 §10.1.1; Tomcat sends the
	 * 100 when the body is first read, see {@link ContainerErrorConfig}). A {@code Content-Length} over the limit is
	 * refused without reading too, so its 413 does not need to come first.
	 */
	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ProblemResponses problems) {
		return inOrder(new BodySizeLimitFilter(problems), AFTER_SECURITY);
	}

	/** After the body limit, since it reads a JSON body into memory. */
	@Bean
	FilterRegistrationBean<Utf8JsonFilter> utf8JsonFilter(ProblemResponses problems) {
		return inOrder(new Utf8JsonFilter(problems), AFTER_SECURITY + 1);
	}

	/** After the body limit, since parsing parameters reads a form body. */
	@Bean
	FilterRegistrationBean<QueryStringFilter> queryStringFilter(ProblemResponses problems) {
		return inOrder(new QueryStringFilter(problems), AFTER_SECURITY + 2);
	}

	/** After Spring Security's chain: a 401 there is answered as it is, precondition or not (RFC 9110 §13.2.1). */
	@Bean
	FilterRegistrationBean<ConditionalReads> conditionalReads(ProblemResponses problems) {
		return inOrder(new ConditionalReads(problems), AFTER_SECURITY + 3);
	}

	/** Right before Spring Security's chain, so that what the chain throws is answered as a controller's exception. */
	@Bean
	FilterRegistrationBean<FilterFailures> filterFailures(ProblemResponses problems) {
		return inOrder(new FilterFailures(problems), SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
	}

	private static <F extends Filter> FilterRegistrationBean<F> inOrder(F filter, int order) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}
}
