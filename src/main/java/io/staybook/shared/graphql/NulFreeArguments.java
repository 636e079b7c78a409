package io.staybook.shared.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.staybook.shared.DomainException;
import java.util.List;
import java.util.Map;

/**
 * Refuses a field whose arguments hold a text with a NUL ({@code \u0000}), at any depth of an input object or list,
 * before its fetcher runs: BAD_REQUEST {@code validation_failed} naming the input field (its own name, as binding
 * failures are named), as REST names the JSON field. PostgreSQL's text cannot hold a NUL, and its refusal named no
 * field. Fields without arguments are left as they are, so that a page's nested fields cost nothing more.
 */
final class NulFreeArguments extends SimplePerformantInstrumentation {

	static final String MESSAGE = "must not contain NUL characters";

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (parameters.getField().getArguments().isEmpty()) {
			return fetcher;
		}
		return environment -> {
			environment.getArguments().forEach(NulFreeArguments::check);
			return fetcher.get(environment);
		};
	}

	private static void check(String name, Object value) {
		switch (value) {
			case String text when text.indexOf('\0') >= 0 -> throw DomainException.invalidField(name, MESSAGE);
			case Map<?, ?> input -> input.forEach((key, member) -> check(String.valueOf(key), member));
			case List<?> list -> list.forEach(member -> check(name, member));
			case null, default -> {
			}
		}
	}
}
