package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem store in a temporary directory: content-addressed puts, reads, and deletes that may repeat. */
class FileSystemMediaStoreUnitTests {

	@TempDir
	Path root;

	@Test
	void storesReadsAndDeletesAndADeleteOfAMissingObjectIsHarmless() {
		FileSystemMediaStore store = new FileSystemMediaStore(root);
		byte[] bytes = "some image bytes".getBytes(StandardCharsets.UTF_8);
		String key = MediaKeys.of(bytes, "jpg");
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // never stored: no error

		store.put(key, bytes);
		store.put(key, bytes); // the same content again: harmless
		Path file = root.resolve(key.substring(0, 2)).resolve(key);
		assertThat(file).exists();
		assertThat(store.get(key)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));

		store.delete(key);
		assertThat(file).doesNotExist();
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // already gone: no error
		store.put(key, bytes); // and stored again after a delete
		assertThat(store.get(key)).isPresent();
	}

	@Test
	void refusesWhatIsNotAKey() throws Exception {
		FileSystemMediaStore store = new FileSystemMediaStore(root.resolve("media"));
		Files.writeString(root.resolve("secret.txt"), "not media");
		assertThatThrownBy(() -> store.delete("../secret.txt")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store.get("../secret.txt")).isInstanceOf(IllegalArgumentException.class);
		assertThat(root.resolve("secret.txt")).exists();
	}

	/**
	 * A directory that cannot be used (here: a file stands where it should be, as a lost mount or a broken disk would
	 * fail) is an outage of the store, a 503 {@code service_unavailable} like a failing S3, not a 500; health says so.
	 */
	@Test
	void aDirectoryThatCannotBeUsedIsUnavailableNotAnInternalError() throws Exception {
		Path blocked = root.resolve("media");
		Files.writeString(blocked, "a file where the directory should be");
		FileSystemMediaStore store = new FileSystemMediaStore(blocked);
		byte[] bytes = "some image bytes".getBytes(StandardCharsets.UTF_8);
		String key = MediaKeys.of(bytes, "jpg");

		for (Runnable call : java.util.List.<Runnable>of(() -> store.put(key, bytes), () -> store.get(key),
				() -> store.delete(key))) {
			assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(DomainException.Kind.SERVICE_UNAVAILABLE);
				assertThat(ex.code()).isEqualTo("service_unavailable");
				assertThat(ex.retryAfter()).isPositive();
			});
		}
		assertThatThrownBy(store::check).isInstanceOf(IllegalStateException.class);
		new FileSystemMediaStore(root.resolve("fine")).check();
	}
}
