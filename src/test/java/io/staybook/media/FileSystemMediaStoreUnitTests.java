package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
