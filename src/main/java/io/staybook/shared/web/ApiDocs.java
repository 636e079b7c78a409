package io.staybook.shared.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI document's shared parts: the bearer scheme, the problem-detail schema (RFC 9457, with our {@code code}
 * and {@code errors}), and one named response per error status that operations refer to
 * ({@code @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)}). {@link OpenApiConventions} adds the responses,
 * headers and rules that hold for every operation, so no controller repeats them.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

	public static final String BAD_REQUEST = "#/components/responses/BadRequest";

	public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

	public static final String FORBIDDEN = "#/components/responses/Forbidden";

	public static final String NOT_FOUND = "#/components/responses/NotFound";

	public static final String CONFLICT = "#/components/responses/Conflict";

	public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

	/**
	 * The sentence on paging that ends the description of each list of newest-first rows (users, bookings,
	 * payments); it starts with a space, to follow the operation's own sentences.
	 */
	public static final String NEWEST_FIRST_PAGES = " Cursor-paged, newest first: `limit` defaults to 20, is at least"
			+ " 1 and is clamped to 100; pass `next_cursor` back as `cursor` until it is null (a cursor not made by the"
			+ " service is a 400 `validation_failed`).";

	/**
	 * The last sentence of the description of each creating POST that takes an optional {@code Idempotency-Key}
	 * ({@code Idempotent#run}, scoped to the caller); it starts with a space, to follow the operation's own sentences.
	 */
	public static final String IDEMPOTENT_CREATE = " `Idempotency-Key` is optional: the same key and body from the"
			+ " same user within 24 hours replays the first 201 with `Idempotency-Replayed: true`; another body"
			+ " under the key is a 400 `idempotency_key_reused`, and a repeat while the first is in flight a 409"
			+ " `request_in_progress`.";

	static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenAPI staybookOpenApi() {
		Components components = new Components()
			.addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
						.description("An access_token from POST /api/v1/auth/token"))
			.addSchemas("Problem", problemSchema())
			.addSchemas("FieldError", object(Map.of("field", string("check_out"), "message",
					string("must be after check_in")), List.of("field", "message")));
		responses().forEach(components::addResponses);
		return new OpenAPI()
			.info(new Info().title("Staybook API")
				.version("v1")
				.description("Backend of a short-term rental marketplace: accounts, listings, bookings, payments and"
						+ " reviews. JSON in snake_case; errors are RFC 9457 problem details; lists are cursor-paged."
						+ " Text: every string field and query parameter is a single line without control characters"
						+ " (Unicode category Cc: NUL, tab, line feed, carriage return, ESC, DEL, U+0080 to U+009F...),"
						+ " unpaired surrogates, U+FFFE or U+FFFF; a field marked `x-multi-line` (descriptions, message"
						+ " bodies, review texts, reasons) may also hold tab, line feed and carriage return, and a"
						+ " password (`x-secret`) refuses only NUL. Anything else is a 400 `validation_failed` naming"
						+ " the field.")
				.contact(new Contact().name("Staybook API team"))
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.servers(List.of(new Server().url("/").description("this service")))
			.tags(List.of(tag("Authentication", "Log in, refresh and log out; tokens are bearer JWTs"),
					tag("Users", "Accounts and profiles"), tag("Properties", "Listings, search, availability, blocks, photos and prices"),
					tag("Calendar sync", "A listing's iCal export and the external calendars it imports"),
					tag("Media", "Stored images: immutable, content-addressed"),
					tag("Bookings", "Stays: booking, changing, cancelling, checking in and out"),
					tag("Payments", "Paying for bookings, and the providers' webhooks"),
					tag("Payouts", "What hosts are paid after each stay"),
					tag("Reviews", "Reviews of completed stays"),
					tag("Messages", "Conversations between a guest and a listing's host"),
					tag("Wishlists", "A user's private, named lists of listings"),
					tag("Administration", "Operators' views (admins)")))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	/**
	 * Schemas name properties as the API spells them ({@code first_name}). swagger-core introspects models with its
	 * own Jackson 2 mapper, which knows nothing of {@code spring.jackson.property-naming-strategy}; without this the
	 * document showed {@code firstName} for every field.
	 */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	@Bean
	OpenApiConventions openApiConventions() {
		return new OpenApiConventions();
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

	/** A {@code type: string} schema, as OpenAPI 3.1 spells types (a set). */
	static Schema<Object> string(String example) {
		Schema<Object> schema = typed("string");
		if (example != null) {
			schema.setExample(example);
		}
		return schema;
	}

	static Schema<Object> typed(String... types) {
		Schema<Object> schema = new Schema<>();
		schema.setTypes(new java.util.LinkedHashSet<>(List.of(types)));
		return schema;
	}

	static Schema<Object> object(Map<String, Schema<?>> properties, List<String> required) {
		Schema<Object> schema = typed("object");
		properties.forEach(schema::addProperty);
		schema.setRequired(required);
		return schema;
	}

	private static Schema<?> problemSchema() {
		Map<String, Schema<?>> properties = new LinkedHashMap<>();
		properties.put("type", string("urn:staybook:problem:validation_failed").format("uri"));
		properties.put("title", string("Bad Request"));
		properties.put("status", typed("integer").format("int32").example(400));
		properties.put("detail", string("The request is not valid."));
		properties.put("instance", string("/api/v1/bookings").format("uri-reference"));
		properties.put("code", string("validation_failed").description("stable, machine-readable; also the end of type"));
		properties.put("errors", typed("array").items(new Schema<>().$ref("#/components/schemas/FieldError"))
			.description("for validation failures: every field that failed, with why"));
		Schema<?> problem = object(properties, List.of("type", "title", "status", "code"));
		problem.description("RFC 9457 problem details");
		return problem;
	}

	private static Map<String, ApiResponse> responses() {
		Map<String, ApiResponse> responses = new LinkedHashMap<>();
		responses.put("BadRequest", problem("Malformed JSON, unknown fields or query parameters, wrong types or failed validation", 400,
				"validation_failed", "The request is not valid.", List.of(Map.of("field", "email", "message",
						"must be a well-formed email address"))));
		ApiResponse unauthorized = problem("No, an invalid or an expired access token, or wrong credentials", 401,
				"unauthorized", "A valid access token is required.", null);
		unauthorized.addHeaderObject("WWW-Authenticate", new Header()
			.description("the challenge (RFC 9110 §11.6.1): `Bearer realm=\"staybook\"`, with RFC 6750's `error`"
					+ " (`invalid_token`, `invalid_request`) when a bearer token was sent and refused")
			.required(true)
			.schema(string("Bearer realm=\"staybook\", error=\"invalid_token\"")));
		responses.put("Unauthorized", unauthorized);
		responses.put("Forbidden", problem("Authenticated, but not allowed to do this", 403, "forbidden",
				"You may not do this.", null));
		responses.put("NotFound", problem("No such resource, or one you may not see", 404, "not_found",
				"Booking not found.", null));
		responses.put("MethodNotAllowed", problem("The path exists, but not with this method", 405,
				"method_not_allowed", "Method 'PUT' is not supported.", null));
		responses.put("NotAcceptable", problem("The Accept header takes nothing this operation answers in: another"
				+ " type, a range with q=0 (RFC 9110 §12.4.2), or application/problem+json alone (only errors are"
				+ " problems)", 406, "not_acceptable", "Not Acceptable", null));
		responses.put("UriTooLong", problem("The request line (path and query) is longer than the server reads"
				+ " (8 KiB with the header fields)", 414, "uri_too_long", "URI Too Long.", null));
		responses.put("HeaderFieldsTooLarge", problem("The header fields are larger than the server reads (8 KiB"
				+ " with the request line) or more than 100", 431, "request_header_fields_too_large",
				"Request Header Fields Too Large.", null));
		responses.put("PreconditionFailed", problem("An If-Match or If-None-Match that does not hold: the resource"
				+ " changed since its ETag was read, or has no ETag and If-Match named tags (only * holds there), or"
				+ " exists and a write other than a creating POST came with If-None-Match: *; nothing was changed", 412,
				"precondition_failed", "The resource is not in the state If-Match or If-None-Match requires.", null));
		responses.put("Conflict", problem("Conflicts with the current state", 409, "conflict",
				"An account with this email already exists.", null));
		responses.put("PayloadTooLarge", problem("The body is larger than 1 MiB", 413, "payload_too_large",
				"The request body is larger than 1048576 bytes.", null));
		ApiResponse unsupported = problem("The body is not JSON in UTF-8 (`unsupported_media_type`,"
				+ " `unsupported_charset`), or is sent in a content coding such as gzip, which is not decoded", 415,
				"unsupported_media_type",
				"Content-Type 'text/plain' is not supported.", null);
		unsupported.addHeaderObject("Accept-Encoding", new Header()
			.description("`identity` when the body was refused for its Content-Encoding (RFC 9110 §15.5.16)")
			.schema(string("identity")));
		responses.put("UnsupportedMediaType", unsupported);
		ApiResponse tooMany = problem("Rate limited (`too_many_requests`, or `too_many_login_attempts` and `too_many_registrations` on those"
				+ " paths); retry after the seconds in Retry-After", 429,
				"too_many_login_attempts", "Too many failed logins for this email; try again later.", null);
		tooMany.addHeaderObject("Retry-After", new Header().description("seconds to wait before trying again")
			.required(true)
			.schema(typed("integer").minimum(java.math.BigDecimal.ONE)));
		// draft-ietf-httpapi-ratelimit-headers (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/)
		tooMany.addHeaderObject("RateLimit-Policy", new Header()
			.description("the limits that apply: name, quota q per window of w seconds (IETF RateLimit header draft)")
			.schema(string("\"login-ip\";q=20;w=60")));
		tooMany.addHeaderObject("RateLimit", new Header()
			.description("what is left of each limit: name, remaining r, seconds t until it is full again")
			.schema(string("\"login-ip\";r=0;t=17")));
		responses.put("TooManyRequests", tooMany);
		responses.put("InternalError", problem("A fault of the service; the body says nothing more", 500,
				"internal_error", "Something went wrong on our side.", null));
		ApiResponse unavailable = problem("The database is unreachable, overloaded or too slow, or too many requests"
				+ " wait for the same listing; retry after Retry-After",
				503, "service_unavailable", "The database took too long to answer; retry shortly.", null);
		unavailable.addHeaderObject("Retry-After", new Header().description("seconds to wait before trying again")
			.required(true)
			.schema(typed("integer").minimum(java.math.BigDecimal.ONE)));
		responses.put("ServiceUnavailable", unavailable);
		return responses;
	}

	private static ApiResponse problem(String description, int status, String code, String detail,
			List<Map<String, String>> errors) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "urn:staybook:problem:" + code);
		example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
		example.put("status", status);
		example.put("detail", detail);
		example.put("instance", "/api/v1/bookings");
		example.put("code", code);
		if (errors != null) {
			example.put("errors", errors);
		}
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
						.addExamples("example", new Example().value(example))));
	}

}
