package io.staybook.shared.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text that may be left out (null passes: a PATCH field not sent) but, when sent, shows something: not
 * {@link Characters#isBlank blank}, so neither spaces alone (the no-break ones included) nor invisible characters.
 * The OpenAPI document gives it the pattern {@code @NotBlank} gets ({@code io.staybook.shared.web.NotBlankProperties}).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotBlankWhenSent.Validator.class)
public @interface NotBlankWhenSent {

	/** The failure's message. */
	String message() default "must not be blank";

	/** Bean Validation's groups; none here. */
	Class<?>[] groups() default {};

	/** Bean Validation's payload; none here. */
	Class<? extends Payload>[] payload() default {};

	/** Accepts null and any text that is not {@link Characters#isBlank blank}. */
	class Validator implements ConstraintValidator<NotBlankWhenSent, CharSequence> {

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || !Characters.isBlank(value);
		}
	}
}
