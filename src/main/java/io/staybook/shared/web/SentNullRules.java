package io.staybook.shared.web;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.NullValueProvider;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.util.AccessPattern;

/**
 * Tells a field sent as JSON {@code null} from a field left out, for {@link NotNullWhenSent} and {@link NullClears}.
 * Jackson's own {@code @JsonSetter(nulls = FAIL)} cannot: on a record it refuses a missing field as well, because a
 * creator asks the same provider for the value of a missing field as for a {@code null}.
 */
final class SentNullRules extends ValueDeserializerModifier {

	@Override
	public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier description,
			BeanDeserializerBuilder builder) {
		boolean everyField = description.getClassAnnotations().has(NotNullWhenSent.class);
		List<SettableBeanProperty> properties = new ArrayList<>();
		builder.getProperties().forEachRemaining(properties::add);
		for (SettableBeanProperty property : properties) {
			if (property.getAnnotation(NullClears.class) != null) {
				builder.addOrReplaceProperty(property.withNullProvider(new Cleared()), true);
			}
			else if (everyField || property.getAnnotation(NotNullWhenSent.class) != null) {
				builder.addOrReplaceProperty(property.withNullProvider(new Refused(property.getFullName())), true);
			}
		}
		return builder;
	}

	/** Decides what a JSON null means; a field left out stays null, whatever it is. */
	private interface SentNull extends NullValueProvider {

		@Override
		default Object getAbsentValue(DeserializationContext context) {
			return null;
		}

		@Override
		default AccessPattern getNullAccessPattern() {
			return AccessPattern.DYNAMIC;
		}
	}

	private record Refused(PropertyName name) implements SentNull {

		@Override
		public Object getNullValue(DeserializationContext context) {
			throw InvalidNullException.from(context, name, null);
		}
	}

	private record Cleared() implements SentNull {

		@Override
		public Object getNullValue(DeserializationContext context) {
			return "";
		}
	}
}
