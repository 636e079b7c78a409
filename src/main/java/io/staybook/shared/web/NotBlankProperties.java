package io.staybook.shared.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import io.staybook.shared.validation.NotBlankWhenSent;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents {@code @NotBlank} and {@link NotBlankWhenSent} on every request field as the service applies them: at
 * least one character ({@code minLength: 1}) that is not white space ({@code pattern}, when the field has no pattern
 * of its own).
 * swagger-core maps {@code @NotBlank} to {@code minLength: 1} alone, and a {@code @Size(max = ...)} next to it then
 * overwrites that with {@code @Size}'s default {@code min = 0}, so {@code first_name} read {@code minLength: 0}.
 * <p>
 * The pattern is read in ECMA-262, as JSON Schema reads it, whose {@code \s} is Unicode's white space (the no-break
 * spaces U+00A0 and U+202F and the byte order mark included). The service checks the same with
 * {@code io.staybook.shared.validation.Characters#isBlank} ({@code BlankText}), which also counts the invisible format
 * characters (the zero-width space U+200B) as blank: a value of those alone passes the pattern and is refused.
 */
@Component
public class NotBlankProperties implements PropertyCustomizer {

	/** Any text with a character that is not white space, as {@code @NotBlank} requires. */
	public static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

	@Override
	public Schema customize(Schema property, AnnotatedType type) {
		Annotation[] annotations = type.getCtxAnnotations();
		if (property == null || annotations == null
				|| Arrays.stream(annotations)
					.noneMatch(annotation -> annotation instanceof NotBlank || annotation instanceof NotBlankWhenSent)) {
			return property;
		}
		if (property.getMinLength() == null || property.getMinLength() < 1) {
			property.setMinLength(1);
		}
		if (property.getPattern() == null) {
			property.setPattern(NOT_BLANK);
		}
		return property;
	}
}
