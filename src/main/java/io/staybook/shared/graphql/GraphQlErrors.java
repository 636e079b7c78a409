package io.staybook.shared.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.shared.DomainException;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.persistence.SqlStates;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * The one place where exceptions become GraphQL errors: the same domain exceptions as REST, with
 * {@code extensions.classification}, a stable {@code code}, and field errors under {@code errors}. Anything
 * unexpected is logged and answered with a bare INTERNAL_ERROR.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof DomainException domain) {
			return error(env, ErrorClassification.valueOf(domain.kind().name()), domain.code(), domain.getMessage(),
					domain.fieldErrors());
		}
		if (ex instanceof ConstraintViolationException invalid) {
			List<FieldError> errors = invalid.getConstraintViolations()
				.stream()
				.map(v -> new FieldError(lastNode(v.getPropertyPath()), v.getMessage()))
				.toList();
			return error(env, ErrorClassification.BAD_REQUEST, "validation_failed", "The request is not valid.",
					errors);
		}
		if (ex instanceof BindException binding) {
			List<FieldError> errors = binding.getFieldErrors()
				.stream()
				.map(e -> new FieldError(argumentName(e, env), "has the wrong type or format"))
				.toList();
			return error(env, ErrorClassification.BAD_REQUEST, "validation_failed", "The request is not valid.",
					errors);
		}
		if (ex instanceof AuthenticationException) {
			return error(env, ErrorClassification.UNAUTHORIZED, "unauthorized", "A valid access token is required.",
					List.of());
		}
		if (ex instanceof AccessDeniedException) {
			return error(env, ErrorClassification.FORBIDDEN, "forbidden", "You may not do this.", List.of());
		}
		if (ex instanceof DataIntegrityViolationException integrity) {
			String state = SqlStates.of(integrity);
			boolean badInput = SqlStates.CHECK_VIOLATION.equals(state) || SqlStates.NOT_NULL_VIOLATION.equals(state);
			return badInput
					? error(env, ErrorClassification.BAD_REQUEST, "constraint_violated",
							"The request breaks a rule of the data model.", List.of())
					: error(env, ErrorClassification.CONFLICT, "conflict",
							"The request conflicts with the current state of the resource.", List.of());
		}
		log.error("Unhandled GraphQL error at {}", env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorClassification.INTERNAL_ERROR, "internal_error", "Something went wrong on our side.",
				List.of());
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorClassification classification, String code,
			String message, List<FieldError> fieldErrors) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		if (!fieldErrors.isEmpty()) {
			extensions.put("errors", fieldErrors.stream()
				.map(e -> Map.of("field", graphQlName(e.field()), "message", e.message()))
				.toList());
		}
		return GraphqlErrorBuilder.newError(env)
			.errorType(classification)
			.message(message)
			.extensions(extensions)
			.build();
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

	/**
	 * The innermost named field of a violation's path; a container element ({@code <list element>} of
	 * {@code amenities}) is reported as its container, the field the client sent.
	 */
	private static String lastNode(Path path) {
		String name = "input";
		for (Path.Node node : path) {
			if (node.getName() != null && !node.getName().startsWith("<")) {
				name = node.getName();
			}
		}
		return name;
	}
}
