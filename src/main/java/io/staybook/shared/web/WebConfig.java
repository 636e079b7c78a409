package io.staybook.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import io.staybook.shared.JsonEnums;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Servlet filters that apply the contract's HTTP conventions before security and MVC see a request. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	/**
	 * Enum query parameters use the JSON spelling ({@code ?role=host}), like bodies do; the constant's own name
	 * ({@code HOST}, as GraphQL spells it) is accepted too.
	 */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverterFactory(new ConverterFactory<String, Enum>() {
			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
				return source -> {
					String value = source.strip();
					if (value.isEmpty()) {
						return null;
					}
					for (T constant : targetType.getEnumConstants()) {
						if (constant.name().equals(value)) {
							return constant;
						}
					}
					return (T) JsonEnums.fromJson((Class) targetType, value);
				};
			}
		});
	}

	/** A strong ETag (a hash of the body) on single-listing reads, and 304 for a matching If-None-Match. */
	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/api/v1/properties/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** {@code /api/v1/properties/} is {@code /api/v1/properties}: the request is handled as if sent without it. */
	@Bean
	FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
		UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build();
		FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ProblemResponses problems) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}
}
