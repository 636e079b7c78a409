package io.staybook.shared.graphql;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.servlet.function.EntityResponse;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.webjars.WebJarVersionLocator;

/**
 * GraphiQL at {@code GET /graphiql} that needs nothing but this service: the page (classpath {@code graphiql-page/}, its
 * script and stylesheet at {@code /graphiql/*}) loads React and GraphiQL from the WebJars in the jar
 * ({@link #WEBJAR_FILES}, served here), never from a CDN, so it works air-gapped. It is served with
 * {@code Content-Security-Policy: default-src 'self'} (plus {@code data:} for the fonts and icons GraphiQL's stylesheet
 * embeds), which the page keeps: no inline script or style.
 * <p>
 * Spring GraphQL's own page at the same path loads everything from a CDN; this route is ordered before it. Both follow
 * {@code spring.graphql.graphiql.enabled}: switched off, {@code /graphiql} and its files are 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiQlPage {

	/**
	 * The files of React's and GraphiQL's WebJars that the page loads, at {@code /webjars/<library>/<file>} without
	 * the version (found in the jar by webjars-locator-lite), and nothing else of them: Spring Boot's {@code /webjars/**}
	 * handler served every file of every WebJar, whether GraphiQL was on or off (source maps, TypeScript sources and
	 * test fixtures, {@code package.json}, React's development and test builds), and is off
	 * ({@code spring.web.resources.add-mappings}).
	 */
	static final List<String> WEBJAR_FILES = List.of("graphiql/graphiql.min.css", "graphiql/graphiql.min.js",
			"react/umd/react.production.min.js", "react-dom/umd/react-dom.production.min.js");

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; font-src 'self' data:;"
			+ " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphiQlRoutes() {
		Resource page = new ClassPathResource("graphiql-page/index.html");
		HandlerFunction<ServerResponse> serve = request -> ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.body(page);
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET("/graphiql", serve)
			// HEAD wherever GET (RFC 9110 §9.3.2; the container drops the body): a route for GET alone does not take it
			.HEAD("/graphiql", serve)
			.resources("/graphiql/**", new ClassPathResource("graphiql-page/"));
		WebJarVersionLocator versions = new WebJarVersionLocator();
		for (String file : WEBJAR_FILES) {
			String library = file.substring(0, file.indexOf('/'));
			String path = versions.fullPath(library, file.substring(library.length() + 1));
			Resource resource = new ClassPathResource(Objects.requireNonNull(path, () -> file + " is in no WebJar"));
			HandlerFunction<ServerResponse> serveFile = request -> ServerResponse.ok()
				.contentType(MediaTypeFactory.getMediaType(resource).orElseThrow())
				.body(resource);
			routes.GET("/webjars/" + file, serveFile).HEAD("/webjars/" + file, serveFile);
		}
		return routes.filter(GraphiQlPage::whole).build();
	}

	/**
	 * The file of {@code response} as bytes, so that a {@code Range} is ignored (RFC 9110 §14.2 lets a server ignore
	 * it; the files are small): Spring's functional response to a Range it cannot satisfy set 416 and then wrote the
	 * whole file all the same.
	 */
	private static ServerResponse whole(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		ServerResponse response = next.handle(request);
		if (request.headers().header(HttpHeaders.RANGE).isEmpty()
				|| !(response instanceof EntityResponse<?> entity && entity.entity() instanceof Resource file)) {
			return response;
		}
		MediaType type = entity.headers().getContentType() != null ? entity.headers().getContentType()
				: MediaTypeFactory.getMediaType(file).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return EntityResponse.fromObject(file.getContentAsByteArray())
			.status(entity.statusCode())
			.headers(headers -> headers.addAll(entity.headers()))
			.contentType(type)
			.build();
	}
}
