package io.staybook.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OWASP SSRF rules of {@link AddressRules}: which resolved addresses a feed may be fetched from. */
class AddressRulesUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
			"192.0.1.1", "192.0.3.1", "198.17.255.255", "198.20.0.1", "203.0.114.1", "2001:db9::1", "2001:3::1",
			"2606:4700:4700::1111", "2a00:1450:4001:82b::200e" })
	void publicAddressesAreAllowed(String address) throws Exception {
		assertThat(AddressRules.refusal(InetAddress.getByName(address), false)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, loopback", "127.255.0.9, loopback", "::1, loopback", "10.0.0.1, private",
			"10.255.255.255, private", "172.16.0.1, private", "172.31.255.254, private", "192.168.1.1, private",
			"fc00::1, private", "fd12:3456::1, private", "fec0::1, private", "100.64.0.1, private",
			"100.127.255.254, private", "169.254.169.254, link-local", "fe80::1, link-local", "224.0.0.1, multicast",
			"239.255.255.250, multicast", "ff02::1, multicast", "0.0.0.0, unspecified", "0.1.2.3, unspecified",
			":: , unspecified", "255.255.255.255, reserved", "240.0.0.1, reserved",
			// IANA special-purpose blocks that are not globally reachable
			"192.0.0.8, reserved", "192.0.2.1, reserved", "192.88.99.1, reserved", "198.18.0.1, reserved",
			"198.19.255.254, reserved", "198.51.100.7, reserved", "203.0.113.9, reserved", "2001:db8::1, reserved",
			"3fff:fff::1, reserved", "2001:2::1, reserved", "100::1, reserved", "::ffff:198.18.0.1, reserved",
			// IPv6 forms that carry a refused IPv4 address
			"::ffff:10.0.0.1, private", "::ffff:127.0.0.1, loopback", "::ffff:169.254.169.254, link-local",
			"::10.0.0.1, private", "64:ff9b::a00:1, private", "2002:a00:1::1, private",
			"64:ff9b::7f00:1, loopback",
			// IPv4-compatible with only the last byte set: judged as 0.0.0.5, not as the IPv6 address ::5
			"::0.0.0.5, unspecified" })
	void nonPublicAddressesAreRefused(String address, String kind) throws Exception {
		assertThat(AddressRules.refusal(InetAddress.getByName(address.strip()), false)).hasValueSatisfying(
				reason -> assertThat(reason).contains(kind));
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1", "10.0.0.1", "192.168.0.10", "fd00::1", "100.64.0.1" })
	void theTestFlagAllowsLoopbackAndPrivateAddresses(String address) throws Exception {
		assertThat(AddressRules.refusal(InetAddress.getByName(address), true)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "169.254.169.254", "fe80::1", "224.0.0.1", "0.0.0.0", "::", "::ffff:169.254.169.254" })
	void metadataMulticastAndUnspecifiedStayRefusedWithTheFlag(String address) throws Exception {
		assertThat(AddressRules.refusal(InetAddress.getByName(address), true)).isPresent();
	}
}
