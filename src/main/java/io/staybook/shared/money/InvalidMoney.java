package io.staybook.shared.money;

/**
 * An amount its currency cannot express ({@code 100.50 JPY}), one our columns cannot hold, or a code that is no
 * currency of payment. The message is fit for a client, for a field error; it never names a class.
 */
public final class InvalidMoney extends IllegalArgumentException {

	InvalidMoney(String message) {
		super(message);
	}
}
