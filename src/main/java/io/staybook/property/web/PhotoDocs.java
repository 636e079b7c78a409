package io.staybook.property.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A listing's {@code cover_photo} is a {@code PhotoUrls} or null. swagger-core writes a reference alone and drops
 * {@code nullable} and the description beside it, so this states it as OpenAPI 3.1 does: any of the reference and
 * the null type. It runs before the shared conventions and before {@link SearchDocs} copies the listing's members.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PhotoDocs implements OpenApiCustomizer {

	@Override
	public void customise(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Schema<?> property = schemas == null ? null : schemas.get("Property");
		if (property == null || property.getProperties() == null
				|| !property.getProperties().containsKey("cover_photo")) {
			return;
		}
		Schema<Object> none = new Schema<>();
		none.setTypes(new LinkedHashSet<>(List.of("null")));
		Schema<Object> cover = new Schema<>();
		cover.setAnyOf(List.of(new Schema<>().$ref("#/components/schemas/PhotoUrls"), none));
		cover.setDescription("the `urls` of the listing's first photo (position 0); null without photos");
		property.getProperties().put("cover_photo", cover);
	}
}
