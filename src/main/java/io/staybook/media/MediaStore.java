package io.staybook.media;

import java.util.Optional;

/**
 * Where media objects live: a port with a filesystem adapter (the default, {@code staybook.media.dir}) and an S3
 * adapter ({@code staybook.media.store=s3}). Objects are immutable and named by their content ({@link MediaKeys}), so a
 * put of a key that exists changes nothing, and readers may cache an object for ever.
 */
public interface MediaStore {

	/**
	 * Stores {@code bytes} under {@code key} ({@link MediaKeys#isValid}); storing the same key again is harmless.
	 * @throws java.io.UncheckedIOException if the store cannot be written
	 */
	void put(String key, byte[] bytes);

	/** The object's bytes, or empty if there is none under {@code key}. */
	Optional<byte[]> get(String key);

	/** Removes the object; a key with no object is no error. */
	void delete(String key);

}
