package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SmokeIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void aGuestCanRegisterAndReadItself() {
		var guest = accounts.guest();
		var me = api.get("/api/v1/users/me").as(guest).send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body().path("email").asString()).isEqualTo(guest.email());
	}
}
