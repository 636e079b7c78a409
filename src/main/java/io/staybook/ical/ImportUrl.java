package io.staybook.ical;

import io.staybook.shared.DomainException;
import java.net.URI;

/**
 * A feed URL as checked for a new import ({@link IcalService#vet}): parsed, its host name resolved and every address
 * allowed, or the reason it is refused. Made before the import's transaction, so that no row lock or pooled connection
 * waits on a name server; the refusal is thrown inside it ({@link #uri}), where an idempotent repeat is replayed
 * first. Only this package makes one, so an import's URL cannot skip the check (OWASP SSRF Prevention Cheat Sheet).
 */
public final class ImportUrl {

	private final URI checked;

	private final String refusal;

	/** {@code checked} null when refused; {@code refusal} (safe to show to the host) null when allowed. */
	ImportUrl(URI checked, String refusal) {
		this.checked = checked;
		this.refusal = refusal;
	}

	/**
	 * The allowed URL.
	 * @throws DomainException 400 {@code validation_failed} on {@code url} with the refusal
	 */
	URI uri() {
		if (checked == null) {
			throw DomainException.invalidField("url", refusal);
		}
		return checked;
	}
}
