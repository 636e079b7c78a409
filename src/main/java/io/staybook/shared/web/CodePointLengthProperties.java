package io.staybook.shared.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import org.hibernate.validator.constraints.CodePointLength;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents Hibernate Validator's {@code @CodePointLength(min, max)} on a request field as {@code minLength} and
 * {@code maxLength}, as swagger-core documents Jakarta's {@code @Size} (which it knows, and this not). Both count the
 * same: JSON Schema's lengths are in code points (RFC 8259 characters), as {@code @CodePointLength} and PostgreSQL's
 * {@code char_length} are, while {@code @Size} counted UTF-16 units and so refused emoji at half the documented
 * limit. A bound the field already has from another annotation ({@code @NotBlank}'s {@code minLength: 1}) is kept
 * where it is the stricter one, so the order of the customizers does not matter.
 */
@Component
public class CodePointLengthProperties implements PropertyCustomizer {

	@Override
	public Schema customize(Schema property, AnnotatedType type) {
		CodePointLength length = find(type.getCtxAnnotations());
		if (property == null || length == null) {
			return property;
		}
		Integer min = property.getMinLength();
		property.setMinLength(min == null ? length.min() : Math.max(min, length.min()));
		if (length.max() != Integer.MAX_VALUE) {
			Integer max = property.getMaxLength();
			property.setMaxLength(max == null ? length.max() : Math.min(max, length.max()));
		}
		return property;
	}

	private static CodePointLength find(Annotation[] annotations) {
		if (annotations != null) {
			for (Annotation annotation : annotations) {
				if (annotation instanceof CodePointLength length) {
					return length;
				}
			}
		}
		return null;
	}
}
