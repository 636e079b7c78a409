package io.staybook.shared.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The request id filter, first of all filters (before CORS, whose refusals carry the id too); and tracing switched off
 * unless {@code staybook.tracing.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

	/**
	 * With tracing off, Micrometer's tracer is its no-op one, which Spring Boot's OpenTelemetry tracer then yields to: no
	 * span is made, no trace id enters the MDC or the log lines, nothing is exported. (Spring Boot's own switch,
	 * {@code management.tracing.export.enabled}, only stops exporting and propagating: every observation still made an
	 * OpenTelemetry span and put its trace id in the MDC.)
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "staybook.tracing.enabled", havingValue = false, matchIfMissing = true)
	Tracer tracingOff() {
		return Tracer.NOOP;
	}

	/**
	 * With tracing off, Micrometer's no-op propagator too. Spring Boot's {@code otelPropagator} reads the incoming
	 * {@code traceparent} and starts the server span with the OpenTelemetry SDK's own tracer, not with the Micrometer
	 * tracer above: without this bean every request still started and ended an OpenTelemetry span (a JFR profile of
	 * booking creation: 4 % of the JVM's samples in {@code OtelSpanBuilder}, {@code OtelPropagator} and the handlers
	 * around them), though none was kept, exported or logged.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "staybook.tracing.enabled", havingValue = false, matchIfMissing = true)
	Propagator propagationOff() {
		return Propagator.NOOP;
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}
}
