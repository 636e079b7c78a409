package io.staybook.shared.ratelimit;

import static io.staybook.shared.ratelimit.RateLimitFilterIntegrationTests.assertLimited;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A listing's calendar feed ({@code GET /api/v1/properties/{id}/calendar.ics}) is limited per listing
 * ({@code ical-feed}), not per client address: another platform polling many feeds from one address is never refused,
 * while one feed hammered is. Failed feed requests still count against the address's {@code anonymous} bucket. Small
 * buckets of its own (three of each an hour); the one host is made through {@link Accounts} from 127.0.0.1, every
 * request under test comes from an address of its own ({@code X-Forwarded-For}, believed from the local proxy).
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.anonymous.capacity=3",
		"staybook.rate-limits.limits.anonymous.period=1h", "staybook.rate-limits.limits.ical-feed.capacity=3",
		"staybook.rate-limits.limits.ical-feed.period=1h" })
class IcalFeedRateLimitIntegrationTests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	/** One host for every test: each made through {@link Accounts} takes two of 127.0.0.1's three anonymous calls. */
	private static TestUser host;

	private TestUser host() {
		if (host == null) {
			host = accounts.host();
		}
		return host;
	}

	private static String newAddress() {
		return "198.51.100." + ADDRESSES.incrementAndGet();
	}

	/** The path of a new listing's export URL. */
	private String feed(TestUser host) {
		String id = listings.create(host).path("id").asString();
		Api.Response link = api.get("/api/v1/properties/" + id + "/ical").as(host).send();
		assertThat(link.status()).as(link.toString()).isEqualTo(200);
		String url = link.body().path("export_url").asString();
		return url.substring(url.indexOf("/api/v1/"));
	}

	private Api.Response fetch(String path, String address) {
		return api.get(path).header("X-Forwarded-For", address).send();
	}

	@Test
	void manyFeedsFromOneAddressPassPastTheAnonymousLimitWhichStillGuardsOtherReads() {
		TestUser host = host();
		List<String> feeds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			feeds.add(feed(host));
		}
		String platform = newAddress();
		for (int round = 0; round < 2; round++) {
			for (String feed : feeds) {
				Api.Response ics = fetch(feed, platform);
				assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
				assertThat(ics.header("RateLimit-Policy")).isEqualTo("\"ical-feed\";q=3;w=3600");
				assertThat(ics.header("RateLimit")).startsWith("\"ical-feed\";r=" + (2 - round) + ";t=");
			}
		}

		for (int remaining = 2; remaining >= 0; remaining--) {
			Api.Response read = fetch("/api/v1/properties", platform);
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.header("RateLimit")).as("ten feeds took nothing from the address")
				.startsWith("\"anonymous\";r=" + remaining + ";t=");
		}
		assertLimited(fetch("/api/v1/properties", platform), "anonymous");
	}

	@Test
	void oneFeedHammeredIsRefusedWhateverTheAddressAndOthersAreNot() {
		TestUser host = host();
		String hammered = feed(host);
		String other = feed(host);
		for (int i = 0; i < 3; i++) {
			assertThat(fetch(hammered, newAddress()).status()).isEqualTo(200);
		}

		String address = newAddress();
		assertLimited(fetch(hammered, address), "ical-feed");
		assertThat(fetch(other, address).status()).isEqualTo(200);
	}

	@Test
	void failedFeedRequestsCountAgainstTheAddressSoGuessingStaysBounded() {
		TestUser host = host();
		String feed = feed(host);
		String guesser = newAddress();
		for (int i = 0; i < 3; i++) {
			assertProblem(fetch("/api/v1/properties/" + UUID.randomUUID() + "/calendar.ics?token=guess", guesser), 404);
		}

		assertLimited(fetch(feed, guesser), "anonymous");
		assertThat(fetch(feed, newAddress()).status()).as("the feed's own bucket was not touched").isEqualTo(200);
	}

	/**
	 * Wrong tokens for a listing took from the listing's own bucket: anyone who knew the (public) listing id could send
	 * its capacity of them from a few addresses and the platforms polling with the right token were refused (found by
	 * trying it as a client). They now count against the guessing addresses only.
	 */
	@Test
	void wrongTokensFromManyAddressesDoNotUseUpTheListingsFeed() {
		String feed = feed(host());
		String wrong = feed.substring(0, feed.indexOf("token=") + "token=".length()) + "guess";
		for (int i = 0; i < 5; i++) {
			assertProblem(fetch(wrong, newAddress()), 404);
		}

		Api.Response ics = fetch(feed, newAddress());
		assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
		assertThat(ics.header("RateLimit")).startsWith("\"ical-feed\";r=2;t=");
	}
}
