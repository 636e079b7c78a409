package io.staybook.integrity;

import java.util.Locale;
import java.util.Random;

/** The kinds of step an actor takes, each with its weight in the random draw (the weights sum to 100). */
enum Step {

	/** A guest holds random near-future dates of a random listing. */
	BOOK(20),
	/** The guest pays one of their bookings: {@code tok_visa} mostly, {@code tok_chargeDeclined} sometimes. */
	PAY(15),
	/** A payment request sent again with its Idempotency-Key (and body): must create and charge nothing more. */
	PAY_AGAIN(4),
	/** Pays and at once changes the dates (longer or shorter), while the charge is in flight. */
	PAY_THEN_CHANGE(9),
	/** The guest changes the dates of a booking. */
	CHANGE(6),
	/** The guest, the host or an admin cancels a booking. */
	CANCEL(10),
	/** The host (or an admin) checks a guest in whose stay starts today. */
	CHECK_IN(4),
	/** The host or an admin deletes a listing. */
	DELETE_LISTING(4),
	/** A guest or host deletes their account, or an admin deletes someone's. */
	DELETE_ACCOUNT(3),
	/** A new signed sandbox event about a real payment: succeeded, failed or refunded, as the provider would say. */
	WEBHOOK(9),
	/** An event delivered before, delivered again (same id; sometimes another type under that id). */
	WEBHOOK_REPLAY(5),
	/** The provider's next answers are lost (a timeout after the work is done): the jobs must retry. */
	PROVIDER_FAILURE(5),
	/** Time passes (a few minutes): holds run out, and their expiry jobs race the payments. */
	ADVANCE_CLOCK(2),
	/** The guest pays and the host deletes the listing at the same moment. */
	PAY_WHILE_DELISTED(4);

	private final int weight;

	Step(int weight) {
		this.weight = weight;
	}

	String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static Step draw(Random random) {
		int roll = random.nextInt(100);
		for (Step step : values()) {
			roll -= step.weight;
			if (roll < 0) {
				return step;
			}
		}
		throw new IllegalStateException("the weights sum to less than 100");
	}

	static {
		int sum = 0;
		for (Step step : values()) {
			sum += step.weight;
		}
		if (sum != 100) {
			throw new ExceptionInInitializerError("Step weights sum to " + sum + ", not 100");
		}
	}
}
