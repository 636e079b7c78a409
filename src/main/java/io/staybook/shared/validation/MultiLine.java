package io.staybook.shared.validation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body meant to hold paragraphs (a description, a message's body, a review's comment,
 * a reason): besides what every text may hold, it may hold tab, line feed and carriage return
 * ({@link Characters#fault}). Every other text field is a single line. Its GraphQL twin is the schema's
 * {@code @multiLine} directive on the argument or input field.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {
}
