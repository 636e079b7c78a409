package io.staybook.review;

import io.staybook.shared.FieldErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The optional sub-ratings of a review of a listing, each an integer 1–5 or null (not given). The JSON names are
 * {@code cleanliness}, {@code accuracy}, {@code check_in}, {@code communication}, {@code location} and {@code value},
 * in this order, the order of the listing's {@code ratings} too.
 */
public record SubRatings(Integer cleanliness, Integer accuracy, Integer checkIn, Integer communication,
		Integer location, Integer value) {

	/** The JSON names, in the order of the components. */
	public static final List<String> NAMES = List.of("cleanliness", "accuracy", "check_in", "communication",
			"location", "value");

	/** None given. */
	public static final SubRatings NONE = new SubRatings(null, null, null, null, null, null);

	/** The components in order; an element is null when not given. */
	public List<Integer> values() {
		return Arrays.asList(cleanliness, accuracy, checkIn, communication, location, value);
	}

	/** Whether any is given. */
	public boolean any() {
		return values().stream().anyMatch(Objects::nonNull);
	}

	/** These, with each component that {@code change} gives replacing this one's. */
	SubRatings with(SubRatings change) {
		if (change == null) {
			return this;
		}
		return new SubRatings(or(change.cleanliness, cleanliness), or(change.accuracy, accuracy),
				or(change.checkIn, checkIn), or(change.communication, communication), or(change.location, location),
				or(change.value, value));
	}

	private static Integer or(Integer changed, Integer current) {
		return changed != null ? changed : current;
	}

	/** Adds a 400 field error for each component outside 1–5. */
	FieldErrors check(FieldErrors errors) {
		List<Integer> values = values();
		for (int i = 0; i < NAMES.size(); i++) {
			Integer rating = values.get(i);
			errors.require(rating == null || (rating >= 1 && rating <= 5), NAMES.get(i), "must be between 1 and 5");
		}
		return errors;
	}
}
