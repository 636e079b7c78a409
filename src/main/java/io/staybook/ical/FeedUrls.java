package io.staybook.ical;

import io.staybook.shared.validation.Characters;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a feed URL and the addresses its host name resolves to ({@link AddressRules}); used when an import is created
 * (400) and by the fetcher on every connection and redirect.
 */
@Component
class FeedUrls {

	static final int MAX_LENGTH = 2048;

	/** An IPv4 address as RFC 3986 (3.2.2) writes one: four decimal octets, none with a leading zero. */
	private static final Pattern DOTTED_DECIMAL = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

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
		if (url == null || url.isBlank() || Characters.count(url) > MAX_LENGTH) {
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
		if (isNumeric(uri.getHost()) && !DOTTED_DECIMAL.matcher(uri.getHost()).matches()) {
			throw new Refused("must write an IPv4 address as four decimal numbers without leading zeros");
		}
		return uri;
	}

	/**
	 * Whether {@code host} is written with digits and dots only. Such a host other than plain dotted decimal is refused
	 * because parsers disagree on what it names (OWASP SSRF Prevention Cheat Sheet, "IP address formats"): Java reads
	 * {@code 0177.0.0.1} as 177.0.0.1, a public address we would fetch from, while inet_aton, curl and browsers read it
	 * as the octal 127.0.0.1, so the URL we store and show the host would name the loopback address to every other
	 * tool; likewise {@code 2130706433} or {@code 010.0.0.1}.
	 */
	private static boolean isNumeric(String host) {
		return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
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
	 * The check made when an import is created, run before the request's transaction: resolving a host name can take
	 * as long as the system's resolver allows (seconds per server when one stalls), and the import's transaction holds
	 * the listing's row lock and a pooled connection. The result carries the refusal instead of throwing it, so that an
	 * idempotent repeat still replays what the first request got ({@link ImportUrl#uri}).
	 */
	ImportUrl vet(String url) {
		try {
			URI uri = parse(url);
			resolve(uri.getHost());
			return new ImportUrl(uri, null);
		}
		catch (Refused ex) {
			return new ImportUrl(null, ex.getMessage());
		}
	}
}
