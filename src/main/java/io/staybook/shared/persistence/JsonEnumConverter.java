package io.staybook.shared.persistence;

import io.staybook.shared.JsonEnums;
import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as the same lower-case text the API uses ({@code pending_payment}), which the table's CHECK
 * constraint lists. JPA needs one concrete converter class per enum: {@code class RoleConverter extends
 * JsonEnumConverter<Role>}.
 */
public abstract class JsonEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

	private final Class<E> type;

	protected JsonEnumConverter(Class<E> type) {
		this.type = type;
	}

	@Override
	public String convertToDatabaseColumn(E value) {
		return value == null ? null : JsonEnums.toJson(value);
	}

	@Override
	public E convertToEntityAttribute(String value) {
		return value == null ? null : JsonEnums.fromJson(type, value);
	}
}
