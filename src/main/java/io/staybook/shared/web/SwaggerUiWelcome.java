package io.staybook.shared.web;

import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.providers.SpringWebProvider;
import org.springdoc.webmvc.ui.SwaggerWelcomeWebMvc;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Springdoc's Swagger UI settings ({@code GET /v3/api-docs/swagger-config}, the {@code /swagger-ui.html} redirect)
 * without {@code oauth2RedirectUrl}: that URL named Swagger UI's OAuth2 redirect page, which is not served
 * ({@link SwaggerUiFiles}; the API declares no OAuth2 flow). Swagger UI without it refuses an OAuth2 authorization
 * with its own message ("oauth2RedirectUrl configuration is not passed") instead of sending the browser to a 404.
 * <p>
 * No springdoc property leaves it out: springdoc 3.1 sets it in {@code calculateOauth2RedirectUrl} to
 * {@code springdoc.swagger-ui.oauth2-redirect-url} when that is an absolute URL, else to the UI's root followed by that
 * path or, when blank, by {@code /swagger-ui/oauth2-redirect.html}. Its {@link SwaggerWelcomeWebMvc} bean
 * ({@code @ConditionalOnMissingBean}) is replaced by this one, which sets none; the Swagger UI page's initializer
 * script leaves the key out already.
 */
class SwaggerUiWelcome extends SwaggerWelcomeWebMvc {

	SwaggerUiWelcome(SwaggerUiConfigProperties ui, SpringDocConfigProperties docs,
			ObjectProvider<SpringWebProvider> web) {
		super(ui, docs, web);
	}

	@Override
	protected void calculateOauth2RedirectUrl(SwaggerUiConfigParameters parameters, UriComponentsBuilder uri) {
		parameters.setOauth2RedirectUrl(null);
	}
}
