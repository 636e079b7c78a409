package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis is configured but nothing listens: the cache fails on every call, and every request must still be answered
 * from PostgreSQL, correctly and without a 5xx, with the failure logged.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.data.redis.url=redis://127.0.0.1:1")
@ExtendWith(OutputCaptureExtension.class)
class PropertyRedisDownIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	CacheManager cacheManager;

	@Test
	void theCacheIsTheDeadRedis() {
		assertThat(cacheManager.getCache(PropertyReader.CACHE).getNativeCache()).isInstanceOf(RedisCacheWriter.class);
	}

	@Test
	void listingsAreReadAndWrittenWithoutTheCache(CapturedOutput output) {
		TestUser host = accounts.host();
		long started = System.nanoTime();

		Api.Response created = listings.post(host, Map.of());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String path = "/api/v1/properties/" + Listings.id(created.body());

		Api.Response read = api.get(path).send();
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.body().path("title").asString()).isEqualTo("Sunny loft by the canal");

		Api.Response patch = api.patch(path, Map.of("title", "Renovated loft")).as(host).send();
		assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
		assertThat(patch.body().path("title").asString()).isEqualTo("Renovated loft");

		Api.Response reread = api.get(path).send();
		assertThat(reread.status()).as(reread.toString()).isEqualTo(200);
		assertThat(reread.body().path("title").asString()).isEqualTo("Renovated loft");

		JsonNode search = api.get("/api/v1/properties?city=" + created.body().path("city").asString()).send().body();
		assertThat(search.path("results").size()).isOne();

		LocalDate start = LocalDate.now().plusDays(30);
		assertThat(api.post(path + "/blocks", Map.of("start", start.toString(), "end", start.plusDays(2).toString()))
			.as(host)
			.send()
			.status()).isEqualTo(201);
		assertThat(api.get(path + "/availability").send().status()).isEqualTo(200);

		Api.Response delete = api.delete(path).as(host).send();
		assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
		assertThat(api.get(path).send().status()).isEqualTo(404);

		// a dead cache costs little: each call fails fast instead of holding the request
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		// and every failure is logged, not swallowed: the reads, and the tombstones the writes leave
		String id = Listings.id(created.body());
		assertThat(output.getAll()).contains("Cache 'properties' failed to get entry with key '" + id + "'");
		assertThat(output.getAll()).contains("Cache 'properties' failed to put entry with key '" + id + "'");
	}
}
