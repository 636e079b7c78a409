package io.staybook.ical;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Calendar sync settings, under {@code staybook.ical}.
 *
 * @param publicBaseUrl the scheme, host and port clients reach the API at ({@code https://api.example.com}), for the
 * export URL; blank: taken from the request (forwarded headers as {@code server.forward-headers-strategy} says)
 * @param urlSecret the key export URLs' tokens are derived with (HMAC-SHA256, at least 32 bytes); only from the
 * environment ({@code STAYBOOK_ICAL_URL_SECRET}). Blank: derived from {@code staybook.jwt.secret}; without that either,
 * random at start (export URLs then change at every restart, as tokens do)
 * @param allowPrivateAddresses true lets feeds live at loopback and private addresses (RFC 1918, fc00::/7, CGNAT):
 * for tests and closed networks only. Link-local (cloud metadata), multicast and unspecified addresses stay refused
 * @param syncInterval how often each import is fetched
 * @param timeout the whole fetch of a feed, redirects included
 * @param maxFeedSize the largest feed read; a larger one fails the sync
 * @param maxRedirects redirects followed per fetch (each target checked like the first URL)
 * @param horizon how far ahead imported events (and a recurring event's occurrences) are kept
 * @param maxImports imports per listing
 * @param sweepBatch imports synced per run of the sweep
 */
@ConfigurationProperties("staybook.ical")
public record IcalSettings(@DefaultValue("") String publicBaseUrl, @DefaultValue("") String urlSecret,
		@DefaultValue("false") boolean allowPrivateAddresses, @DefaultValue("15m") Duration syncInterval,
		@DefaultValue("10s") Duration timeout, @DefaultValue("1MB") DataSize maxFeedSize,
		@DefaultValue("5") int maxRedirects, @DefaultValue("550d") Duration horizon,
		@DefaultValue("20") int maxImports, @DefaultValue("20") int sweepBatch) {
}
