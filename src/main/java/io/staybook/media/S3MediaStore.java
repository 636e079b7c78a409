package io.staybook.media;

import java.util.Optional;
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
 * stored URL; a CDN in front caches them for a year).
 */
final class S3MediaStore implements MediaStore {

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
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
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
		s3.putObject(request -> request.bucket(bucket)
			.key(objectKey(key))
			.contentType(MediaKeys.contentType(key))
			.cacheControl("public, max-age=31536000, immutable"), RequestBody.fromBytes(bytes));
	}

	@Override
	public Optional<byte[]> get(String key) {
		try {
			return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(objectKey(key))).asByteArray());
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void delete(String key) {
		s3.deleteObject(request -> request.bucket(bucket).key(objectKey(key)));
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
