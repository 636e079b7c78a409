package io.staybook.shared.money;

import io.staybook.shared.DomainException;
import java.util.function.Supplier;

/**
 * An amount its currency cannot express ({@code 100.50 JPY}), one our columns cannot hold, or a code that is no
 * currency of payment. The message is fit for a client, for a field error; it never names a class.
 */
public final class InvalidMoney extends IllegalArgumentException {

	InvalidMoney(String message) {
		super(message);
	}

	/**
	 * What {@code money} makes, with an {@link InvalidMoney} it throws turned into the client's error on
	 * {@code field}: for amounts that come from a request or a provider, whose fault it then is.
	 * @throws DomainException 400 {@code validation_failed} naming {@code field}, with this exception's message
	 */
	public static <T> T onField(String field, Supplier<T> money) {
		try {
			return money.get();
		}
		catch (InvalidMoney invalid) {
			throw DomainException.invalidField(field, invalid.getMessage());
		}
	}
}
