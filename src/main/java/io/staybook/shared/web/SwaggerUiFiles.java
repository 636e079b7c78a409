package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.webmvc.ui.SwaggerResourceResolver;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Swagger UI's files under {@code /swagger-ui/**} (springdoc's resource handler), less its OAuth2 redirect page
 * ({@code oauth2-redirect.html} and the {@code oauth2-redirect.js} it loads): the page that receives an OAuth2
 * authorization server's redirect, for Swagger UI's "Authorize" with an OAuth2 flow. The API takes bearer tokens of
 * its own ({@code POST /api/v1/auth/token}) and declares no OAuth2 flow, so the page has nothing to receive; served, it
 * is a script that reads a URL's query and fragment and hands them to the window that opened it. No springdoc property
 * switches it off ({@code springdoc.swagger-ui.oauth2-redirect-url} only names where it is); springdoc's own extension
 * point, its {@link SwaggerResourceResolver} bean ({@code @ConditionalOnMissingBean}), is replaced by this one, which
 * resolves those files to nothing: a 404 {@code not_found}, like any path the service lacks.
 */
class SwaggerUiFiles extends SwaggerResourceResolver {

	/** The names of the files left out, as the swagger-ui WebJar names them. */
	static final List<String> LEFT_OUT = List.of("oauth2-redirect.html", "oauth2-redirect.js");

	SwaggerUiFiles(SwaggerUiConfigProperties properties) {
		super(properties);
	}

	@Override
	protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
			List<? extends Resource> locations, ResourceResolverChain chain) {
		return leftOut(requestPath) ? null : super.resolveResourceInternal(request, requestPath, locations, chain);
	}

	@Override
	protected String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
			ResourceResolverChain chain) {
		return leftOut(resourceUrlPath) ? null : super.resolveUrlPathInternal(resourceUrlPath, locations, chain);
	}

	private static boolean leftOut(String path) {
		String name = path.substring(path.lastIndexOf('/') + 1);
		return LEFT_OUT.stream().anyMatch(name::equalsIgnoreCase);
	}
}
