package io.staybook.shared.web;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;

/**
 * Spring MVC's message converters cut down to the formats the API speaks: JSON for objects (api-contract.md), and the
 * raw converters for bytes, text, files and forms (the photo upload, the iCal feed, the payout CSV). Spring registers
 * a converter for every format whose library is on the class path, and springdoc brings Jackson 2's YAML: without
 * this, {@code Accept: application/yaml} got a 200 in YAML written by a second, unconfigured Jackson (camelCase names,
 * dates as arrays of numbers, a listing's cached detail as an empty body), and a body sent as
 * {@code Content-Type: application/yaml} was read, past every rule of the strict JSON reader (unknown fields, NUL,
 * canonical ids). Now the first is a 406 and the second a 415, like XML. An allow-list, so that a library added later
 * cannot bring a format back by being on the class path.
 */
final class JsonOnlyConverters implements Consumer<List<HttpMessageConverter<?>>> {

	private static final List<Class<?>> RAW = List.of(ByteArrayHttpMessageConverter.class,
			StringHttpMessageConverter.class, ResourceHttpMessageConverter.class, ResourceRegionHttpMessageConverter.class,
			FormHttpMessageConverter.class);

	@Override
	public void accept(List<HttpMessageConverter<?>> converters) {
		converters.removeIf(converter -> !kept(converter));
	}

	/** Whether {@code converter} reads or writes only bytes, text, files, forms or JSON. */
	static boolean kept(HttpMessageConverter<?> converter) {
		if (RAW.stream().anyMatch(type -> type.isInstance(converter))) {
			return true;
		}
		List<MediaType> types = converter.getSupportedMediaTypes();
		return !types.isEmpty() && types.stream().allMatch(JsonOnlyConverters::json);
	}

	private static boolean json(MediaType type) {
		return type.getType().equals("application")
				&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
	}
}
