package io.staybook.shared.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * A JSON value of the wrong type is a 400, never a value to convert (the contract's "wrong types are 400"): Jackson would
 * otherwise read {@code "max_guests": "4"} as 4, {@code "first_name": 123} as {@code "123"}, {@code "x": "true"} or
 * {@code 1} as true, {@code ""} as null, and {@code " 2027-01-05"} or {@code "2027-01-05T00:00:00"} as a date. One
 * exception: money is a decimal string by the contract ({@code "120.00"}), so a string still binds to
 * {@link BigDecimal}. A key sent twice in one object is refused as well, instead of the last one silently winning, and
 * {@code null} for a field that cannot be empty ({@link NotNullWhenSent}), an id that is not a canonical UUID
 * ({@link CanonicalUuidDeserializer}) and a text that breaks the
 * API's rule for text, a NUL or another control character ({@link TextDeserializer}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

	@Bean
	JsonMapperBuilderCustomizer noScalarCoercion() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					config -> fail(config, CoercionInputShape.Integer, CoercionInputShape.Float,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Integer,
					config -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Float,
					config -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean,
					config -> fail(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Integer, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Enum,
					config -> fail(config, CoercionInputShape.Integer, CoercionInputShape.EmptyString))
			.addModule(new SimpleModule("staybook-strict-input")
				.addDeserializer(LocalDate.class, new IsoDateDeserializer())
				// money: the one number the contract writes as a string, read as exactly that
				.addDeserializer(BigDecimal.class, new DecimalDeserializer())
				.addDeserializer(UUID.class, new CanonicalUuidDeserializer())
				.addDeserializer(String.class, TextDeserializer.ANY)
				.setDeserializerModifier(new SentNullRules()));
	}

	private static void fail(MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}
}
