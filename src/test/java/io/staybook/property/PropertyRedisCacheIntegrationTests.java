package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.TestRedis;
import io.staybook.user.UserSummary;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.RedisCallback;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared cache: a real Redis, the one named by {@code STAYBOOK_TEST_REDIS_URL} or else an embedded server
 * ({@link TestRedis}).
 */
@IntegrationTest
class PropertyRedisCacheIntegrationTests extends PropertyCacheContract {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", TestRedis::url);
	}

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PropertyReader reader;

	/** The key under which the listing is stored, as another node would look it up. */
	static String key(UUID id) {
		return new ListingCache().listingsCache().keyPrefix() + id;
	}

	@Override
	boolean storeHolds(UUID id) {
		// read through Redis itself, but decoded: a tombstone left by a write is not a listing
		if (!Boolean.TRUE.equals(redis.hasKey(key(id)))) {
			return false;
		}
		var entry = cache().get(id);
		return entry != null && entry.get() instanceof CachedListing;
	}

	@Override
	void removeFromStore(UUID id) {
		redis.delete(key(id));
	}

	@Override
	void assertStore(Object nativeCache) {
		assertThat(nativeCache).isInstanceOf(RedisCacheWriter.class);
	}

	@Test
	void cachedListingsExpire() {
		UUID id = uncachedListing();
		api.get(path(id)).send();

		Long ttl = redis.getExpire(key(id));

		assertThat(ttl).isNotNull().isPositive().isLessThanOrEqualTo(600);
	}

	@Test
	void theKeyPrefixCarriesTheVersionOfTheCachedShape() {
		UUID id = uncachedListing();
		api.get(path(id)).send();

		assertThat(redis.keys("staybook:*" + id)).containsExactly(key(id));
		assertThat(key(id)).matches("staybook:v[0-9a-f]{8}:properties::" + id);
	}

	@Test
	void aCachedListingIsJsonInRedis() {
		UUID id = uncachedListing();
		api.get(path(id)).send();

		String raw = redis.opsForValue().get(key(id));

		assertThat(raw).startsWith("{\"kind\":\"listing\",");
		JsonNode json = JsonMapper.builder().build().readTree(raw);
		JsonNode listing = json.path("property");
		assertThat(listing.path("id").asString()).isEqualTo(id.toString());
		assertThat(listing.path("title").asString()).isEqualTo("Sunny loft by the canal");
		assertThat(listing.path("propertyType").asString()).isEqualTo("apartment");
		assertThat(listing.path("createdAt").asString()).endsWith("Z");
		// the host's name is in the same entry: a cached listing is one lookup
		assertThat(json.path("host").path("id").asString()).isEqualTo(host.id().toString());
		assertThat(json.path("host").path("firstName").asString()).isEqualTo("Test");
	}

	@Test
	void aTombstoneIsJsonInRedis() {
		UUID id = uncachedListing();

		assertThat(api.patch(path(id), Map.of("title", "Renovated loft")).as(host).send().status()).isEqualTo(200);

		assertThat(redis.opsForValue().get(key(id))).isEqualTo("{\"kind\":\"tombstone\"}");
	}

	/** Every field of a listing comes back from the JSON in Redis exactly: decimals with their scale, instants to the nanosecond. */
	@Test
	void everyFieldRoundTripsThroughRedis() {
		UUID id = uncachedListing();
		api.get(path(id)).send();
		CachedListing stored = reader.load(id);
		PropertyView awkward = new PropertyView(UUID.randomUUID(), UUID.randomUUID(), "Flat \"Zoë\" ✓ 東京",
				null, PropertyType.GUEST_HOUSE, "1 Rue \\ Paris", "Paris", "FR", -33.868820011, 151.209295999999,
				"Pacific/Chatham", new BigDecimal("100.50"), new BigDecimal("7"), "JPY", 16, 0, 1, 3,
				List.of("wifi", "pool", ""), 1, 365, CancellationPolicy.STRICT, new BigDecimal("4.666666667"), 12,
				Instant.parse("2026-01-02T03:04:05.123456789Z"), Instant.parse("1970-01-01T00:00:00Z"), false,
				new BigDecimal("150.5"), 10, 20, 2, new BigDecimal("3"), null,
				new Ratings(new BigDecimal("4.50"), null, null, null, null, new BigDecimal("3.00")));
		CachedListing entry = new CachedListing(awkward, new UserSummary(awkward.hostId(), "Zoë \"Z\" 東"), "7-0a1b");
		cache().put(awkward.id(), entry);

		assertThat(redis.opsForValue().get(key(awkward.id()))).contains("\"pricePerNight\":100.50");
		assertThat(cache().get(awkward.id()).get()).isEqualTo(entry);
		assertThat(cache().get(id).get()).isEqualTo(stored);
		assertThat(stored.property().pricePerNight().scale()).isEqualTo(2);
	}

	/** A copy's time limit (its listing's next review published by its window closing) comes back to the nanosecond. */
	@Test
	void aCopysTimeLimitRoundTripsThroughRedis() {
		UUID id = uncachedListing();
		api.get(path(id)).send();
		CachedListing stored = reader.load(id);
		CachedListing limited = new CachedListing(stored.property(), stored.host(), stored.validator(),
				Instant.parse("2026-12-24T10:00:00.123456789Z"));
		UUID other = UUID.randomUUID();
		cache().put(other, limited);

		assertThat(cache().get(other).get()).isEqualTo(limited);
		assertThat(limited.isCurrent(Instant.parse("2026-12-24T10:00:00.123456788Z"))).isTrue();
		assertThat(limited.isCurrent(Instant.parse("2026-12-24T10:00:00.123456789Z"))).isFalse();
	}

	/**
	 * An entry that cannot be read (Java-serialized by an older deploy, or JSON of an older shape under the same key)
	 * is a miss: the listing is read from PostgreSQL, the entry replaced, and nothing is logged as a warning.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "java-serialized", "older-shape", "not-json" })
	@ExtendWith(OutputCaptureExtension.class)
	void anUnreadableEntryIsAQuietMiss(String format, CapturedOutput output) {
		UUID id = uncachedListing();
		byte[] unreadable = switch (format) {
			case "java-serialized" -> HexFormat.of().parseHex("aced000573720019696f2e73746179626f6f6b");
			case "older-shape" -> ("{\"kind\":\"listing\",\"id\":\"" + id + "\",\"title\":\"Old\"}")
				.getBytes(StandardCharsets.UTF_8);
			default -> "\u0000garbage".getBytes(StandardCharsets.UTF_8);
		};
		redis.execute((RedisCallback<Object>) connection -> connection.stringCommands()
			.set(key(id).getBytes(StandardCharsets.UTF_8), unreadable));

		for (int read = 0; read < 3; read++) {
			Api.Response response = api.get(path(id)).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("title").asString()).isEqualTo("Sunny loft by the canal");
		}

		assertThat(storeHolds(id)).as("the unreadable entry was replaced by the listing").isTrue();
		assertThat(output.getAll().lines().filter(line -> line.contains("WARN") || line.contains("ERROR")))
			.as("nothing logged above DEBUG about the cache")
			.noneMatch(line -> line.contains("properties") || line.contains("cache") || line.contains(id.toString()));
	}
}
