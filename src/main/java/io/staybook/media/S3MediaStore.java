package io.staybook.media;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server), through the AWS SDK for Java v2. The service still serves
 * them at {@code /media/<key>} (README, "Listing photos": one URL whatever the store, so swapping stores changes no
 * stored URL; a CDN in front caches them for a year). Every call is bounded by {@link MediaSettings.S3#timeout()}, and
 * a store that fails or does not answer is a 503 {@code service_unavailable} ({@link MediaStore#unavailable}).
 */
final class S3MediaStore implements MediaStore {

	/** The longest wait for a connection, whatever the timeout: a store that takes longer to accept is not there. */
	private static final Duration MAX_CONNECT = Duration.ofSeconds(2);

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	S3MediaStore(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix == null ? "" : prefix;
	}

	/** A client for {@code settings}: static keys when both are set, else the SDK's default credentials chain. */
	static S3MediaStore of(MediaSettings.S3 settings) {
		if (settings.bucket() == null || settings.bucket().isBlank()) {
			throw new IllegalStateException("staybook.media.store=s3 needs staybook.media.s3.bucket");
		}
		Duration timeout = settings.timeout();
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.builder()
				.connectionTimeout(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT)
				.socketTimeout(timeout)
				.build())
			// the whole call, retries included: a stalled store is a quick 503, not the SDK's 30 s socket timeout
			// times its attempts
			.overrideConfiguration(configuration -> configuration.apiCallTimeout(timeout))
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyleAccess());
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
		}
		else {
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
		return new S3MediaStore(builder.build(), settings.bucket(), settings.prefix());
	}

	@Override
	public void put(String key, byte[] bytes) {
		try {
			s3.putObject(request -> request.bucket(bucket)
				.key(objectKey(key))
				.contentType(MediaKeys.contentType(key))
				.cacheControl("public, max-age=31536000, immutable"), RequestBody.fromBytes(bytes));
		}
		catch (SdkException ex) {
			throw MediaStore.unavailable("store", ex);
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		try {
			return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(objectKey(key))).asByteArray());
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw MediaStore.unavailable("read", ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			s3.deleteObject(request -> request.bucket(bucket).key(objectKey(key)));
		}
		catch (SdkException ex) {
			throw MediaStore.unavailable("delete", ex);
		}
	}

	/** Asks for the bucket (S3's HeadBucket), for the health component; throws when the store does not answer. */
	@Override
	public void check() {
		s3.headBucket(request -> request.bucket(bucket));
	}

	/** The object's metadata as stored (its media type and caching), for tests and operators. */
	software.amazon.awssdk.services.s3.model.HeadObjectResponse head(String key) {
		return s3.headObject(request -> request.bucket(bucket).key(objectKey(key)));
	}

	private String objectKey(String key) {
		if (!MediaKeys.isValid(key)) {
			throw new IllegalArgumentException("not a media key");
		}
		return prefix + key;
	}
}
