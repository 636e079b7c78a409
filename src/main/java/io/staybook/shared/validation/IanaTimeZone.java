package io.staybook.shared.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.Set;

/** An IANA time-zone id such as {@code Europe/Paris}; null passes (use {@code @NotNull} to require one). */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IanaTimeZone.Validator.class)
public @interface IanaTimeZone {

	/** The failure's message. */
	String message() default "must be an IANA time zone such as Europe/Paris";

	/** Bean Validation's groups; none here. */
	Class<?>[] groups() default {};

	/** Bean Validation's payload; none here. */
	Class<? extends Payload>[] payload() default {};

	/** Accepts null (left to {@code @NotNull}) and the JDK's IANA zone ids. */
	class Validator implements ConstraintValidator<IanaTimeZone, String> {

		private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || ZONES.contains(value);
		}
	}
}
