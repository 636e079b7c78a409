package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Refuses with 415, before the body is read, a POST, PUT or PATCH whose body no message converter can read into the
 * handler's {@code @RequestBody} ({@code text/plain}, or no {@code Content-Type}, where JSON is expected): Spring MVC
 * finds that out only after reading the body's first byte, which with {@code Expect: 100-continue} had Tomcat invite
 * the client to send the whole body first (RFC 9110 §10.1.1). It asks the same converters, in the same way, and throws
 * the same exception, so the answer ({@link ProblemDetailsAdvice}'s 415 with {@code Accept}) is Spring's.
 */
class ReadableBodies implements HandlerInterceptor {

	private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

	/**
	 * Looked up lazily (the adapter is built from the configurers this interceptor is registered by) and once: an
	 * {@link ObjectProvider}'s lookup resolves the dependency through the bean factory on every call.
	 */
	private final SingletonSupplier<RequestMappingHandlerAdapter> adapter;

	ReadableBodies(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
		this.adapter = SingletonSupplier.of(adapter::getObject);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotSupportedException {
		if (!(handler instanceof HandlerMethod method) || !WITH_BODY.contains(request.getMethod())
				|| request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			return true;
		}
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				check(request, parameter.nestedIfOptional());
			}
		}
		return true;
	}

	/** As Spring MVC reads a body: no {@code Content-Type} is {@code application/octet-stream}. */
	private void check(HttpServletRequest request, MethodParameter parameter) throws HttpMediaTypeNotSupportedException {
		MediaType type = request.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
				: ContentTypeFilter.parse(request.getContentType());
		if (type == null) {
			// not a media type: ContentTypeFilter refused it already
			return;
		}
		Type targetType = parameter.getNestedGenericParameterType();
		Class<?> targetClass = ResolvableType.forMethodParameter(parameter).resolve(Object.class);
		List<HttpMessageConverter<?>> converters = adapter.obtain().getMessageConverters();
		Set<MediaType> supported = new LinkedHashSet<>();
		for (HttpMessageConverter<?> converter : converters) {
			if (converter instanceof GenericHttpMessageConverter<?> generic
					? generic.canRead(targetType, parameter.getContainingClass(), type)
					: converter instanceof SmartHttpMessageConverter<?> smart
							? smart.canRead(ResolvableType.forMethodParameter(parameter), type)
							: converter.canRead(targetClass, type)) {
				return;
			}
			supported.addAll(converter.getSupportedMediaTypes(targetClass));
		}
		throw new HttpMediaTypeNotSupportedException(type, List.copyOf(supported),
				HttpMethod.valueOf(request.getMethod()));
	}
}
