package io.staybook.shared.web;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Routes that a library maps without being asked and that no property switches off, unmapped once every mapping is
 * registered, so that they are 404 {@code not_found} like any path the API lacks. Today one: springdoc's
 * {@code GET /v3/api-docs.yaml}, the OpenAPI document in YAML ({@code application/vnd.oai.openapi}), written by
 * springdoc's own Jackson 2 YAML mapper; the contract's document is {@code /v3/api-docs}, JSON (api-contract.md,
 * README), like every other answer ({@link JsonOnlyConverters}). {@code HttpSurfaceIntegrationTests} lists the
 * routes that remain.
 */
class UnaskedRoutes implements SmartInitializingSingleton {

	private static final MediaType OPENAPI_YAML = MediaType.parseMediaType("application/vnd.oai.openapi");

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	UnaskedRoutes(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		RequestMappingHandlerMapping mapping = mappings.getObject();
		List<RequestMappingInfo> unasked = mapping.getHandlerMethods().keySet().stream()
			.filter(info -> info.getProducesCondition().getProducibleMediaTypes().contains(OPENAPI_YAML))
			.toList();
		unasked.forEach(mapping::unregisterMapping);
	}
}
