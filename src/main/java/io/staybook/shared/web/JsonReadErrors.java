package io.staybook.shared.web;

import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.validation.Characters;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a JSON body that could not be bound into a field error a client can act on. Jackson's own messages name Java
 * types, so none of them is passed through.
 */
final class JsonReadErrors {

	/** How jackson-core's duplicate detection (StreamReadFeature.STRICT_DUPLICATE_DETECTION) begins its message. */
	private static final String DUPLICATE = "Duplicate Object property";

	private JsonReadErrors() {
	}

	/** The field at fault, or {@code null} when the body is not JSON at all. */
	static FieldError describe(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof StreamReadException duplicate && duplicate.getOriginalMessage() != null
				&& duplicate.getOriginalMessage().startsWith(DUPLICATE) && duplicate.processor() != null) {
			// the parser stopped on the repeated name; the path leads to the object that holds it
			String name = duplicate.processor().streamReadContext().currentName();
			String parent = path(duplicate.getPath());
			return new FieldError(parent.isEmpty() ? name : parent + "." + name, "is sent more than once");
		}
		if (ex.getCause() instanceof InputCoercionException tooLarge && tooLarge.processor() != null) {
			// a whole number beyond its field's type ("guests": 99999999999): valid JSON, a wrong value for the field
			String field = path(tooLarge.getPath());
			if (field.isEmpty()) {
				field = String.valueOf(tooLarge.processor().streamReadContext().currentName());
			}
			return new FieldError(field, "is out of range");
		}
		if (!(ex.getCause() instanceof DatabindException error)) {
			return null;
		}
		String field = path(error.getPath());
		if (error instanceof UnrecognizedPropertyException) {
			return new FieldError(field, "is not a known field");
		}
		if (error instanceof InvalidNullException) {
			return new FieldError(field, "must not be null");
		}
		if (error instanceof ValueInstantiationException && error.getCause() instanceof IllegalArgumentException bad
				&& bad.getMessage() != null) {
			return new FieldError(field.isEmpty() ? "body" : field, bad.getMessage());
		}
		if (error instanceof InvalidFormatException bad && bad.getValue() instanceof String
				&& Characters.isFault(bad.getOriginalMessage())) {
			return new FieldError(field.isEmpty() ? "body" : field, bad.getOriginalMessage());
		}
		if (error instanceof InvalidFormatException || error instanceof MismatchedInputException) {
			return new FieldError(field.isEmpty() ? "body" : field, "has the wrong type or format");
		}
		return new FieldError(field.isEmpty() ? "body" : field, "is invalid");
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}
}
