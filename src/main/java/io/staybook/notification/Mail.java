package io.staybook.notification;

import java.io.Serializable;
import java.util.Map;

/**
 * One mail to send. {@code key} names it uniquely ({@code booking-confirmed:<id>:guest}): scheduling the same key twice
 * schedules it once, and a mail whose key was sent is not sent again.
 *
 * @param template the base name of {@code mail/<template>.txt} and {@code .html}
 * @param variables the values of the template's {@code {{placeholders}}}
 */
public record Mail(String key, String to, String template, Map<String, String> variables) implements Serializable {

	/** Copies {@code variables}, so that a queued mail never changes. */
	public Mail {
		variables = Map.copyOf(variables);
	}
}
