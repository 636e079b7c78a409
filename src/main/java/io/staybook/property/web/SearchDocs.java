package io.staybook.property.web;

import io.staybook.property.ListingFields;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Documents the sparse fieldsets of {@code GET /properties} (the README's "Sparse fieldsets"): each result is a
 * {@value #SEARCH_RESULT}, that is a whole {@code Property}, or with {@code fields=} a {@value #FIELDS}, which has the
 * same members, none of them required, and holds only those asked for; the {@code fields} parameter lists the names
 * that {@link ListingFields} accepts. It runs after the shared conventions, which would otherwise make every member of
 * {@value #FIELDS} required, as they do for every response schema.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SearchDocs implements OpenApiCustomizer {

	static final String SEARCH_RESULT = "PropertySearchResult";

	static final String FIELDS = "PropertyFields";

	static final String FIELDS_PARAMETER = "comma-separated names of the members each result carries, for a lighter"
			+ " page (a sparse fieldset); left out, every member. An unknown name, or none, is a 400"
			+ " `validation_failed`.";

	private static final String SCHEMAS = "#/components/schemas/";

	@Override
	public void customise(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Schema<?> property = schemas == null ? null : schemas.get("Property");
		if (property == null || property.getProperties() == null || !schemas.containsKey(SEARCH_RESULT)) {
			return;
		}
		Schema<Object> sparse = new Schema<>();
		sparse.setTypes(new LinkedHashSet<>(List.of("object")));
		sparse.setProperties(new LinkedHashMap<>(property.getProperties()));
		sparse.setDescription("A listing with only the members named in `fields`.");
		schemas.put(FIELDS, sparse);
		Schema<Object> result = new Schema<>();
		result.setAnyOf(List.of(new Schema<>().$ref(SCHEMAS + "Property"), new Schema<>().$ref(SCHEMAS + FIELDS)));
		result.setDescription("The whole listing (a `Property`), or with `fields` a `PropertyFields`.");
		schemas.put(SEARCH_RESULT, result);
		schemas.remove(ListingFields.class.getSimpleName());
		String names = String.join("|", ListingFields.NAMES);
		openApi.getPaths()
			.values()
			.stream()
			.flatMap(path -> path.readOperations().stream())
			.filter(operation -> "searchProperties".equals(operation.getOperationId()))
			.flatMap(operation -> operation.getParameters().stream())
			.filter(parameter -> "fields".equals(parameter.getName()))
			.forEach(parameter -> {
				parameter.setDescription(
						parameter.getDescription() + " The names: " + String.join(", ", ListingFields.NAMES) + ".");
				parameter.getSchema().setPattern("^\\s*(" + names + ")?\\s*(,\\s*(" + names + ")?\\s*)*$");
			});
	}
}
