package io.staybook.shared.web;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Tomcat itself answers before Spring sees a request: its refusals as problem details
 * ({@link ProblemErrorReportValve}), and {@code 100 Continue} only once the service reads the body.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfig {

	@Bean
	TomcatContextCustomizer problemErrorReports() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		};
	}

	/**
	 * {@code Expect: 100-continue} answered when the body is first read, not as soon as the headers arrive (Tomcat's
	 * default): a request refused before its body is read (a bad token's 401, a 403, a 413 by {@code Content-Length})
	 * gets its final answer instead of a {@code 100} that invites the client to send a photo's 10 MiB for nothing
	 * (RFC 9110 §10.1.1: a server that answers with a final status need not send 100).
	 */
	@Bean
	TomcatConnectorCustomizer continueOnRead() {
		return connector -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setContinueResponseTiming("onRead");
			}
		};
	}
}
