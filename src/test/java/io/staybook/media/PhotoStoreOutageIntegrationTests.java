package io.staybook.media;

import static io.staybook.property.Uploads.upload;
import static io.staybook.test.ProblemAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.property.TestImages;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.S3Mock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Photos kept in S3 (a real S3-compatible server, {@link S3Mock}) while that server stalls (SIGSTOP: it holds its
 * connections and answers nothing) and then is gone (connections refused). An upload and a read of a stored image are
 * a quick 503 {@code service_unavailable} problem with {@code Retry-After}: not a hang until the SDK's 30 s socket
 * timeout times its retries, and not a 500 that reads as our bug; an upload that failed leaves no photo behind;
 * the media sweep gives up its batch at the first failure, not after a timeout per object with the batch's rows locked;
 * admins' health names the store as DEGRADED without taking the node out; and once the server answers again, so does
 * the service, by itself.
 */
@IntegrationTest
@DirtiesContext
class PhotoStoreOutageIntegrationTests {

	/** Above the store's bounds (a few seconds), far below a client's or a load balancer's timeout. */
	private static final Duration QUICK = Duration.ofSeconds(10);

	private static S3Mock s3;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MediaSweep sweep;

	@DynamicPropertySource
	static void photosInS3(DynamicPropertyRegistry registry) throws Exception {
		Path root = Files.createTempDirectory("staybook-s3mock-");
		s3 = S3Mock.start(root, "media");
		registry.add("staybook.media.store", () -> "s3");
		registry.add("staybook.media.s3.bucket", () -> "media");
		registry.add("staybook.media.s3.endpoint", () -> s3.endpoint().toString());
		registry.add("staybook.media.s3.path-style-access", () -> "true");
		registry.add("staybook.media.s3.access-key-id", () -> "test-key");
		registry.add("staybook.media.s3.secret-access-key", () -> "test-secret");
	}

	@AfterAll
	static void stopServer() {
		if (s3 != null) {
			s3.close();
		}
	}

	@Test
	void aStalledOrStoppedStoreIsAQuick503AndTheServiceRecoversByItself() throws Exception {
		api.contract();
		TestUser host = accounts.host();
		String id = Listings.id(listings.create(host));
		Api.Response stored = upload(api, host, id, TestImages.uniqueJpeg(400, 300), "image/jpeg", null);
		assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
		String image = stored.body().path("urls").path("thumbnail").asString();
		assertThat(api.get(image).send().status()).isEqualTo(200);
		assertThat(storeHealth()).isEqualTo("UP");
		// a deleted photo leaves four unused objects for the sweep
		Api.Response unused = upload(api, host, id, TestImages.uniqueJpeg(400, 300), "image/jpeg", null);
		assertThat(api.delete("/api/v1/properties/" + id + "/photos/" + unused.body().path("id").asString())
			.as(host)
			.send()
			.status()).isEqualTo(204);

		s3.pause();
		try {
			assertUnavailable(quick(() -> upload(api, host, id, TestImages.uniqueJpeg(400, 300), "image/jpeg", null)));
			assertUnavailable(quick(() -> api.get(image).send()));
			assertThat(storeHealth()).isEqualTo("DEGRADED");
			// the sweep gives up its batch at the first failed delete, instead of holding the batch's rows locked for
			// a timeout per object; the next run tries them again
			long start = System.nanoTime();
			assertThat(sweep.sweep(Duration.ZERO)).isZero();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one timeout, not one per object")
				.isLessThan(QUICK);
		}
		finally {
			s3.resume();
		}

		assertThat(api.get(image).send().status()).as("read again once the store answers").isEqualTo(200);
		Api.Response again = upload(api, host, id, TestImages.uniqueJpeg(400, 300), "image/jpeg", null);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.body().path("position").asInt()).as("the failed upload left no photo").isEqualTo(1);

		s3.close();
		assertUnavailable(quick(() -> upload(api, host, id, TestImages.uniqueJpeg(400, 300), "image/jpeg", null)));
		assertUnavailable(quick(() -> api.get(image).send()));
		assertThat(storeHealth()).isEqualTo("DEGRADED");
		assertThat(api.get("/actuator/health/readiness").send().status()).as("photos down, the rest works")
			.isEqualTo(200);
	}

	private String storeHealth() {
		Api.Response health = quick(() -> api.get("/actuator/health").as(accounts.admin()).send());
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		return health.body().path("components").path("media").path("status").asString();
	}

	private static Api.Response quick(Supplier<Api.Response> call) {
		long start = System.nanoTime();
		Api.Response response;
		try {
			response = CompletableFuture.supplyAsync(call).get(QUICK.toMillis() * 6, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("no answer within " + QUICK.multipliedBy(6), ex);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered quickly: " + response).isLessThan(QUICK);
		return response;
	}
}
