package io.staybook.shared.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.staybook.shared.DomainException;
import io.staybook.shared.idempotency.IdempotencyKeys;
import io.staybook.shared.validation.Characters;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The service's rate limits: named token buckets (Bucket4j), one per limit and key (a client address, an account id,
 * an email, a listing id), sized by {@link RateLimitSettings} ({@code staybook.rate-limits.limits.<name>.capacity} and
 * {@code .period}).
 * <p>
 * Where they live: in Redis when {@code spring.data.redis.url} is set, through Bucket4j's Lettuce {@link ProxyManager}
 * (compare-and-swap on one key per bucket, {@code staybook:rate-limit:<name>:<key>}, expiring once the bucket is full
 * again), so that every node draws from the same buckets; in this process's memory otherwise. When Redis fails (down,
 * too slow: {@code spring.data.redis.timeout}), limits fall back to in-process buckets and the request is answered; the
 * failure is logged once, Redis is tried again after {@value #REDIS_RETRY_SECONDS} s, and its return is logged once.
 * <p>
 * {@link #LOGIN_EMAIL} refills all at once at the end of its window (the contract: 5 failures within 15 minutes, then
 * 429 until the window passes); every other limit refills evenly over its period. With
 * {@code staybook.rate-limits.enabled=false} only {@link #LOGIN_EMAIL} applies.
 * <p>
 * Responses of limited requests carry the headers of the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers-09, https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/):
 * {@code RateLimit-Policy: "login-ip";q=20;w=60} (quota {@code q} per window of {@code w} seconds) and
 * {@code RateLimit: "login-ip";r=19;t=3} (remaining {@code r}, seconds {@code t} until the quota is full again); a
 * refusal is a 429 problem with {@code Retry-After} in whole seconds, rounded up.
 */
@Component
public class RateLimits implements DisposableBean {

	/** Failed logins per email (the contract's login throttle; applies even when limits are disabled). */
	public static final String LOGIN_EMAIL = "login-email";

	/** Login attempts per client address, whatever the email: many emails from one address. */
	public static final String LOGIN_IP = "login-ip";

	/** Registrations per client address. */
	public static final String REGISTRATION = "registration";

	/**
	 * Every API request without a token, per client address ({@link RateLimitFilter}); a calendar feed's request only
	 * when it fails ({@link #ICAL_FEED}).
	 */
	public static final String ANONYMOUS = "anonymous";

	/** Every API request with a token, per account ({@link RateLimitFilter}). */
	public static final String ACCOUNT = "account";

	/** Password changes per account. */
	public static final String PASSWORD_CHANGE = "password-change";

	/** Booking creations per account ({@link RateLimitFilter}). */
	public static final String BOOKING = "booking";

	/** Payment creations per account ({@link RateLimitFilter}). */
	public static final String PAYMENT = "payment";

	/** Review creations per account ({@link RateLimitFilter}). */
	public static final String REVIEW = "review";

	/**
	 * Conversations opened and messages written per account ({@link RateLimitFilter} for REST; the GraphQL mutations
	 * take theirs in io.staybook.message.graphql).
	 */
	public static final String MESSAGE = "message";

	/** GraphQL operations' cost per account or client address, in complexity units ({@link GraphQlCostLimit}). */
	public static final String GRAPHQL = "graphql";

	/**
	 * Requests for one listing's iCalendar feed ({@code GET /api/v1/properties/{id}/calendar.ics}), per listing whoever
	 * asks, instead of {@link #ANONYMOUS} ({@link RateLimitFilter}).
	 */
	public static final String ICAL_FEED = "ical-feed";

	/** Password reset requests per address mailed, whether or not an account has it (io.staybook.user). */
	public static final String PASSWORD_RESET_EMAIL = "password-reset-email";

	/** Password reset requests per client address, whatever the emails. */
	public static final String PASSWORD_RESET_IP = "password-reset-ip";

	/** Mailed tokens presented (e-mail verification, password reset) per client address. */
	public static final String ACCOUNT_TOKEN_IP = "account-token-ip";

	/** E-mail change requests per account: each mails a new address. */
	public static final String EMAIL_CHANGE = "email-change";

	static final java.util.List<String> NAMES = java.util.List.of(LOGIN_EMAIL, LOGIN_IP, REGISTRATION, ANONYMOUS, ACCOUNT,
			PASSWORD_CHANGE, BOOKING, PAYMENT, REVIEW, GRAPHQL, ICAL_FEED, MESSAGE, PASSWORD_RESET_EMAIL, PASSWORD_RESET_IP,
			ACCOUNT_TOKEN_IP, EMAIL_CHANGE);

	static final int REDIS_RETRY_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	private static final String KEY_PREFIX = "staybook:rate-limit:";

	/** The longest key kept as it reads: an email address's longest (RFC 5321's 254); a longer one is hashed. */
	static final int LONGEST_KEY = 254;

	private final RateLimitSettings settings;

	/** {@code staybook.rate_limit.rejections{limit}}: requests refused, by limit name. */
	private final MeterRegistry meters;

	private final TimeMeter time;

	private final Cache<String, Bucket> local;

	private final RedisClient redisClient;

	private final Duration redisTimeout;

	private volatile StatefulRedisConnection<byte[], byte[]> connection;

	private volatile ProxyManager<byte[]> remote;

	/** While Redis is failing: System.nanoTime() before which it is not tried again; 0 when it is not failing. */
	private volatile long redisRetryAt;

	RateLimits(RateLimitSettings settings, Clock clock, @Value("${spring.data.redis.url:}") String redisUrl,
			@Value("${spring.data.redis.timeout:500ms}") Duration redisTimeout, MeterRegistry meters) {
		this.settings = settings;
		this.meters = meters;
		if (settings.enabled()) {
			NAMES.forEach(settings::limit);
		}
		settings.limit(LOGIN_EMAIL);
		// the service's clock, which tests can move, rather than the JVM's nanoTime; on every node the same wall clock
		this.time = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return Math.multiplyExact(clock.millis(), 1_000_000L);
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
		Duration longest = settings.limits()
			.values()
			.stream()
			.map(RateLimitSettings.Limit::period)
			.max(Duration::compareTo)
			.orElse(Duration.ofHours(1));
		// bounded by estimated bytes, not by count: 200,000 buckets of long keys were about 140 MB, more than half of a
		// 256 MiB heap, for whoever sprays keys (emails, addresses) while Redis is absent or down. Caffeine's
		// admission (W-TinyLFU) keeps the buckets in use over one-off keys when the bound is reached.
		this.local = Caffeine.newBuilder()
			.expireAfterAccess(longest)
			.maximumWeight(settings.localMemory().toBytes())
			.weigher((String id, Bucket bucket) -> bucketBytes(id))
			.build();
		this.redisTimeout = redisTimeout;
		if (redisUrl == null || redisUrl.isBlank()) {
			this.redisClient = null;
		}
		else {
			RedisURI uri = RedisURI.create(redisUrl);
			uri.setTimeout(redisTimeout);
			this.redisClient = RedisClient.create(uri);
			// a dead Redis refuses commands at once instead of queueing them until they time out
			redisClient.setOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(redisTimeout).build())
				.build());
		}
	}

	/** True when {@code name} applies now: every limit when enabled, only {@link #LOGIN_EMAIL} when not. */
	public boolean applies(String name) {
		return settings.enabled() || LOGIN_EMAIL.equals(name);
	}

	/**
	 * Takes one request from the bucket of {@code name} and {@code key}, and puts the RateLimit headers on the current
	 * response. Does nothing when the limit does not apply.
	 * @param code the problem code of a refusal, e.g. {@code too_many_requests}
	 * @param message the problem's detail
	 * @throws DomainException 429 with {@code code} and how long until the next request is allowed
	 */
	public void acquire(String name, String key, String code, String message) {
		tryAcquire(name, key, currentResponse()).ifPresent(wait -> {
			throw DomainException.tooManyRequests(code, message, wait);
		});
	}

	/**
	 * Takes one request from the bucket of {@code name} and {@code key}, and puts the RateLimit headers on
	 * {@code response} (if not null).
	 * @return empty when taken (or the limit does not apply), else how long until the next request is allowed, in
	 * whole seconds
	 */
	public Optional<Duration> tryAcquire(String name, String key, HttpServletResponse response) {
		return tryAcquire(name, key, 1, headersOf(response));
	}

	/**
	 * Takes {@code tokens} from the bucket of {@code name} and {@code key} (a GraphQL operation's cost, say), all or
	 * none, and hands the RateLimit headers to {@code headers} (name, value). A request for more than the bucket's
	 * capacity takes the whole bucket: it passes only when the bucket is full.
	 * @return empty when taken (or the limit does not apply), else how long until that many are there, in whole seconds
	 */
	public Optional<Duration> tryAcquire(String name, String key, long tokens, BiConsumer<String, String> headers) {
		if (!applies(name)) {
			return Optional.empty();
		}
		long taken = Math.max(1, Math.min(tokens, settings.limit(name).capacity()));
		ConsumptionProbe probe = call(name, key, bucket -> bucket.tryConsumeAndReturnRemaining(taken));
		headers(headers, name, probe.getRemainingTokens(), probe.getNanosToWaitForReset());
		if (probe.isConsumed()) {
			return Optional.empty();
		}
		meters.counter("staybook.rate_limit.rejections", "limit", name).increment();
		return Optional.of(roundUp(probe.getNanosToWaitForRefill()));
	}

	/**
	 * How long the caller must wait, if the bucket of {@code name} and {@code key} is empty now; takes nothing. When
	 * it is empty, the RateLimit headers go on the current response.
	 */
	public Optional<Duration> blockedFor(String name, String key) {
		if (!applies(name)) {
			return Optional.empty();
		}
		EstimationProbe probe = call(name, key, bucket -> bucket.estimateAbilityToConsume(1));
		if (probe.canBeConsumed()) {
			return Optional.empty();
		}
		headers(headersOf(currentResponse()), name, 0, probe.getNanosToWaitForRefill());
		meters.counter("staybook.rate_limit.rejections", "limit", name).increment();
		return Optional.of(roundUp(probe.getNanosToWaitForRefill()));
	}

	/** Takes one request from the bucket, if any is left, without refusing anything (a failed login, say). */
	public void record(String name, String key) {
		if (applies(name)) {
			call(name, key, bucket -> bucket.tryConsume(1));
		}
	}

	/**
	 * Puts back the one request a caller took from the bucket of {@code name} and {@code key} (never above its capacity),
	 * for a request that turned out not to be the kind the bucket counts.
	 */
	public void giveBack(String name, String key) {
		if (applies(name)) {
			call(name, key, bucket -> {
				bucket.addTokens(1);
				return null;
			});
		}
	}

	/**
	 * The heap one in-process bucket takes, estimated: measured at 719 bytes for a 266-character key of one byte a
	 * character (2026-11-30, JDK 25, compressed references: Caffeine's entry, Bucket4j's bucket and its configuration,
	 * the key); a key's characters are counted at two bytes, as a key with any character beyond Latin-1 stores them.
	 */
	static int bucketBytes(String id) {
		return 480 + 2 * id.length();
	}

	/** How many buckets this process holds now, after pending evictions: for tests of the bound. */
	long localBuckets() {
		local.cleanUp();
		return local.estimatedSize();
	}

	/** Forgets the bucket of {@code name} and {@code key}: it is full again. */
	public void reset(String name, String key) {
		String id = id(name, key);
		local.invalidate(id);
		ProxyManager<byte[]> shared = remote();
		if (shared != null) {
			try {
				shared.removeProxy(id.getBytes(StandardCharsets.UTF_8));
			}
			catch (RuntimeException ex) {
				redisFailed(ex);
			}
		}
	}

	private <T> T call(String name, String key, Function<Bucket, T> operation) {
		String id = id(name, key);
		ProxyManager<byte[]> shared = remote();
		if (shared != null) {
			try {
				T result = operation.apply(shared.getProxy(id.getBytes(StandardCharsets.UTF_8), () -> configuration(name)));
				redisAnswered();
				return result;
			}
			catch (RuntimeException ex) {
				redisFailed(ex);
			}
		}
		return operation.apply(local.get(id, ignored -> Bucket.builder()
			.addLimit(configuration(name).getBandwidths()[0])
			.withCustomTimePrecision(time)
			.build()));
	}

	private BucketConfiguration configuration(String name) {
		RateLimitSettings.Limit limit = settings.limit(name);
		return BucketConfiguration.builder().addLimit(bandwidth -> {
			var capacity = bandwidth.capacity(limit.capacity());
			return LOGIN_EMAIL.equals(name) ? capacity.refillIntervally(limit.capacity(), limit.period())
					: capacity.refillGreedy(limit.capacity(), limit.period());
		}).build();
	}

	/** The shared buckets, or null when there is no Redis or it failed within the last few seconds. */
	private ProxyManager<byte[]> remote() {
		if (redisClient == null) {
			return null;
		}
		long retryAt = redisRetryAt;
		if (retryAt != 0 && System.nanoTime() - retryAt < 0) {
			return null;
		}
		ProxyManager<byte[]> current = remote;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (remote == null) {
				try {
					connection = redisClient.connect(ByteArrayCodec.INSTANCE);
					remote = Bucket4jLettuce.casBasedBuilder(connection)
						.clientClock(time)
						.requestTimeout(redisTimeout)
						.expirationAfterWrite(
								ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
						.build();
				}
				catch (RuntimeException ex) {
					redisFailed(ex);
					return null;
				}
			}
			return remote;
		}
	}

	private void redisFailed(RuntimeException ex) {
		if (redisRetryAt == 0) {
			log.warn("Redis is unreachable for rate limits ({}); limits are per node until it answers again",
					ex.toString());
		}
		redisRetryAt = System.nanoTime() + Duration.ofSeconds(REDIS_RETRY_SECONDS).toNanos();
	}

	private void redisAnswered() {
		if (redisRetryAt != 0) {
			redisRetryAt = 0;
			log.info("Redis answers again; rate limits are shared by every node");
		}
	}

	private static HttpServletResponse currentResponse() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getResponse() : null;
	}

	/** Adds headers to {@code response}, if there is one and it is not sent yet. */
	private static BiConsumer<String, String> headersOf(HttpServletResponse response) {
		return (header, value) -> {
			if (response != null && !response.isCommitted()) {
				response.addHeader(header, value);
			}
		};
	}

	private void headers(BiConsumer<String, String> response, String name, long remaining, long nanosToReset) {
		RateLimitSettings.Limit limit = settings.limit(name);
		response.accept("RateLimit-Policy",
				"\"" + name + "\";q=" + limit.capacity() + ";w=" + Math.max(1, limit.period().toSeconds()));
		response.accept("RateLimit",
				"\"" + name + "\";r=" + Math.max(0, remaining) + ";t=" + roundUp(nanosToReset).toSeconds());
	}

	/**
	 * {@code staybook:rate-limit:<name>:<key>}, the key stripped, composed ({@link Characters#nfc}) and in lower case as
	 * PostgreSQL's lower() makes it; a key longer than {@value #LONGEST_KEY} characters as {@code sha256:} and its hash
	 * instead. Keys come from clients (the email of a login), and each is kept with its bucket, for up to an hour in
	 * this process or in Redis: a login whose email was a 1 MiB string kept that much, and two hundred of them from one
	 * client filled a 256 MiB heap.
	 */
	static String id(String name, String key) {
		// Java lower-cases 'İ' to "i" and a combining dot, PostgreSQL (the citext email column) to "i": one bucket for
		// every spelling of an address that finds the same account; composed first, as accounts keep addresses
		String normal = key == null ? "unknown"
				: Characters.nfc(key.strip()).toLowerCase(Locale.ROOT).replace("i\u0307", "i");
		String kept = normal.length() <= LONGEST_KEY ? normal : "sha256:" + IdempotencyKeys.hash(normal);
		return KEY_PREFIX + name + ":" + kept;
	}

	/** Whole seconds, rounded up and at least 1, as Retry-After counts them. */
	private static Duration roundUp(long nanos) {
		return Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
	}

	@Override
	public void destroy() {
		if (connection != null) {
			connection.close();
		}
		if (redisClient != null) {
			redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}
}
