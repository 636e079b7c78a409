package io.staybook.shared.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API, under {@code staybook.cors}. Authentication is a bearer header, never a
 * cookie, so no origin is ever allowed credentials and the default lets any origin in.
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.com}, or {@code *} (the default) for any
 * @param maxAge how long a browser may cache a preflight answer ({@code Access-Control-Max-Age})
 */
@ConfigurationProperties("staybook.cors")
public record CorsProperties(@DefaultValue("*") List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
}
