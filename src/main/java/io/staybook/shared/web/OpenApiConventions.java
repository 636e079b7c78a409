package io.staybook.shared.web;

import io.staybook.shared.paging.PageRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;

/**
 * The rules of the contract that hold for every operation, written once instead of on each controller, so that a new
 * endpoint is documented right without anyone remembering to:
 * <ul>
 * <li>problem responses: 400, 401 (an invalid token is refused on any path), 406 (an {@code Accept} that takes
 * nothing the operation answers in), 412 (an {@code If-Match} that does not hold: on a resource without an ETag, any
 * but {@code *}; or {@code If-None-Match: *} on a write to an existing resource, see {@link UntaggedPreconditions}),
 * 414 and 431 (a request line or header fields over the server's limits), 429 (rate
 * limits), 500 and 503 (the database is
 * unreachable or too slow, see {@code io.staybook.shared.Failures}) everywhere; 413 and 415 where a body is read;</li>
 * <li>every response carries {@code X-Request-Id};</li>
 * <li>a page size ({@code limit}) is at least 1 and clamped to 100;</li>
 * <li>201 carries {@code Location}; a creating POST (one whose success is 201) takes an optional
 * {@code Idempotency-Key} of 1 to {@value #MAX_KEY_LENGTH} characters (payments keep theirs required), marks a
 * replay with {@code Idempotency-Replayed: true}, as Stripe does, and may answer 400 {@code idempotency_key_reused}
 * and 409 {@code request_in_progress} (see {@code io.staybook.shared.idempotency.Idempotent});</li>
 * <li>a listing ({@code GET /properties/{id}}) and a stored image ({@code GET /media/{key}}) are sent with an
 * {@code ETag} and a matching {@code If-None-Match} is answered 304 (by the controller, from the listing's row version
 * and host name or the image's key, before the body is built; issue 12); their reads, and the listing's PATCH and
 * DELETE, take {@code If-Match} and {@code If-None-Match} and answer 412 when one fails; no other read carries an
 * ETag, so elsewhere only {@code If-Match: *} holds, and {@code If-None-Match: *} is a 304 on every read of a
 * resource that exists;</li>
 * <li>in a PATCH body a field left out is left as it is and {@code null} is refused (400), except for the fields
 * marked {@link NullClears}, which {@code null} clears and which say so with {@code @Schema(nullable = true)};</li>
 * <li>schemas: OpenAPI 3.1 nullability ({@code @Schema(nullable = true)} becomes the type {@code [t, "null"]}); every
 * schema with properties is an object; every property of a response body is required (our JSON always writes every
 * field, null or not) unless the schema says otherwise; request bodies refuse unknown fields, as the service does;
 * money (every decimal string of the API) is exemplified with two fraction digits, as it is sent ({@code "120.00"}:
 * swagger-core reads {@code @Schema(example = "120.00")} of a {@code BigDecimal} as the number 120.0);
 * {@code @NotBlank} is documented by {@link NotBlankProperties}.</li>
 * </ul>
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
@Order(0) // a module's customizer may run before these conventions (negative order) or after them (positive)
class OpenApiConventions implements OpenApiCustomizer {

	private static final String RESPONSES = "#/components/responses/";

	private static final String SCHEMAS = "#/components/schemas/";

	private static final String PAGE_SIZE = "; below 1 is a 400 `validation_failed`, above " + PageRequest.MAX_LIMIT
			+ " is clamped to " + PageRequest.MAX_LIMIT;

	// as io.staybook.shared.idempotency.Idempotent.MAX_KEY_LENGTH (shared.web does not depend on it)
	private static final int MAX_KEY_LENGTH = 255;

	private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+\\.[0-9]+");

	private static final String KEY_DESCRIPTION = "a unique key per attempt, 1 to " + MAX_KEY_LENGTH
			+ " characters, not only spaces (else a 400 `invalid_idempotency_key`): a repeat with the same key and body"
			+ " within 24 hours returns the first response instead of creating again; the same key with another body"
			+ " is a 400 `idempotency_key_reused`, and a repeat while the first request runs a 409 `request_in_progress`";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			problems(operation);
			notModified(method, operation);
			created(method, operation);
			pageSize(operation);
			if (path.equals("/api/v1/properties/{id}") || path.equals("/media/{key}")) {
				conditional(method, operation);
			}
			operation.getResponses().values().forEach(OpenApiConventions::requestId);
		}));
		if (openApi.getComponents().getResponses() != null) {
			openApi.getComponents().getResponses().values().forEach(OpenApiConventions::requestId);
		}
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		if (schemas == null) {
			return;
		}
		schemas.values().forEach(schema -> walk(schema, OpenApiConventions::nullableAndObject));
		schemas.values().forEach(schema -> walk(schema, OpenApiConventions::moneyExample));
		Set<String> responseSchemas = reachable(schemas, bodies(openApi, true));
		Set<String> requestSchemas = reachable(schemas, bodies(openApi, false));
		responseSchemas.forEach(name -> {
			Schema<?> schema = schemas.get(name);
			if (schema != null && schema.getProperties() != null && schema.getRequired() == null) {
				schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
			}
		});
		requestSchemas.stream()
			.filter(name -> !responseSchemas.contains(name))
			.map(schemas::get)
			.filter(Objects::nonNull)
			.filter(schema -> schema.getProperties() != null && schema.getAdditionalProperties() == null)
			.forEach(schema -> schema.setAdditionalProperties(false));
	}

	private static void problems(Operation operation) {
		addIfAbsent(operation, "400", "BadRequest");
		addIfAbsent(operation, "401", "Unauthorized");
		// an Accept that takes none of the operation's types (io.staybook.shared.web.Acceptable)
		addIfAbsent(operation, "406", "NotAcceptable");
		// a request line or header fields over the container's limits (ProblemErrorReportValve)
		addIfAbsent(operation, "414", "UriTooLong");
		addIfAbsent(operation, "431", "HeaderFieldsTooLarge");
		// If-Match on a resource without an ETag: only * holds; If-None-Match: * on a write (UntaggedPreconditions)
		addIfAbsent(operation, "412", "PreconditionFailed");
		if (operation.getRequestBody() != null) {
			addIfAbsent(operation, "413", "PayloadTooLarge");
			addIfAbsent(operation, "415", "UnsupportedMediaType");
		}
		// every API call passes a rate limit (io.staybook.shared.ratelimit.RateLimitFilter)
		addIfAbsent(operation, "429", "TooManyRequests");
		addIfAbsent(operation, "500", "InternalError");
		addIfAbsent(operation, "503", "ServiceUnavailable");
	}

	/**
	 * A {@code limit} query parameter (every cursor-paged list) is at least 1, a 400 naming it below; one above
	 * {@value PageRequest#MAX_LIMIT} is clamped to it (the contract), so the schema has a minimum and no maximum.
	 */
	private static void pageSize(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		operation.getParameters()
			.stream()
			.filter(p -> "query".equals(p.getIn()) && "limit".equals(p.getName()) && p.getSchema() != null)
			.forEach(limit -> {
				limit.getSchema().setMinimum(BigDecimal.ONE);
				if (limit.getDescription() != null && !limit.getDescription().contains(PAGE_SIZE)) {
					limit.setDescription(limit.getDescription() + PAGE_SIZE);
				}
			});
	}

	private static void created(PathItem.HttpMethod method, Operation operation) {
		ApiResponse created = operation.getResponses().get("201");
		if (created == null) {
			return;
		}
		created.addHeaderObject("Location", new Header().description("the URL of what was created")
			.required(true)
			.schema(ApiDocs.string("/api/v1/bookings/0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50").format("uri-reference")));
		if (method != PathItem.HttpMethod.POST) {
			return;
		}
		// 400 idempotency_key_reused is covered by the BadRequest every operation has
		addIfAbsent(operation, "409", "Conflict");
		Parameter key = operation.getParameters() == null ? null : operation.getParameters()
			.stream()
			.filter(p -> "header".equals(p.getIn()) && "Idempotency-Key".equalsIgnoreCase(p.getName()))
			.findFirst()
			.orElse(null);
		if (key == null) {
			key = new Parameter().in("header").name("Idempotency-Key").required(false);
			operation.addParametersItem(key);
		}
		// a controller's @RequestHeader declares the parameter but says nothing of what it means or how long it may be
		if (key.getDescription() == null) {
			key.setDescription(KEY_DESCRIPTION);
		}
		if (key.getSchema() == null) {
			key.setSchema(ApiDocs.string(null));
		}
		if (key.getSchema().getExample() == null) {
			key.getSchema().setExample("8e3f1c52-5d7b-4a43-9a55-2f4a8e0c9b11");
		}
		if (key.getSchema().getMaxLength() == null) {
			key.getSchema().setMaxLength(MAX_KEY_LENGTH);
		}
		// an empty key is refused, not taken for none (Idempotent.check)
		if (key.getSchema().getMinLength() == null) {
			key.getSchema().setMinLength(1);
		}
		Schema<Object> replayed = ApiDocs.string(null);
		replayed.setEnum(List.of("true"));
		created.addHeaderObject("Idempotency-Replayed", new Header()
			.description("present on a replay: this is the stored response of the first request with this key")
			.schema(replayed));
	}

	/**
	 * Every read answers {@code If-None-Match: *} with a bodiless 304 while its resource exists (RFC 9110 §13.1.2; on
	 * the resources without an ETag, {@link UntaggedPreconditions}); the tagged ones document theirs with the ETag.
	 */
	private static void notModified(PathItem.HttpMethod method, Operation operation) {
		if (method == PathItem.HttpMethod.GET && !operation.getResponses().containsKey("304")) {
			operation.getResponses()
				.addApiResponse("304", new ApiResponse().description("Not modified: `If-None-Match: *` was sent and"
						+ " the resource exists"));
		}
	}

	/**
	 * A resource with a strong ETag (a listing, a stored image): its read sends the ETag and answers a matching
	 * {@code If-None-Match} with 304; its read and its writes take {@code If-Match} and {@code If-None-Match}, and
	 * answer 412 when one does not hold (io.staybook.shared.web.Preconditions).
	 */
	private static void conditional(PathItem.HttpMethod method, Operation operation) {
		boolean read = method == PathItem.HttpMethod.GET;
		if (!read && method != PathItem.HttpMethod.PATCH && method != PathItem.HttpMethod.DELETE) {
			return;
		}
		header(operation, "If-None-Match", read ? "the ETag of a copy you hold; 304 if it is still current"
				: "`*` or ETags: 412 if the resource exists, or has one of these");
		header(operation, "If-Match", read ? "ETags, or `*`: 412 unless one is current (compared strongly)"
				: "the ETag you read, or `*`: 412 and no change unless it is still current (compared strongly)");
		addIfAbsent(operation, "412", "PreconditionFailed");
		if (!read) {
			return;
		}
		Header etag = new Header().description("a strong validator of this body (RFC 9110)")
			.required(true)
			.schema(ApiDocs.string("\"0a1b2c3d4e5f60718293a4b5c6d7e8f90\""));
		ApiResponse ok = operation.getResponses().get("200");
		if (ok != null) {
			ok.addHeaderObject("ETag", etag);
		}
		operation.getResponses()
			.addApiResponse("304", new ApiResponse().description("Not modified: the copy you hold is current")
				.addHeaderObject("ETag", etag));
	}

	private static void header(Operation operation, String name, String description) {
		boolean declared = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch(p -> name.equalsIgnoreCase(p.getName()));
		if (!declared) {
			operation.addParametersItem(new Parameter().in("header")
				.name(name)
				.required(false)
				.description(description)
				.schema(ApiDocs.string("\"0a1b2c3d4e5f60718293a4b5c6d7e8f90\"")));
		}
	}

	/**
	 * Every response carries {@code X-Request-Id} (io.staybook.shared.observability.RequestIdFilter); a reference to a
	 * shared response gets it there, since a {@code $ref} takes no siblings.
	 */
	private static void requestId(ApiResponse response) {
		if (response.get$ref() != null) {
			return;
		}
		Schema<Object> id = ApiDocs.string("0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50");
		id.setMaxLength(128);
		id.setPattern("^[A-Za-z0-9._-]{1,128}$");
		response.addHeaderObject("X-Request-Id", new Header()
			.description("the request's id, for support and logs: the X-Request-Id sent, if it is at most 128 characters of"
					+ " A-Z a-z 0-9 . _ -, else a new one")
			.required(true)
			.schema(id));
	}

	private static void addIfAbsent(Operation operation, String status, String response) {
		if (!operation.getResponses().containsKey(status)) {
			operation.getResponses().addApiResponse(status, new ApiResponse().$ref(RESPONSES + response));
		}
	}

	/**
	 * OpenAPI 3.1 has no {@code nullable}: null is one of the types. Schemas with properties are objects. A field that
	 * must not be blank has at least one character.
	 */
	@SuppressWarnings("unchecked")
	private static void nullableAndObject(Schema<?> schema) {
		// swagger-core applies @Size (default min 0) after NotBlankProperties marked the field: the pattern survives
		if (NotBlankProperties.NOT_BLANK.equals(schema.getPattern())
				&& (schema.getMinLength() == null || schema.getMinLength() < 1)) {
			schema.setMinLength(1);
		}
		Set<String> types = schema.getTypes() != null ? new LinkedHashSet<>(schema.getTypes()) : new LinkedHashSet<>();
		if (types.isEmpty() && schema.getType() != null) {
			types.add(schema.getType());
		}
		if (types.isEmpty() && schema.get$ref() == null && schema.getProperties() != null) {
			types.add("object");
		}
		if (Boolean.TRUE.equals(schema.getNullable())) {
			types.add("null");
			schema.setNullable(null);
			if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
				((List<Object>) schema.getEnum()).add(null);
			}
		}
		if (!types.isEmpty()) {
			schema.setTypes(types);
		}
	}

	/**
	 * A decimal string of the API is money, sent with two fraction digits; swagger-core parses the example of a
	 * {@code BigDecimal} as a JSON number ({@code @Schema(example = "120.00")} is documented as {@code "120.0"}), so it
	 * is written back as the service writes it. Only string schemas are touched: a number schema casts any example
	 * back to a number (see {@code PropertyDocs} for money that may be either).
	 */
	private static void moneyExample(Schema<?> schema) {
		Object example = schema.getExample();
		if (example == null || schema.getTypes() == null || !schema.getTypes().contains("string")
				|| !DECIMAL.matcher(example.toString()).matches()) {
			return;
		}
		((Schema<Object>) schema).setExample(money(example));
	}

	/** An amount as the API writes money: a decimal string with two fraction digits ({@code "120.00"}). */
	static String money(Object amount) {
		return new BigDecimal(amount.toString()).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}

	/** Every schema nested in this one (properties, items, compositions), this one first. */
	private static void walk(Schema<?> schema, Consumer<Schema<?>> visit) {
		Deque<Schema<?>> todo = new ArrayDeque<>(List.of(schema));
		Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		while (!todo.isEmpty()) {
			Schema<?> next = todo.pop();
			if (!seen.add(next)) {
				continue;
			}
			visit.accept(next);
			children(next).forEach(todo::push);
		}
	}

	private static List<Schema<?>> children(Schema<?> schema) {
		List<Schema<?>> children = new ArrayList<>();
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(children::add);
		}
		if (schema.getItems() != null) {
			children.add(schema.getItems());
		}
		if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
			children.add(additional);
		}
		for (List<Schema> composed : new List[] { schema.getAllOf(), schema.getOneOf(), schema.getAnyOf() }) {
			if (composed != null) {
				composed.forEach(children::add);
			}
		}
		return children;
	}

	/** The top schemas of response bodies (true) or request bodies (false), problem details aside. */
	private static List<Schema<?>> bodies(OpenAPI openApi, boolean responses) {
		List<Schema<?>> bodies = new ArrayList<>();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			List<Content> contents = new ArrayList<>();
			if (responses) {
				operation.getResponses().values().stream().map(ApiResponse::getContent).forEach(contents::add);
			}
			else if (operation.getRequestBody() != null) {
				contents.add(operation.getRequestBody().getContent());
			}
			contents.stream()
				.filter(Objects::nonNull)
				.flatMap(content -> content.values().stream())
				.map(MediaType::getSchema)
				.filter(Objects::nonNull)
				.forEach(bodies::add);
		}));
		return bodies;
	}

	/** The names of the component schemas these schemas refer to, directly or through others. */
	private static Set<String> reachable(Map<String, Schema> schemas, List<Schema<?>> roots) {
		Set<String> names = new HashSet<>();
		Deque<Schema<?>> todo = new ArrayDeque<>(roots);
		while (!todo.isEmpty()) {
			walk(todo.pop(), schema -> {
				String ref = schema.get$ref();
				if (ref != null && ref.startsWith(SCHEMAS)) {
					String name = ref.substring(SCHEMAS.length());
					if (names.add(name) && schemas.containsKey(name)) {
						todo.push(schemas.get(name));
					}
				}
			});
		}
		names.remove("Problem");
		names.remove("FieldError");
		return names;
	}
}
