package io.staybook.integrity;

import io.staybook.test.Api;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts of a run: how often each step kind got each status ({@code "pay 201"}, {@code "cancel 409"}), and every
 * failure of the service a step saw: a 5xx, an exchange that disagrees with the OpenAPI document, or a request that got
 * no answer. A 4xx is a legitimate refusal (409 conflict, 404 gone) and only counted.
 */
final class Tally {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	/** Counts the response; a 5xx is also a failure. Returns the response. */
	Api.Response record(String label, String what, Api.Response response) {
		count(label + " " + response.status());
		if (response.status() >= 500) {
			failures.add(label + ": " + what + " -> " + response);
		}
		return response;
	}

	/** A step that could not be taken (nothing to act on yet) or that needs no request. */
	void count(String key) {
		counts.computeIfAbsent(key, k -> new LongAdder()).increment();
	}

	void failure(String label, Throwable error) {
		count(label + " error");
		failures.add(label + ": " + error);
	}

	List<String> failures() {
		return List.copyOf(failures);
	}

	/** {@code "book 201=40, book 404=2, ..."}, sorted. */
	String summary() {
		return new TreeMap<>(counts).entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue().sum())
			.collect(Collectors.joining(", "));
	}
}
