package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A JSON body of {@code null} is not the object an operation reads: a 400 naming {@code body}, as an array or a
 * string in its place is ({@link JsonReadErrors}). Jackson reads the literal as no object at all, so an operation
 * whose body is optional ({@code POST /bookings/{id}/cancel}, {@code /decline}) ran as if none had been sent, and
 * one whose body is required said the body was missing. Found by the bad-input sweep.
 */
@ControllerAdvice
class NullBodies extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	/** Called with what the converter read from a body that was sent; null only for the literal {@code null}. */
	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
			Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
		if (body == null) {
			throw DomainException.invalidField("body", "must be a JSON object, not null");
		}
		return body;
	}
}
