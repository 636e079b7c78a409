package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.S3Mock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 media store against a real S3-compatible server: Adobe S3Mock's runnable jar, started as a child process
 * ({@link S3Mock}).
 */
class S3MediaStoreIntegrationTests {

	private static S3Mock server;

	private static S3MediaStore store;

	@TempDir
	static Path root;

	@BeforeAll
	static void startServer() {
		server = S3Mock.start(root, "media");
		store = S3MediaStore.of(new MediaSettings.S3("media", "us-east-1", server.endpoint(), true, "photos/", "test-key",
				"test-secret", null));
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void storesReadsAndDeletesContentAddressedObjects() {
		byte[] bytes = "not really a JPEG, but the store does not care".getBytes(StandardCharsets.UTF_8);
		String key = MediaKeys.of(bytes, "jpg");
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // never stored: no error (the media sweep may delete what a failed upload never put)

		store.put(key, bytes);
		store.put(key, bytes); // the same content again: harmless
		assertThat(store.get(key)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
		HeadObjectResponse head = store.head(key);
		assertThat(head.contentType()).isEqualTo("image/jpeg");
		assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");

		store.delete(key);
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // already gone: no error
	}
}
