package io.staybook.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @NotBlank} as this service means it, on every request record of REST and GraphQL alike: a text that shows
 * something. Hibernate Validator's own check trims only the characters up to U+0020, so a name of no-break spaces
 * (U+00A0) or of zero-width spaces (U+200B) passed it and was stored as a blank name; here the one rule of
 * {@link Characters#isBlank} replaces it, as the messages, reviews and wishlists already apply it.
 */
@Configuration(proxyBeanMethods = false)
class BlankText {

	@Bean
	ValidationConfigurationCustomizer unicodeNotBlank() {
		return configuration -> {
			if (configuration instanceof HibernateValidatorConfiguration hibernate) {
				ConstraintMapping mapping = hibernate.createConstraintMapping();
				mapping.constraintDefinition(NotBlank.class)
					.includeExistingValidators(false)
					.validatedBy(NotBlankValidator.class);
				hibernate.addMapping(mapping);
			}
		};
	}

	/** {@code @NotBlank}: not null and not {@link Characters#isBlank blank}. */
	static final class NotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value != null && !Characters.isBlank(value);
		}
	}
}
