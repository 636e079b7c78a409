package io.staybook.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that evaluates {@code If-Match} and {@code If-None-Match} itself against its resource's ETag
 * ({@link Preconditions}), so that {@link UntaggedPreconditions} leaves them to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EvaluatesPreconditions {
}
