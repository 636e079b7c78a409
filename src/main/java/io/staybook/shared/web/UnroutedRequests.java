package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Answers, before security asks for a token, the requests no controller would take: 404 for a path no endpoint has, and
 * 405 with {@code Allow} for a method the path does not take, so an anonymous caller learns the same as one with a
 * token (RFC 9110 §15.5.5, §15.5.6). It asks Spring MVC's own handler mappings, so it cannot disagree with them.
 */
@Component
public class UnroutedRequests {

	private final ObjectProvider<HandlerMapping> mappings;

	private final ProblemResponses problems;

	// looked up lazily: the security configuration is built before Spring MVC's mappings
	UnroutedRequests(ObjectProvider<HandlerMapping> mappings, ProblemResponses problems) {
		this.mappings = mappings;
		this.problems = problems;
	}

	/**
	 * Writes a 404 or 405 problem when no controller method matches the request.
	 * @return whether it answered; {@code false} when a controller takes this method on this path
	 */
	public boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
		if (parsedHere) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			HttpRequestMethodNotSupportedException wrongMethod = null;
			for (HandlerMapping mapping : endpointMappings()) {
				try {
					if (mapping.getHandler(request) != null) {
						return false;
					}
				}
				catch (HttpRequestMethodNotSupportedException ex) {
					wrongMethod = ex;
				}
				catch (Exception ex) {
					// a path and method that exist, refused for another reason (media type, say): the token comes first
					return false;
				}
			}
			if (wrongMethod == null) {
				problems.write(request, response, HttpStatus.NOT_FOUND, "not_found", "There is no such endpoint.");
				return true;
			}
			allow(wrongMethod).ifPresent(allowed -> response.setHeader(HttpHeaders.ALLOW,
					allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "))));
			problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					"Method '" + request.getMethod() + "' is not supported.");
			return true;
		}
		finally {
			if (parsedHere) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

	/**
	 * The methods a 405's {@code Allow} lists (RFC 9110 §10.2.1, §15.5.6): the mapped ones, HEAD wherever GET is (Spring
	 * MVC answers it, §9.3.2) and OPTIONS (Spring MVC answers it on every path), the same list an OPTIONS request gets.
	 * @return empty when Spring names none
	 */
	static Optional<Set<HttpMethod>> allow(HttpRequestMethodNotSupportedException wrongMethod) {
		Set<HttpMethod> mapped = wrongMethod.getSupportedHttpMethods();
		if (mapped == null || mapped.isEmpty()) {
			return Optional.empty();
		}
		Set<HttpMethod> allowed = new LinkedHashSet<>(mapped);
		if (allowed.contains(HttpMethod.GET)) {
			allowed.add(HttpMethod.HEAD);
		}
		allowed.add(HttpMethod.OPTIONS);
		return Optional.of(allowed);
	}

	/**
	 * The mappings of endpoints: controllers (the REST API, actuator) and router functions (GraphQL). Static resources
	 * are left out, since their mapping takes every path and only later finds no file.
	 */
	private List<HandlerMapping> endpointMappings() {
		return mappings.orderedStream()
			.filter(mapping -> mapping instanceof RequestMappingInfoHandlerMapping
					|| mapping instanceof RouterFunctionMapping)
			.toList();
	}
}
