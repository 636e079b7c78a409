package io.staybook.ical;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which network addresses a feed may be fetched from: public unicast only. Following the OWASP Server-Side Request
 * Forgery Prevention Cheat Sheet ("Case 2: application can send requests to ANY external IP address or domain name":
 * allow only http and https, resolve the name and refuse it if any resolved address is not public, connect to the
 * address that was checked so that a second resolution cannot swap it (DNS rebinding), and check every redirect the same
 * way), these are refused:
 * <ul>
 * <li>always: unspecified ({@code 0.0.0.0/8}, {@code ::}), link-local ({@code 169.254.0.0/16}, where cloud metadata
 * services answer, and {@code fe80::/10}), multicast ({@code 224.0.0.0/4}, {@code ff00::/8}), the broadcast and reserved
 * {@code 240.0.0.0/4}, and the other blocks IANA's special-purpose registries (RFC 6890 and its updates) mark as not
 * globally reachable: {@code 192.0.0.0/24} (IETF protocol assignments), {@code 192.88.99.0/24} (the retired 6to4 relay
 * anycast), {@code 198.18.0.0/15} (benchmarking), the documentation blocks {@code 192.0.2.0/24},
 * {@code 198.51.100.0/24}, {@code 203.0.113.0/24}, {@code 2001:db8::/32} and {@code 3fff::/20}, IPv6 benchmarking
 * {@code 2001:2::/48} and discard-only {@code 100::/64};</li>
 * <li>unless private addresses are allowed (tests, closed networks): loopback ({@code 127.0.0.0/8}, {@code ::1}),
 * private (RFC 1918 {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}; RFC 4193 {@code fc00::/7}; the deprecated
 * site-local {@code fec0::/10}), shared address space ({@code 100.64.0.0/10}, RFC 6598 CGNAT).</li>
 * </ul>
 * An IPv6 address that carries an IPv4 one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:a.b.c.d::}) is judged by the IPv4 address it carries.
 */
final class AddressRules {

	private AddressRules() {
	}

	/** Why {@code address} is refused, or empty if a feed may be fetched from it. */
	static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
		InetAddress judged = embeddedIpv4(address).orElse(address);
		if (judged.isAnyLocalAddress() || isZeroNetwork(judged)) {
			return Optional.of("an unspecified address");
		}
		if (judged.isLinkLocalAddress()) {
			return Optional.of("a link-local address");
		}
		if (judged.isMulticastAddress()) {
			return Optional.of("a multicast address");
		}
		if (isReserved(judged)) {
			return Optional.of("a reserved address");
		}
		if (allowPrivate) {
			return Optional.empty();
		}
		if (judged.isLoopbackAddress()) {
			return Optional.of("a loopback address");
		}
		if (judged.isSiteLocalAddress() || isUniqueLocal(judged) || isSharedAddressSpace(judged)) {
			return Optional.of("a private address");
		}
		return Optional.empty();
	}

	/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if it carries one. */
	static Optional<InetAddress> embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return Optional.empty();
		}
		byte[] b = address.getAddress();
		boolean zeros80 = allZero(b, 0, 10);
		if (zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			return Optional.of(v4(b, 12));
		}
		// IPv4-compatible ::a.b.c.d (deprecated); :: and ::1 themselves are judged as IPv6
		boolean unspecifiedOrLoopback = allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1);
		if (zeros80 && b[10] == 0 && b[11] == 0 && !unspecifiedOrLoopback) {
			return Optional.of(v4(b, 12));
		}
		// NAT64 well-known prefix 64:ff9b::/96
		if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
				&& allZero(b, 4, 12)) {
			return Optional.of(v4(b, 12));
		}
		// 6to4 2002:a.b.c.d::/48
		if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
			return Optional.of(v4(b, 2));
		}
		return Optional.empty();
	}

	private static boolean isZeroNetwork(InetAddress address) {
		return address instanceof Inet4Address && address.getAddress()[0] == 0;
	}

	/** IANA's special-purpose blocks that are not globally reachable and not covered by a rule of their own. */
	private static final java.util.List<Block> NOT_GLOBAL = java.util.stream.Stream
		.of("192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
				"2001:db8::/32", "3fff::/20", "2001:2::/48", "100::/64")
		.map(Block::parse)
		.toList();

	private static boolean isReserved(InetAddress address) {
		if (address instanceof Inet4Address && (address.getAddress()[0] & 0xf0) == 0xf0) {
			return true;
		}
		byte[] bytes = address.getAddress();
		return NOT_GLOBAL.stream().anyMatch(block -> block.contains(bytes));
	}

	/** A CIDR block: its network's bytes and the length of its prefix in bits. */
	private record Block(byte[] network, int bits) {

		/** {@code a.b.c.d/n} or {@code x::/n}: an address literal, parsed, never looked up. */
		static Block parse(String cidr) {
			int slash = cidr.indexOf('/');
			try {
				return new Block(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
						Integer.parseInt(cidr.substring(slash + 1)));
			}
			catch (java.net.UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			for (int i = 0; i < bits; i++) {
				int mask = 0x80 >>> (i % 8);
				if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
	}

	private static boolean isUniqueLocal(InetAddress address) {
		return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
	}

	private static boolean isSharedAddressSpace(InetAddress address) {
		byte[] b = address.getAddress();
		return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 0x40;
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static InetAddress v4(byte[] bytes, int offset) {
		try {
			return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, offset, offset + 4));
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
