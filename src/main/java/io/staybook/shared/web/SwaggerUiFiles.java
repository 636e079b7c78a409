package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.webmvc.ui.SwaggerResourceResolver;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Swagger UI's files under {@code /swagger-ui/**} (springdoc's resource handler): those its page loads and no others,
 * as of the WebJars only the files GraphiQL's page loads are served. The swagger-ui WebJar holds more, each a 404
 * {@code not_found} here like any path the service lacks:
 * <ul>
 * <li>the OAuth2 redirect page ({@code oauth2-redirect.html} and the {@code oauth2-redirect.js} it loads), which
 * receives an OAuth2 authorization server's redirect for Swagger UI's "Authorize" with an OAuth2 flow. The API takes
 * bearer tokens of its own ({@code POST /api/v1/auth/token}) and declares no OAuth2 flow, so the page has nothing to
 * receive; served, it is a script that reads a URL's query and fragment and hands them to the window that opened it
 * (the settings no longer name it: {@link SwaggerUiWelcome});</li>
 * <li>the builds for bundlers ({@code swagger-ui.js}, CommonJS, and {@code swagger-ui-es-bundle.js} and
 * {@code swagger-ui-es-bundle-core.js}, ES modules; 2.4 MB between them) and their license files: no page here loads
 * them, and the core ones cannot run in a browser as they are (they {@code require} or {@code import} packages by
 * name). Served, they were megabytes of script on the service's origin for anyone to fetch or load, and files that
 * follow the WebJar's releases rather than the page.</li>
 * </ul>
 * An allowlist, so that a file a new swagger-ui release adds is not served unless the page needs it. No springdoc
 * property limits the files ({@code springdoc.swagger-ui.oauth2-redirect-url} only names where the redirect page is);
 * springdoc's own extension point, its {@link SwaggerResourceResolver} bean ({@code @ConditionalOnMissingBean}), is
 * replaced by this one, which resolves the other files to nothing.
 */
class SwaggerUiFiles extends SwaggerResourceResolver {

	/**
	 * The names of the files served, as the swagger-ui WebJar names them: its {@code index.html} (springdoc's page at
	 * {@code /swagger-ui/index.html}), what that loads (styles, icons, scripts, the initializer springdoc writes) and
	 * the license files the two bundles' banners point to ("For license information please see ...").
	 */
	static final List<String> SERVED = List.of("index.html", "index.css", "swagger-ui.css", "favicon-32x32.png",
			"favicon-16x16.png", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-initializer.js",
			"swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-standalone-preset.js.LICENSE.txt");

	SwaggerUiFiles(SwaggerUiConfigProperties properties) {
		super(properties);
	}

	@Override
	protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
			List<? extends Resource> locations, ResourceResolverChain chain) {
		return served(requestPath) ? super.resolveResourceInternal(request, requestPath, locations, chain) : null;
	}

	@Override
	protected String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
			ResourceResolverChain chain) {
		return served(resourceUrlPath) ? super.resolveUrlPathInternal(resourceUrlPath, locations, chain) : null;
	}

	private static boolean served(String path) {
		return SERVED.contains(path.substring(path.lastIndexOf('/') + 1));
	}
}
