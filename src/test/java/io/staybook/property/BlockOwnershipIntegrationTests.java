package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The contract gives the calendar to the listing's host alone: admins may change a listing, not close its dates. */
@IntegrationTest
class BlockOwnershipIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void onlyTheHostBlocksAndUnblocks() {
		TestUser host = accounts.host();
		TestUser admin = accounts.admin();
		String id = listings.create(host).path("id").asString();
		LocalDate start = LocalDate.now().plusDays(40);
		Map<String, Object> dates = Map.of("start", start.toString(), "end", start.plusDays(3).toString());

		Api.Response byAdmin = api.post("/api/v1/properties/" + id + "/blocks", dates).as(admin).send();
		assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(403);

		Api.Response byHost = api.post("/api/v1/properties/" + id + "/blocks", dates).as(host).send();
		assertThat(byHost.status()).as(byHost.toString()).isEqualTo(201);
		String block = "/api/v1/properties/" + id + "/blocks/" + byHost.body().path("id").asString();

		assertThat(api.delete(block).as(admin).send().status()).isEqualTo(403);
		assertThat(api.delete(block).as(host).send().status()).isEqualTo(204);
	}
}
