package io.staybook.property;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code If-Match} and {@code If-None-Match} on the resources that send a strong ETag (RFC 9110 §13.1, §13.2.2): a
 * listing's PATCH and DELETE with a stale, weak or wrong tag, or {@code If-None-Match: *}, are a 412 that changes
 * nothing (they were performed, so a client's guard against a lost update did nothing); a read answers
 * {@code If-None-Match: *} with 304 and a failing {@code If-Match} with 412, as it answered neither before.
 */
@IntegrationTest
class ListingPreconditionsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	TestUser host;

	String path;

	@BeforeEach
	void listing() {
		host = accounts.host();
		path = "/api/v1/properties/" + Listings.id(listings.create(host, Map.of("title", "As first listed")));
	}

	@Test
	void aWriteWhosePreconditionFailsIs412AndChangesNothing() {
		String etag = api.get(path).send().header("ETag");
		for (Map.Entry<String, String> condition : List.of(Map.entry("If-Match", "\"stale\""),
				Map.entry("If-Match", "W/" + etag), Map.entry("If-None-Match", "*"), Map.entry("If-None-Match", etag),
				Map.entry("If-None-Match", "W/" + etag), Map.entry("If-Match", "not a tag"))) {
			Api.Response refused = patch("Changed").header(condition.getKey(), condition.getValue()).send();
			assertThat(assertProblem(refused, 412).path("code").asString()).as(condition.toString())
				.isEqualTo("precondition_failed");

			Api.Response delete = api.delete(path).as(host).header(condition.getKey(), condition.getValue()).send();
			assertProblem(delete, 412);
		}
		Api.Response unchanged = api.get(path).send();
		assertThat(unchanged.body().path("title").asString()).isEqualTo("As first listed");
		assertThat(unchanged.header("ETag")).isEqualTo(etag);

		Api.Response changed = patch("Changed").header("If-Match", "\"other\", " + etag).send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		// the copy read before is stale now: the lost update it guards against is refused
		assertProblem(patch("Changed again").header("If-Match", etag).send(), 412);
		assertThat(patch("Changed again").header("If-Match", "*").send().status()).isEqualTo(200);
		assertThat(patch("Changed again").header("If-None-Match", "\"other\"").send().status()).isEqualTo(200);

		String current = api.get(path).send().header("ETag");
		assertThat(current).isNotEqualTo(etag);
		assertThat(api.delete(path).as(host).header("If-Match", current).send().status()).isEqualTo(204);
		// failures come before preconditions (RFC 9110 §13.2.1): a removed listing is a 404, If-Match or not
		assertProblem(patch("Gone").header("If-Match", "*").send(), 404);
	}

	/** Two writes with the ETag both read: the row lock orders them, and the second sees the first's change. */
	@Test
	void ofTwoConcurrentWritesWithTheSameIfMatchOneIsRefused() throws Exception {
		String etag = api.get(path).send().header("ETag");

		List<Api.Response> responses = Concurrently.send(2,
				i -> patch("Writer " + i).header("If-Match", etag).send());

		assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 412);
	}

	@Test
	void aReadTakesIfNoneMatchStarAndIfMatch() {
		String etag = api.get(path).send().header("ETag");

		for (String tags : List.of("*", "W/" + etag, "\"other\", " + etag)) {
			Api.Response notModified = api.get(path).header("If-None-Match", tags).send();
			assertThat(notModified.status()).as(tags).isEqualTo(304);
			assertThat(notModified.header("ETag")).isEqualTo(etag);
		}
		for (String tags : List.of("\"other\"", "W/" + etag)) {
			assertThat(assertProblem(api.get(path).header("If-Match", tags).send(), 412).path("code").asString())
				.isEqualTo("precondition_failed");
		}
		assertThat(api.get(path).header("If-Match", etag).send().status()).isEqualTo(200);
		assertThat(api.get(path).header("If-Match", "*").send().status()).isEqualTo(200);
		// If-None-Match decides over If-Modified-Since (RFC 9110 §13.2.2): a stale tag gets the body
		Api.Response full = api.get(path)
			.header("If-None-Match", "\"other\"")
			.header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
			.send();
		assertThat(full.status()).isEqualTo(200);
	}

	@Test
	void aStoredImageTakesTheSamePreconditions() {
		String listing = path.substring(path.lastIndexOf('/') + 1);
		String media = Uploads.upload(api, host, listing, TestImages.uniqueJpeg(800, 600), "image/jpeg", null)
			.body()
			.path("urls")
			.path("thumbnail")
			.asString();
		String etag = api.get(media).send().header("ETag");

		assertThat(api.get(media).header("If-None-Match", "*").send().status()).isEqualTo(304);
		assertProblem(api.get(media).header("If-Match", "\"other\"").send(), 412);
		assertThat(api.get(media).header("If-Match", etag).send().status()).isEqualTo(200);
	}

	private Api.Call patch(String title) {
		return api.patch(path, Map.of("title", title)).as(host);
	}
}
