package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Which request methods and protocol versions the service takes, and how it refuses the others (RFC 9110 §9, RFC 9112
 * §2.3):
 * <ul>
 * <li>a method the service does not recognise ({@code FOO}, {@code PROPFIND}, a lowercase {@code get}: methods are
 * case-sensitive) is a 501 problem with the code {@code not_implemented} (§15.6.2), on every path; Spring Security's
 * firewall answered it with a 400 that blamed a header;</li>
 * <li>a recognised method a resource does not take, TRACE included, is the same 405 with the resource's {@code Allow}
 * as any other ({@link UnroutedRequests}, {@link ProblemDetailsAdvice}): Tomcat answered TRACE itself, with the
 * servlet's generic list (PUT and DELETE on paths that take neither). TRACE is dispatched like any method and never
 * echoed: no handler takes it, and the servlet's echo of the request's header fields is not run;</li>
 * <li>CONNECT never reaches the application: Tomcat's {@code CoyoteAdapter} refuses it with 501 (a server that opens no
 * tunnel does not implement it, §9.3.6, §15.6.2), written as the problem {@code not_implemented} by
 * {@link ProblemErrorReportValve}, and closes the connection, so no byte after it is read as tunnelled or as a
 * request;</li>
 * <li>an HTTP/0.9 request (a request line without a version) is not answered: HTTP/0.9 has no status line to refuse
 * it with, and Tomcat offers no setting to refuse it, so the connection is closed without a byte.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RequestMethods {

	/** The methods of RFC 9110 §9 and PATCH (RFC 5789): any other is not implemented. */
	static final Set<String> RECOGNISED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
			"PATCH");

	/** After the trailing-slash wrapper, so that a 405's path is the one the handlers know. */
	@Bean
	FilterRegistrationBean<Filter> requestMethodFilter(ProblemResponses problems) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/** Tomcat lets TRACE through to the application, which answers it as any method no handler takes. */
	@Bean
	TomcatConnectorCustomizer traceToTheApplication() {
		return connector -> connector.setAllowTrace(true);
	}

	/** The firewall's default refuses TRACE (and CONNECT) with a 400; the handlers answer TRACE with 405 instead. */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(RECOGNISED);
		return firewall;
	}

	/** Spring Boot's dispatcher servlet, configured as Boot configures it, that dispatches TRACE instead of echoing it. */
	@Bean(name = DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME)
	DispatcherServlet dispatcherServlet(WebMvcProperties properties) {
		DispatcherServlet servlet = new NoTraceEcho();
		servlet.setDispatchOptionsRequest(properties.isDispatchOptionsRequest());
		servlet.setDispatchTraceRequest(true);
		servlet.setPublishEvents(properties.isPublishRequestHandledEvents());
		servlet.setEnableLoggingRequestDetails(properties.isLogRequestDetails());
		return servlet;
	}

	/** A dispatcher servlet whose TRACE goes to the handlers alone: the servlet's echo is never appended. */
	static final class NoTraceEcho extends DispatcherServlet {

		@Override
		protected void doTrace(HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			processRequest(request, response);
		}
	}

	/** The filter: 501 for an unrecognised method, no answer to HTTP/0.9. */
	static final class Filter extends OncePerRequestFilter {

		private final ProblemResponses problems;

		Filter(ProblemResponses problems) {
			this.problems = problems;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getProtocol() == null || request.getProtocol().isEmpty()) {
				// HTTP/0.9: Tomcat writes no status line or header, only a body; committing none closes the connection
				response.setStatus(HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value());
				response.flushBuffer();
				return;
			}
			if (!RECOGNISED.contains(request.getMethod())) {
				problems.write(request, response, HttpStatus.NOT_IMPLEMENTED, "not_implemented",
						"The method " + printable(request.getMethod()) + " is not one this service implements.");
				return;
			}
			chain.doFilter(request, response);
		}

		/** The method as sent when it is short printable ASCII, else a placeholder: it is echoed in the detail. */
		private static String printable(String method) {
			return method.length() <= 20 && method.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "'" + method + "'"
					: "sent";
		}
	}
}
