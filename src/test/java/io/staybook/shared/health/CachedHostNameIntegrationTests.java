package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A cached listing carries its host's name from a cache of its own (so that it is served without PostgreSQL, see
 * {@link StalledDatabaseIntegrationTests}); that cache never shows a name older than the last change: a rename is on
 * the listing at once. (It passes without that cache too: it guards the cache's eviction, not the stall.)
 */
@IntegrationTest
class CachedHostNameIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void aRenamedHostIsShownOnTheirCachedListingAtOnce() {
		Accounts.TestUser host = accounts.host();
		String path = "/api/v1/properties/" + Listings.id(listings.create(host));
		api.get(path).send();
		assertThat(api.get(path).send().body().path("host").path("first_name").asString()).isEqualTo("Test");

		var renamed = api.patch("/api/v1/users/me", Map.of("first_name", "Renamed")).as(host).send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

		assertThat(api.get(path).send().body().path("host").path("first_name").asString()).isEqualTo("Renamed");
	}
}
