package io.staybook.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body field that may be left out but not sent as {@code null}, because the value it sets cannot be empty:
 * a JSON {@code null} is a 400 naming the field ("must not be null"), where it used to read as "left out" and change
 * nothing. Left out, the field is {@code null} as before. On a record or class it holds for every field but those
 * marked {@link NullClears}, which a {@code null} clears. Enforced by {@link SentNullRules}.
 */
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface NotNullWhenSent {
}
