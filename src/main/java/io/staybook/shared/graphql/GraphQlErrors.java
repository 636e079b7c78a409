package io.staybook.shared.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.Failure;
import io.staybook.shared.Failures;
import io.staybook.shared.idempotency.IdempotentResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * The one place where exceptions become GraphQL errors: translated by {@link Failures}, the same translator REST
 * uses, into {@code extensions.classification}, a stable {@code code}, and field errors under {@code errors}.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof BindException binding) {
			DomainException invalid = invalidArguments(binding, env);
			return error(env, ErrorClassification.BAD_REQUEST, invalid.code(), invalid.getMessage(),
					invalid.fieldErrors());
		}
		String where = String.valueOf(env.getExecutionStepInfo().getPath());
		Failure failure = env.getOperationDefinition() != null
				&& env.getOperationDefinition().getOperation() == graphql.language.OperationDefinition.Operation.MUTATION
						? Failures.of(ex, where) : Failures.ofRead(ex, where);
		return error(env, classification(failure.kind()), failure.code(), argumentNamed(failure.detail()),
				failure.errors());
	}

	/**
	 * A service's message as a GraphQL client reads it: the key REST sends in the {@code Idempotency-Key} header is
	 * GraphQL's {@code idempotencyKey} argument ({@code invalid_idempotency_key}, {@code idempotency_key_required},
	 * {@code idempotency_key_reused}, {@code request_in_progress} and a deleted account's registration), so a message
	 * names the argument the client can change, not a header it never sent.
	 */
	static String argumentNamed(String message) {
		return message == null ? null : message.replace(IdempotentResponses.KEY_HEADER, "idempotencyKey argument");
	}

	/**
	 * An argument graphql-java parsed but Spring could not convert ({@code "not-a-uuid"} for an {@code ID} that must be
	 * a UUID) as the caller's bad input: 400 {@code validation_failed} naming the argument or input field. Only the
	 * field's {@code env} knows the arguments, so a subscription's fetcher calls this too ({@link SubscriptionArguments}).
	 */
	static DomainException invalidArguments(BindException binding, DataFetchingEnvironment env) {
		return DomainException.invalidFields(binding.getFieldErrors()
			.stream()
			.map(e -> new FieldError(argumentName(e, env), "has the wrong type or format"))
			.toList());
	}

	/**
	 * The classification of a kind of failure: the REST status by name. The contract's list has no name for a 503, so
	 * an unavailable database is INTERNAL_ERROR (a server-side failure, as it is) with the code
	 * {@code service_unavailable}, which tells a client that retrying later may work.
	 */
	static ErrorClassification classification(Failure.Kind kind) {
		return switch (kind) {
			case SERVICE_UNAVAILABLE -> ErrorClassification.INTERNAL_ERROR;
			// the contract's list has no 413 or 415 either: a rejected upload is the client's bad input
			case PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_FAILED -> ErrorClassification.BAD_REQUEST;
			default -> ErrorClassification.valueOf(kind.name());
		};
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorClassification classification, String code,
			String message, List<FieldError> fieldErrors) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(classification)
			.message(message)
			.extensions(extensions(code, fieldErrors))
			.build();
	}

	/**
	 * {@code failure} as an error of a whole operation, with no field or path (a subscription's failure, an operation
	 * refused before it runs): the classification, code and field errors a field's error of that failure has.
	 */
	static GraphQLError of(Failure failure) {
		return GraphqlErrorBuilder.newError()
			.errorType(classification(failure.kind()))
			.message(failure.detail())
			.extensions(extensions(failure.code(), failure.errors()))
			.build();
	}

	/** An error's {@code extensions}: its {@code code}, and its field errors (if any) under {@code errors}. */
	static Map<String, Object> extensions(String code, List<FieldError> fieldErrors) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		if (!fieldErrors.isEmpty()) {
			extensions.put("errors", fieldErrors.stream()
				.map(e -> Map.of("field", graphQlName(e.field()), "message", e.message()))
				.toList());
		}
		return extensions;
	}

	/**
	 * A field as the schema names it. A page position is REST's {@code cursor} parameter and every connection's
	 * {@code after} argument.
	 */
	static String graphQlName(String field) {
		return "cursor".equals(field) ? "after" : camelCase(field);
	}

	/**
	 * The services name fields as the REST bodies do ({@code check_in}); a GraphQL client knows them as the schema
	 * does ({@code checkIn}).
	 */
	static String camelCase(String field) {
		StringBuilder name = new StringBuilder(field.length());
		boolean upper = false;
		for (char c : field.toCharArray()) {
			if (c == '_' && name.length() > 0) {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	/**
	 * The argument or input field a value could not be converted for ({@code "not-a-uuid"} for an {@code ID} that must
	 * be a UUID): the binder names an input field by its path ({@code $.checkIn}) and a whole argument only as
	 * {@code $}, so that one is found among the arguments by its value.
	 */
	private static String argumentName(org.springframework.validation.FieldError error, DataFetchingEnvironment env) {
		String path = error.getField().replaceAll("\\[[^]]*]", "");
		String last = path.substring(path.lastIndexOf('.') + 1).replace("$", "");
		if (!last.isEmpty()) {
			return last;
		}
		return env.getArguments()
			.entrySet()
			.stream()
			.filter(argument -> Objects.equals(argument.getValue(), error.getRejectedValue()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("input");
	}
}
