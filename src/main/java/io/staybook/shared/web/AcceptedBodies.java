package io.staybook.shared.web;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The last check of content negotiation: a body is not sent in a type its request's {@code Accept} refuses. Spring
 * picks the type by the ranges {@link Acceptable} hands it, which cannot say "anything but JSON", so
 * {@code Accept: application/json;q=0, *}{@code /*} was answered with JSON: the more specific range refuses it (RFC
 * 9110 §12.5.1). Such a body is a 406 problem instead ({@link Acceptable#quality}); an error is a problem whatever
 * the {@code Accept}, so problem bodies are let through.
 */
@ControllerAdvice
class AcceptedBodies implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		// from the servlet request: building the HttpHeaders of every answer for this would cost the hot paths
		List<String> accept = request instanceof ServletServerHttpRequest servlet
				? Collections.list(servlet.getServletRequest().getHeaders(HttpHeaders.ACCEPT))
				: request.getHeaders().get(HttpHeaders.ACCEPT);
		// only a range with q=0 refuses a type that a broader range took: most requests have none, and cost one scan
		if (accept == null || accept.isEmpty() || body instanceof ProblemDetail || selected == null
				|| MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selected)
				|| accept.stream().noneMatch(line -> line.toLowerCase(Locale.ROOT).contains("q=0"))) {
			return body;
		}
		try {
			if (Acceptable.quality(MediaType.parseMediaTypes(accept), selected) > 0) {
				return body;
			}
		}
		catch (InvalidMediaTypeException ex) {
			// Spring refused a malformed header already, wherever it read it
			return body;
		}
		// the type Spring picked is the one this answer has: it is what is on offer
		throw new NotAcceptableStatusException(List.of(selected.removeQualityValue()));
	}
}
