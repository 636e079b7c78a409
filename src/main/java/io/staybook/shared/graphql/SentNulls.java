package io.staybook.shared.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.web.NotNullWhenSent;
import io.staybook.shared.web.NullClears;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GraphQL's twin of the REST rule for explicit nulls in update inputs ({@link NotNullWhenSent}, {@link NullClears}):
 * the argument binder hands a field sent as {@code null} and a field left out to the record alike, so the raw argument
 * decides. {@code updateProperty(input: {title: null})} is a BAD_REQUEST naming {@code title}, as
 * {@code {"title": null}} is a 400 over REST; {@code updateMe(input: {phoneNumber: null})} clears the phone number.
 */
public final class SentNulls {

	private SentNulls() {
	}

	/**
	 * {@code input} as the client meant it: a copy whose {@link NullClears} fields sent as {@code null} are empty (which
	 * the services read as "remove"), or {@code input} itself when nothing was cleared.
	 * @param argument the name of the input argument, whose raw value is read from {@code env}
	 * @throws DomainException {@code validation_failed} naming every field sent as {@code null} that may not be
	 */
	public static <T extends Record> T apply(DataFetchingEnvironment env, String argument, T input) {
		if (input == null || !(env.getArgument(argument) instanceof Map<?, ?> sent)) {
			return input;
		}
		Class<?> type = input.getClass();
		boolean everyField = type.isAnnotationPresent(NotNullWhenSent.class);
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		List<FieldError> refused = new ArrayList<>();
		boolean cleared = false;
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			values[i] = read(component, input);
			if (!sent.containsKey(component.getName()) || sent.get(component.getName()) != null) {
				continue;
			}
			if (marked(component, NullClears.class)) {
				values[i] = "";
				cleared = true;
			}
			else if (everyField || marked(component, NotNullWhenSent.class)) {
				refused.add(new FieldError(component.getName(), "must not be null"));
			}
		}
		if (!refused.isEmpty()) {
			throw DomainException.invalidFields(refused);
		}
		return cleared ? copy(type, components, values) : input;
	}

	/**
	 * Refuses an amount sent as a text with nothing in it ({@code cleaningFee: ""}) for a {@link Number} field of
	 * {@code type}, which the schema types as a decimal string: Spring's conversion of a text to a number reads an
	 * empty one as null, so an update took it for a field left out and a create for the field's default, where a text
	 * that is no decimal is refused everywhere else ({@code setPrices}, the search's price bounds, REST's bodies).
	 * The same for the {@code amountsKeptAsText}: amounts a record keeps as text so that a sent null can clear them
	 * ({@link NullClears}, which reads null as {@code ""}), where an empty text went through as that null
	 * ({@code weekendPrice: ""}). An amount is a decimal string or null (the contract), and REST refuses {@code ""}.
	 * @param argument the name of the input argument, whose raw value is read from {@code env}
	 * @throws DomainException {@code validation_failed} naming every such field
	 */
	public static void refuseBlankNumbers(DataFetchingEnvironment env, String argument, Class<? extends Record> type,
			String... amountsKeptAsText) {
		if (!(env.getArgument(argument) instanceof Map<?, ?> sent)) {
			return;
		}
		List<String> asText = List.of(amountsKeptAsText);
		List<FieldError> refused = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			if ((Number.class.isAssignableFrom(component.getType()) || asText.contains(component.getName()))
					&& sent.get(component.getName()) instanceof String text && text.isBlank()) {
				refused.add(new FieldError(component.getName(), "must be a decimal number like 120.00"));
			}
		}
		if (!refused.isEmpty()) {
			throw DomainException.invalidFields(refused);
		}
	}

	/** Record components keep only annotations that target them; ours target the field the compiler makes. */
	private static boolean marked(RecordComponent component,
			Class<? extends java.lang.annotation.Annotation> annotation) {
		try {
			return component.getDeclaringRecord().getDeclaredField(component.getName()).isAnnotationPresent(annotation);
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object read(RecordComponent component, Object record) {
		try {
			var accessor = component.getAccessor();
			accessor.setAccessible(true);
			return accessor.invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T copy(Class<?> type, RecordComponent[] components, Object[] values) {
		try {
			Constructor<?> canonical = type
				.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
			canonical.setAccessible(true);
			return (T) canonical.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
