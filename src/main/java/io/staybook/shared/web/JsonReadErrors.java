package io.staybook.shared.web;

import io.staybook.shared.DomainException.FieldError;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a JSON body that could not be bound into a field error a client can act on. Jackson's own messages name Java
 * types, so none of them is passed through.
 */
final class JsonReadErrors {

	private JsonReadErrors() {
	}

	/** The field at fault, or {@code null} when the body is not JSON at all. */
	static FieldError describe(HttpMessageNotReadableException ex) {
		if (!(ex.getCause() instanceof DatabindException error)) {
			return null;
		}
		String field = path(error.getPath());
		if (error instanceof UnrecognizedPropertyException) {
			return new FieldError(field, "is not a known field");
		}
		if (error instanceof ValueInstantiationException && error.getCause() instanceof IllegalArgumentException bad
				&& bad.getMessage() != null) {
			return new FieldError(field, bad.getMessage());
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
