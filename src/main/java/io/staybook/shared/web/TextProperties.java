package io.staybook.shared.web;

import io.staybook.shared.validation.MultiLine;
import io.staybook.shared.validation.Secret;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents which kind of text a request field is ({@code io.staybook.shared.validation.Characters#fault}): a field
 * marked {@link MultiLine} says in its description that it may span lines and carries {@code x-multi-line: true}; a
 * {@link Secret} carries {@code x-secret: true}. Every other string field is a single line, as the document's
 * description says once for all.
 */
@Component
public class TextProperties implements PropertyCustomizer {

	/** What a multi-line field's description ends with. */
	static final String MULTI_LINE = "Several lines: tab, line feed and carriage return are allowed (no other control"
			+ " character).";

	@Override
	public Schema customize(Schema property, AnnotatedType type) {
		if (property == null || type.getCtxAnnotations() == null) {
			return property;
		}
		for (Annotation annotation : type.getCtxAnnotations()) {
			if (annotation instanceof MultiLine) {
				String description = property.getDescription();
				property.setDescription(description == null ? MULTI_LINE
						: description + (description.endsWith(".") ? " " : ". ") + MULTI_LINE);
				property.addExtension("x-multi-line", true);
			}
			else if (annotation instanceof Secret) {
				property.addExtension("x-secret", true);
			}
		}
		return property;
	}
}
