package io.staybook.shared.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A client's own request for the error page ({@code GET /error}, {@code /%65rror}, any method) is a 404
 * {@code not_found}, as for any path the API does not have: the error controller answers only the container's error
 * dispatches. Before, it was a 500 "Something went wrong on our side" (the controller found no error status and took
 * the request for a failure), and {@code /error?x=1} a 400 naming {@code /error} an endpoint. First of the
 * interceptors, so that no other check speaks for a path that does not exist.
 */
class DirectErrorRequests implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws NoResourceFoundException {
		if (request.getDispatcherType() == DispatcherType.REQUEST && handler instanceof HandlerMethod method
				&& ErrorController.class.isAssignableFrom(method.getBeanType())) {
			throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
					request.getRequestURI());
		}
		return true;
	}
}
