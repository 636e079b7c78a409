package io.staybook.shared.web;

import io.staybook.shared.CalendarDates;
import io.staybook.shared.Ids;
import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Reads query and path parameters as strictly as JSON bodies: a number is written as JSON writes it, without an
 * exponent ({@code 2}, {@code -9.1393}), a boolean is {@code true} or {@code false}, a date is exactly
 * {@code YYYY-MM-DD}. Spring's defaults would take {@code 0x10} and {@code " 5"} for numbers, {@code 1e999999} for a
 * decimal (which then compares as larger than any price), {@code yes}, {@code on} or {@code 1} for true, a date with
 * an offset, and {@code 1-1-1-1-1} for an id (a UUID is read only in its canonical form, {@link Ids#parse}). A refused value is a 400 naming the parameter (see {@code ProblemDetailsAdvice.handleTypeMismatch}); an
 * empty value is no value, as with Spring's own conversions.
 * <p>
 * These are property editors, not converters: Spring MVC tries the default editors (which decode hex and trim) after a
 * converter refuses a value, but never after a custom editor does.
 * <p>
 * They reach every binder through Spring MVC's binding initializer, not an {@code @InitBinder} method: Spring MVC makes
 * a binder for every parameter of a handler, sent or not (a search has 19), and ran an {@code @InitBinder} method for
 * each through reflection, with an annotation lookup: a third of the bytes a search page allocated
 * (docs/benchmarks.md, "Issue 12, second pass: search").
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters implements PropertyEditorRegistrar {

	/** Whole numbers: at most 18 digits, so that the Long parse cannot overflow unnoticed. */
	private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

	/** Decimals: plain notation with at most 15 digits each side, which doubles and prices hold without surprise. */
	private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

	private static final Pattern BOOLEAN = Pattern.compile("true|false");

	/** Any line: {@link IsoDateDeserializer} decides. */
	private static final Pattern ANY = Pattern.compile(".*");

	/** Adds these editors to the binding initializer of Spring MVC's handler adapter, which every binder goes through. */
	@Bean
	static BeanPostProcessor strictParametersInEveryBinder() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof RequestMappingHandlerAdapter adapter) {
					if (!(adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer)) {
						// parameters would be read leniently without a word: refuse to start instead
						throw new IllegalStateException("Spring MVC's handler adapter has no configurable binding"
								+ " initializer for the strict parameter editors");
					}
					PropertyEditorRegistrar[] registrars = initializer.getPropertyEditorRegistrars();
					registrars = registrars == null ? new PropertyEditorRegistrar[1]
							: Arrays.copyOf(registrars, registrars.length + 1);
					registrars[registrars.length - 1] = new StrictParameters();
					initializer.setPropertyEditorRegistrars(registrars);
				}
				return bean;
			}
		};
	}

	@Override
	public void registerCustomEditors(PropertyEditorRegistry binder) {
		binder.registerCustomEditor(Integer.class, editor(WHOLE, Integer::valueOf));
		binder.registerCustomEditor(int.class, editor(WHOLE, Integer::valueOf));
		binder.registerCustomEditor(Long.class, editor(WHOLE, Long::valueOf));
		binder.registerCustomEditor(long.class, editor(WHOLE, Long::valueOf));
		binder.registerCustomEditor(Double.class, editor(DECIMAL, Double::valueOf));
		binder.registerCustomEditor(double.class, editor(DECIMAL, Double::valueOf));
		binder.registerCustomEditor(BigDecimal.class, editor(DECIMAL, BigDecimal::new));
		binder.registerCustomEditor(Boolean.class, editor(BOOLEAN, Boolean::valueOf));
		binder.registerCustomEditor(boolean.class, editor(BOOLEAN, Boolean::valueOf));
		// UUID.fromString, the default editor's, takes 1-1-1-1-1 for an id
		binder.registerCustomEditor(UUID.class, editor(ANY, Ids::parse));
		binder.registerCustomEditor(LocalDate.class, editor(ANY, text -> {
			LocalDate date = CalendarDates.parse(text);
			if (date == null) {
				throw new IllegalArgumentException("not a date YYYY-MM-DD");
			}
			return date;
		}));
	}

	private static PropertyEditorSupport editor(Pattern syntax, Function<String, ?> parse) {
		return new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				if (text == null || text.isEmpty()) {
					setValue(null);
					return;
				}
				if (!syntax.matcher(text).matches()) {
					throw new IllegalArgumentException("not in the contract's syntax");
				}
				// Integer.valueOf still refuses a whole number out of int range
				setValue(parse.apply(text));
			}
		};
	}
}
