package io.staybook.shared.validation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body that is a secret, a password: it is only hashed or compared with a hash, never
 * stored, shown, logged or mailed as text, so only NUL is refused in it ({@link Characters#hasNul}), not the other
 * control characters ({@link Characters#fault}): NIST SP 800-63B §5.1.1.2 asks a verifier to accept any characters, and
 * an account whose password was set with one must still log in. Its GraphQL twin is the schema's {@code @secret}
 * directive.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Secret {
}
