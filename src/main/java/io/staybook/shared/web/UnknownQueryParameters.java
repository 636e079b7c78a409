package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter that the endpoint does not take, as unknown JSON fields are refused (api-contract.md:
 * 400 for "unknown fields, bad query parameters"): 400 {@code validation_failed} with one error per unknown name, saying
 * which names the endpoint takes. Without it a misspelt filter ({@code ?max_prise=100}) was dropped without a word and
 * the client was shown listings at any price, taking them for filtered; Stripe refuses unknown parameters the same
 * way. A parameter sent twice is refused too: Spring would have used the first of two ids and dropped the other, or
 * joined two cities into one with a comma; a list ({@code amenities}, {@code fields}) is one comma-separated value, as
 * the OpenAPI document says ({@code explode: false}).
 * The names an endpoint takes are its {@code @RequestParam}s, read once per handler method; only the query
 * string is checked (a multipart body's parts are parameters too, to the servlet API), only on Staybook's own
 * controllers (not the actuator's, springdoc's or GraphQL's) and only on the request's first dispatch.
 */
class UnknownQueryParameters implements HandlerInterceptor {

	private static final String APPLICATION_PACKAGE = "io.staybook.";

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	/** The names each handler method takes, sorted; an empty Optional when it takes any (a {@code Map} of them). */
	private final Map<Method, Optional<Set<String>>> taken = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String query = request.getQueryString();
		if (query == null || request.getDispatcherType() != DispatcherType.REQUEST
				|| !(handler instanceof HandlerMethod method)
				|| !method.getBeanType().getName().startsWith(APPLICATION_PACKAGE)) {
			return true;
		}
		Optional<Set<String>> known = taken.computeIfAbsent(method.getMethod(), m -> namesTaken(method));
		if (known.isEmpty()) {
			return true;
		}
		Set<String> names = known.get();
		List<FieldError> errors = new ArrayList<>();
		names(query).forEach((name, times) -> {
			if (!names.contains(name)) {
				errors.add(new FieldError(name, names.isEmpty() ? "is not a parameter of this endpoint, which takes none"
						: "is not a parameter of this endpoint, which takes " + String.join(", ", names)));
			}
			else if (times > 1) {
				errors.add(new FieldError(name, "is sent " + times + " times; it takes one value (a list is"
						+ " comma-separated)"));
			}
		});
		if (!errors.isEmpty()) {
			throw DomainException.invalidFields(errors);
		}
		return true;
	}

	/** The {@code @RequestParam} names of {@code method}, sorted; empty when one of them takes every parameter. */
	private static Optional<Set<String>> namesTaken(HandlerMethod method) {
		Set<String> names = new TreeSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param == null) {
				continue;
			}
			if (Map.class.isAssignableFrom(parameter.getParameterType())) {
				return Optional.empty();
			}
			String name = param.name().isEmpty() ? param.value() : param.name();
			if (name.isEmpty()) {
				parameter.initParameterNameDiscovery(NAMES);
				name = parameter.getParameterName();
			}
			names.add(name);
		}
		return Optional.of(names);
	}

	/**
	 * The names of {@code query}, decoded, in order, each with how many times it is sent. {@link QueryStringFilter}
	 * has already refused a query string that does not decode.
	 */
	private static Map<String, Integer> names(String query) {
		Map<String, Integer> names = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			names.merge(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8), 1,
					Integer::sum);
		}
		return names;
	}
}
