package io.staybook.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An optional text field of a partial update that a JSON {@code null} clears: {@code null} is read as {@code ""} (which
 * the service stores as "none"), while a field left out stays {@code null}, "unchanged". Enforced by
 * {@link SentNullRules}.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface NullClears {
}
