package io.staybook.ical;

import io.staybook.shared.DomainException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Checks a feed URL and the addresses its host name resolves to ({@link AddressRules}); used when an import is created
 * (400) and by the fetcher on every connection and redirect.
 */
@Component
class FeedUrls {

	static final int MAX_LENGTH = 2048;

	private final IcalSettings settings;

	FeedUrls(IcalSettings settings) {
		this.settings = settings;
	}

	/** Why a fetch from this URL is refused. The message is safe to show to the listing's host. */
	static final class Refused extends UnknownHostException {

		Refused(String message) {
			super(message);
		}
	}

	/**
	 * The URL, parsed: absolute, {@code http} or {@code https}, with a host and no user information.
	 * @throws Refused otherwise
	 */
	static URI parse(String url) throws Refused {
		if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
			throw new Refused("must be an http or https URL of at most 2048 characters");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new Refused("is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new Refused("must be an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new Refused("must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new Refused("must not carry a user name or password");
		}
		return uri;
	}

	/**
	 * Every address {@code host} resolves to, once, if none is refused (one refused address refuses the name: a
	 * client could be handed any of them).
	 * @throws Refused for a name that does not resolve or resolves to a refused address
	 */
	InetAddress[] resolve(String host) throws Refused {
		String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException ex) {
			throw new Refused("host " + name + " does not resolve");
		}
		for (InetAddress address : addresses) {
			var refusal = AddressRules.refusal(address, settings.allowPrivateAddresses());
			if (refusal.isPresent()) {
				throw new Refused("host " + name + " resolves to " + refusal.get() + ", which is not allowed");
			}
		}
		return addresses;
	}

	/**
	 * The check made when an import is created.
	 * @throws DomainException 400 {@code validation_failed} on {@code url}
	 */
	URI check(String url) {
		try {
			URI uri = parse(url);
			resolve(uri.getHost());
			return uri;
		}
		catch (Refused ex) {
			throw DomainException.invalidField("url", ex.getMessage());
		}
	}
}
