package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.IntegrationTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code X-Forwarded-*} headers are believed only from the proxies in {@code staybook.proxies.trusted} (issue 11, item
 * 9), by default a proxy on the same machine, 127.0.0.1. Each request comes once from 127.0.0.1 (a trusted proxy) and
 * once from 127.0.0.2, another loopback address that is no proxy of ours. Seen in the two places that use them: the
 * absolute links a response builds from its host ({@code /actuator}'s), and the client address the registration
 * throttle counts by. The context is the one {@code RegistrationThrottleIntegrationTests} starts (3 registrations per
 * address).
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.registration.capacity=3",
		"staybook.rate-limits.limits.registration.period=1h" })
class ForwardedHeadersIntegrationTests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void aClientThatIsNoTrustedProxyCannotRewriteTheHostOfLinks() throws Exception {
		String token = accounts.admin().accessToken();

		assertThat(linksSeenFrom("127.0.0.2", token).body()).doesNotContain("evil.example").contains("localhost");
		assertThat(linksSeenFrom("127.0.0.1", token).body()).contains("https://evil.example/actuator");
	}

	@Test
	void aClientThatIsNoTrustedProxyCannotSpoofItsAddress() throws Exception {
		// each registration claims a new address: from a stranger, all of them count against the stranger's own
		for (int i = 0; i < 3; i++) {
			assertThat(registerFrom("127.0.0.2", spoofed()).statusCode()).isEqualTo(201);
		}
		assertThat(registerFrom("127.0.0.2", spoofed()).statusCode()).isEqualTo(429);
		// from the trusted proxy, X-Forwarded-For is the client's address
		for (int i = 0; i < 4; i++) {
			assertThat(registerFrom("127.0.0.1", spoofed()).statusCode()).isEqualTo(201);
		}
	}

	private static String spoofed() {
		return "203.0.113." + ADDRESSES.incrementAndGet();
	}

	private HttpResponse<String> linksSeenFrom(String address, String token) throws Exception {
		HttpResponse<String> response = client(address).send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator"))
					.header("Authorization", "Bearer " + token)
					.header("X-Forwarded-Host", "evil.example")
					.header("X-Forwarded-Proto", "https")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> registerFrom(String address, String forwardedFor) throws Exception {
		String body = "{\"first_name\":\"Sam\",\"last_name\":\"Spoof\",\"email\":\"" + Accounts.uniqueEmail("forwarded")
				+ "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
		return client(address).send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpClient client(String localAddress) throws Exception {
		return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
	}
}
