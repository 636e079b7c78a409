package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.validation.Characters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request parameter holding a NUL ({@code ?city=a%00b}) with 400 {@code validation_failed} naming it, on
 * every endpoint (GraphQL's GET included), as a NUL in a JSON field is refused ({@link NulFreeStringDeserializer}):
 * PostgreSQL's text cannot hold one, and its refusal named no parameter.
 */
class NulFreeParameters implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getQueryString() == null) {
			return true;
		}
		List<FieldError> errors = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			for (String value : values) {
				if (Characters.hasNul(value)) {
					errors.add(new FieldError(name, Characters.HAS_NUL));
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
