package io.staybook.ical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches a feed under the SSRF rules of the OWASP Server-Side Request Forgery Prevention Cheat Sheet: the host name
 * is resolved once per connection by {@link FeedUrls#resolve}, which refuses it if any address is not allowed
 * ({@link AddressRules}), and the connection goes to those vetted addresses (the client's own resolver: no second
 * lookup that DNS rebinding could answer differently). Redirects are followed here, not by the client, at most
 * {@link IcalSettings#maxRedirects()}, each target checked like the first URL. The whole fetch, redirects included, has
 * {@link IcalSettings#timeout()} (a slow server is cut off mid-body), and at most {@link IcalSettings#maxFeedSize()}
 * bytes are read (decompressed), the body being streamed and dropped at the limit; so are its header lines
 * ({@link #MAX_LINE}) and headers ({@link #MAX_HEADERS}). No proxy, cookies or retries.
 */
@Component
class FeedFetcher implements DisposableBean {

	/** Why a fetch failed; the message is safe to show to the listing's host ({@code last_error}). */
	static final class FetchFailed extends Exception {

		FetchFailed(String message) {
			super(message);
		}
	}

	/**
	 * The longest status, header or chunk-size line read, in characters. HttpCore's default is no limit: a server
	 * sending one endless header line had it buffered whole (in a test, 139 MB within a 3 s timeout), enough within
	 * the 10 s to take a node's 256 MiB heap before the body's size limit is ever reached.
	 */
	static final int MAX_LINE = 32 * 1024;

	/** The most response headers read (HttpCore's default: no limit). */
	static final int MAX_HEADERS = 200;

	private final FeedUrls urls;

	private final IcalSettings settings;

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ical-fetch-deadline").factory());

	FeedFetcher(FeedUrls urls, IcalSettings settings) {
		this.urls = urls;
		this.settings = settings;
	}

	/**
	 * The body of the feed at {@code url}, as bytes.
	 * @throws FetchFailed for a refused URL or address, a status other than 2xx, too many redirects, the timeout or a
	 * body over the size limit
	 */
	byte[] fetch(String url) throws FetchFailed {
		long deadline = System.nanoTime() + settings.timeout().toNanos();
		URI uri;
		try {
			uri = FeedUrls.parse(url);
		}
		catch (FeedUrls.Refused ex) {
			throw new FetchFailed("The URL " + ex.getMessage() + ".");
		}
		try (CloseableHttpClient client = client()) {
			for (int hop = 0;; hop++) {
				Duration left = Duration.ofNanos(deadline - System.nanoTime());
				if (left.isNegative() || left.isZero()) {
					throw timedOut();
				}
				HttpGet get = new HttpGet(uri);
				get.setHeader("Accept", "text/calendar, */*;q=0.5");
				get.setHeader("User-Agent", "Staybook calendar sync");
				Timeout timeout = Timeout.of(left);
				get.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
					.setRedirectsEnabled(false).build());
				ScheduledFuture<?> cancel = deadlines.schedule(get::cancel, left.toNanos(), TimeUnit.NANOSECONDS);
				try {
					URI current = uri;
					var outcome = client.execute(get, response -> {
						int status = response.getCode();
						if (status >= 300 && status < 400 && status != 304) {
							Header location = response.getFirstHeader("Location");
							if (location == null) {
								throw new IOException(new FetchFailed("The feed answered HTTP " + status + " without a Location."));
							}
							return new Hop(null, next(current, location.getValue()));
						}
						if (status < 200 || status >= 300) {
							throw new IOException(new FetchFailed("The feed answered HTTP " + status + "."));
						}
						return new Hop(response.getEntity() == null ? new byte[0]
								: read(response.getEntity().getContent(), deadline), null);
					});
					if (outcome.body() != null) {
						return outcome.body();
					}
					if (hop >= settings.maxRedirects()) {
						throw new FetchFailed("The feed redirected more than " + settings.maxRedirects() + " times.");
					}
					try {
						uri = FeedUrls.parse(outcome.next().toString());
					}
					catch (FeedUrls.Refused ex) {
						throw new FetchFailed("The feed redirected to a URL that " + ex.getMessage() + ".");
					}
				}
				finally {
					cancel.cancel(false);
				}
			}
		}
		catch (FetchFailed ex) {
			throw ex;
		}
		catch (FeedUrls.Refused ex) {
			throw new FetchFailed("Refused: " + ex.getMessage() + ".");
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof FetchFailed failed) {
				throw failed;
			}
			if (System.nanoTime() - deadline >= 0 || ex instanceof InterruptedIOException) {
				throw timedOut();
			}
			throw new FetchFailed(switch (ex) {
				case java.net.ConnectException refused -> "The feed's server could not be reached.";
				case javax.net.ssl.SSLException tls -> "The feed's server failed the TLS handshake or its certificate"
						+ " check.";
				case org.apache.hc.core5.http.ConnectionClosedException closed -> "The feed's server closed the"
						+ " connection early.";
				case org.apache.hc.core5.http.MessageConstraintException tooLong -> "The feed's server sent a header"
						+ " line longer than " + MAX_LINE / 1024 + " KiB or more than " + MAX_HEADERS + " headers.";
				default -> "The feed could not be fetched.";
			});
		}
	}

	private record Hop(byte[] body, URI next) {
	}

	/**
	 * Where a redirect leads, {@code location} resolved against the URL that answered it.
	 * @throws IOException carrying a {@link FetchFailed} for a {@code Location} that is no URL ({@code http://a b/}):
	 * {@link URI#resolve(String)}'s {@link IllegalArgumentException} escaped the fetch, failed the sync without a
	 * {@code last_error} and ended the sweep's batch, so one feed's server kept other listings' imports from syncing
	 */
	private static URI next(URI current, String location) throws IOException {
		try {
			return current.resolve(location.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IOException(new FetchFailed("The feed redirected to a Location that is not a valid URL."));
		}
	}

	private byte[] read(InputStream in, long deadline) throws IOException {
		long limit = settings.maxFeedSize().toBytes();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[16 * 1024];
		try (in) {
			for (int n; (n = in.read(buffer)) != -1;) {
				if (out.size() + n > limit) {
					throw new IOException(new FetchFailed("The feed is larger than " + limit / 1024 + " KiB."));
				}
				out.write(buffer, 0, n);
				if (System.nanoTime() - deadline >= 0) {
					throw new IOException(timedOut());
				}
			}
		}
		return out.toByteArray();
	}

	private FetchFailed timedOut() {
		return new FetchFailed("The feed did not answer within " + settings.timeout().toSeconds() + " s.");
	}

	private CloseableHttpClient client() {
		DnsResolver vetted = new DnsResolver() {
			@Override
			public InetAddress[] resolve(String host) throws FeedUrls.Refused {
				return urls.resolve(host);
			}

			@Override
			public java.util.List<java.net.InetSocketAddress> resolve(String host, int port) throws FeedUrls.Refused {
				return java.util.Arrays.stream(urls.resolve(host))
					.map(address -> new java.net.InetSocketAddress(address, port))
					.toList();
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}
		};
		Timeout timeout = Timeout.of(settings.timeout());
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
					.http1Config(Http1Config.custom().setMaxLineLength(MAX_LINE).setMaxHeaderCount(MAX_HEADERS).build())
					.build())
				.setDnsResolver(vetted)
				.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
					.setSocketTimeout(timeout).build())
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	@Override
	public void destroy() {
		deadlines.shutdownNow();
	}
}
