package io.staybook.shared;

import io.staybook.shared.DomainException.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects the rule violations of one request, so that a client learns of all of them at once. */
public final class FieldErrors {

	private final List<FieldError> errors = new ArrayList<>();

	/** Records {@code message} for {@code field} unless {@code ok}. */
	public FieldErrors require(boolean ok, String field, String message) {
		if (!ok) {
			errors.add(new FieldError(field, message));
		}
		return this;
	}

	/** @throws DomainException 400 {@code validation_failed} with every failure collected, when there is any */
	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw DomainException.invalidFields(errors);
		}
	}
}
