package io.staybook.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code staybook.media.*}: where photos are stored.
 *
 * @param store {@code filesystem} (default) or {@code s3}
 * @param dir the filesystem store's directory, beside the embedded database's ({@code ./.staybook/postgres}) by default
 * @param s3 the S3 store's bucket and connection; credentials come from the AWS SDK's default chain (environment,
 *        profile, instance role) unless both keys are set, which should come from the environment
 *        ({@code STAYBOOK_MEDIA_S3_ACCESS_KEY_ID}, {@code STAYBOOK_MEDIA_S3_SECRET_ACCESS_KEY})
 */
@ConfigurationProperties("staybook.media")
public record MediaSettings(@DefaultValue("filesystem") Store store, @DefaultValue(".staybook/media") Path dir,
		@DefaultValue S3 s3) {

	/** The kinds of store. */
	public enum Store {
		FILESYSTEM, S3
	}

	/**
	 * @param bucket the bucket, which must exist
	 * @param region the region (any value for most S3-compatible servers)
	 * @param endpoint an S3-compatible server's URL (MinIO, Ceph, R2...); null for AWS itself
	 * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}, as most
	 *        S3-compatible servers want
	 * @param prefix prepended to every key (say {@code photos/}), empty by default
	 * @param timeout the most one call to the store may take, its retries included (default 5 s): a store that does
	 *        not answer within it is a 503 {@code service_unavailable}, not a request held for the AWS SDK's defaults
	 *        (a 30 s socket timeout, then a retry or two); also the longest silence on a connection, and at most 2 s
	 *        to connect
	 */
	public record S3(String bucket, @DefaultValue("us-east-1") String region, URI endpoint,
			@DefaultValue("false") boolean pathStyleAccess, @DefaultValue("") String prefix, String accessKeyId,
			String secretAccessKey, @DefaultValue("5s") Duration timeout) {

		/** The timeout defaulted (5 s) and checked. */
		public S3 {
			if (timeout == null) {
				timeout = Duration.ofSeconds(5);
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("staybook.media.s3.timeout must be positive, got " + timeout);
			}
		}

		@Override
		public String toString() {
			// never the secret in a log line
			return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", prefix=" + prefix + ", timeout="
					+ timeout + "]";
		}
	}
}
