package io.staybook.shared.web;

import io.staybook.shared.JsonEnums;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * Query parameters and path variables spell enum values as JSON does ({@code ?role=host}, {@code ?status=pending_payment}).
 * Spring's default conversion wants the constant's name ({@code HOST}) and refused the contract's spelling. An empty
 * value is no value, as before; an unknown one fails conversion, a 400 naming the parameter. The constant's own name
 * ({@code HOST}, as GraphQL spells enum values) is accepted too.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
final class JsonEnumConverterFactory implements ConverterFactory<String, Enum> {

	@Override
	public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
		Class<?> type = targetType;
		while (type != null && !type.isEnum()) {
			type = type.getSuperclass();
		}
		Class enumType = type;
		return source -> {
			String value = source.strip();
			if (value.isEmpty()) {
				return null;
			}
			for (Object constant : enumType.getEnumConstants()) {
				if (((Enum) constant).name().equals(value)) {
					return (T) constant;
				}
			}
			return (T) JsonEnums.fromJson(enumType, value);
		};
	}
}
