package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.validation.Characters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request parameter that breaks the API's rule for text ({@link Characters#fault}) with 400
 * {@code validation_failed} naming it, as a JSON field is refused ({@link TextDeserializer}): every parameter of a REST
 * endpoint is a single line ({@code ?city=a%07b}, {@code ?q=a%0Ab}), PostgreSQL's text cannot hold a NUL, and no
 * search, filter, cursor or token holds a control character. GraphQL's GET is refused only a NUL here: its
 * {@code query} and {@code variables} are documents of several lines, whose arguments GraphQL checks by the schema
 * ({@code shared.graphql.StrictArguments}).
 */
class TextParameters implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getQueryString() == null) {
			return true;
		}
		boolean rest = handler instanceof HandlerMethod;
		List<FieldError> errors = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			for (String value : values) {
				String fault = rest ? Characters.fault(value, false)
						: Characters.hasNul(value) ? Characters.HAS_NUL : null;
				if (fault != null) {
					errors.add(new FieldError(name, fault));
					return;
				}
			}
		});
		if (!errors.isEmpty()) {
			throw DomainException.invalidFields(errors);
		}
		return true;
	}
}
