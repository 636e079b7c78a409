package io.staybook.media;

import io.staybook.shared.DomainException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where media objects live: a port with a filesystem adapter (the default, {@code staybook.media.dir}) and an S3
 * adapter ({@code staybook.media.store=s3}). Objects are immutable and named by their content ({@link MediaKeys}), so a
 * put of a key that exists changes nothing, and readers may cache an object for ever.
 */
public interface MediaStore {

	/** How long a client should wait after the store failed: the DB's {@code Retry-After} (io.staybook.shared.Failures). */
	Duration RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * Stores {@code bytes} under {@code key} ({@link MediaKeys#isValid}); storing the same key again is harmless.
	 * @throws DomainException 503 {@code service_unavailable} if the store cannot be written
	 */
	void put(String key, byte[] bytes);

	/**
	 * The object's bytes, or empty if there is none under {@code key}.
	 * @throws DomainException 503 {@code service_unavailable} if the store cannot be read
	 */
	Optional<byte[]> get(String key);

	/**
	 * Removes the object; a key with no object is no error.
	 * @throws DomainException 503 {@code service_unavailable} if the store cannot be reached
	 */
	void delete(String key);

	/**
	 * Asks the store whether it answers, for the {@code media} health component ({@link MediaConfig}).
	 * @throws RuntimeException when it does not
	 */
	void check();

	/**
	 * The store failed while doing {@code what} ({@code store}, {@code read}, {@code delete}): logged once here, with
	 * the cause, and answered as a failing dependency is, a 503 {@code service_unavailable} with {@code Retry-After}
	 * that names no host, bucket or exception (without this, the cause reached the client as a 500 internal_error).
	 */
	static DomainException unavailable(String what, Exception cause) {
		LoggerFactory.getLogger(MediaStore.class).warn("The media store failed to {} an object: {}", what,
				cause.toString());
		return DomainException.unavailable("service_unavailable",
				"The photo store cannot be reached right now; retry shortly.", RETRY_AFTER);
	}

}
