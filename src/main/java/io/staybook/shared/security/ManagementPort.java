package io.staybook.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Matches the requests that arrived on the separate management port ({@code management.server.port}, Spring Boot's
 * child "management" web server), none when there is none (the default: management endpoints on the main port). The
 * port is learned when that server starts (it may be 0, a free one), from its {@link WebServerInitializedEvent}, which
 * the child context passes on to this one. Matched by the local port the connection came in on, which no client
 * header can change.
 */
@Component
class ManagementPort implements RequestMatcher {

	private static final String NAMESPACE = "management";

	/** The management server's port; -1 while there is none. */
	private volatile int port = -1;

	@EventListener
	void started(WebServerInitializedEvent event) {
		if (NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
			port = event.getWebServer().getPort();
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		int known = port;
		return known != -1 && request.getLocalPort() == known;
	}
}
