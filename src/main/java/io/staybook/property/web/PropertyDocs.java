package io.staybook.property.web;

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
 * {@code PATCH /properties/{id}} takes the fields of {@link PropertyBody} without {@code host_id} (a listing keeps
 * its host) and with none required, while {@code POST /properties} requires the {@code OnCreate} ones. One record
 * serves both in the code; the document needs two schemas, so this derives {@code PropertyChange} from
 * {@code PropertyInput}. It runs before the shared conventions, which then treat it as any request schema. It also
 * documents that money is accepted as a decimal string or a JSON number, in listings and in {@code SetPrices}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PropertyDocs implements OpenApiCustomizer {

	static final String INPUT = "PropertyInput";

	static final String CHANGE_NAME = "PropertyChange";

	static final String CHANGE = "#/components/schemas/" + CHANGE_NAME;

	/** The money fields of each request schema, which take a decimal string or a JSON number. */
	private static final Map<String, List<String>> MONEY = Map.of(INPUT,
			List.of("price_per_night", "cleaning_fee", "weekend_price", "extra_guest_fee"), "SetPrices",
			List.of("price_per_night"));

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		if (schemas == null) {
			return;
		}
		MONEY.forEach((name, fields) -> eitherStringOrNumber(schemas.get(name), fields));
		Schema<?> input = schemas.get(INPUT);
		if (input == null || input.getProperties() == null) {
			return;
		}
		Map<String, Schema> properties = new LinkedHashMap<>(input.getProperties());
		properties.remove("host_id");
		Schema<Object> change = new Schema<>();
		change.setProperties(properties);
		change.setDescription("Only the fields present change; a listing keeps its host.");
		schemas.put(CHANGE_NAME, change);
	}

	/**
	 * Money is read from a decimal string or a JSON number (BigDecimal either way); swagger-core sees only the Java
	 * type and would document a number alone (or, for {@code SetPrices}, the string its annotation names). Rebuilt as
	 * a plain schema: swagger-core's number schema would turn the shared conventions' money example ("120.00") back
	 * into a number.
	 */
	private static void eitherStringOrNumber(Schema<?> schema, List<String> fields) {
		if (schema == null || schema.getProperties() == null) {
			return;
		}
		for (String money : fields) {
			Schema<?> amount = schema.getProperties().get(money);
			if (amount != null) {
				Schema<Object> either = new Schema<>();
				either.setTypes(new LinkedHashSet<>(List.of("string", "number")));
				either.setDescription(amount.getDescription());
				either.setMinimum(amount.getMinimum());
				either.setMaximum(amount.getMaximum());
				either.setExample(amount.getExample());
				either.setNullable(amount.getNullable());
				either.setPattern(amount.getPattern());
				schema.getProperties().put(money, either);
			}
		}
	}
}
