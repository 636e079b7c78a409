package io.staybook.shared.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's shared parts: the bearer scheme, the problem-detail schema, and one named response per error
 * status that operations refer to ({@code @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)}). Every
 * operation is given the 400 and 500 responses, and every secured one the 401, so none is forgotten.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

	public static final String BAD_REQUEST = "#/components/responses/BadRequest";

	public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

	public static final String FORBIDDEN = "#/components/responses/Forbidden";

	public static final String NOT_FOUND = "#/components/responses/NotFound";

	public static final String CONFLICT = "#/components/responses/Conflict";

	public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

	private static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenAPI staybookOpenApi() {
		Components components = new Components()
			.addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
						.description("An access_token from POST /api/v1/auth/token"))
			.addSchemas("Problem", problemSchema())
			.addSchemas("FieldError", new ObjectSchema().addProperty("field", new StringSchema().example("check_out"))
				.addProperty("message", new StringSchema().example("must be after check_in")));
		responses().forEach(components::addResponses);
		return new OpenAPI()
			.info(new Info().title("Staybook API")
				.version("v1")
				.description("Backend of a short-term rental marketplace: accounts, listings, bookings, payments and"
						+ " reviews. JSON in snake_case; errors are RFC 9457 problem details; lists are cursor-paged.")
				.license(new License().name("Apache-2.0")))
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
	OpenApiCustomizer standardErrorResponses() {
		return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			addIfAbsent(operation, "400", BAD_REQUEST);
			if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
				addIfAbsent(operation, "401", UNAUTHORIZED);
			}
			addIfAbsent(operation, "500", "#/components/responses/InternalError");
		}));
	}

	private static void addIfAbsent(Operation operation, String status, String ref) {
		if (!operation.getResponses().containsKey(status)) {
			operation.getResponses().addApiResponse(status, new ApiResponse().$ref(ref));
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().example("urn:staybook:problem:validation_failed"))
			.addProperty("title", new StringSchema().example("Bad Request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("The request is not valid."))
			.addProperty("instance", new StringSchema().example("/api/v1/bookings"))
			.addProperty("code", new StringSchema().example("validation_failed"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
	}

	private static Map<String, ApiResponse> responses() {
		Map<String, ApiResponse> responses = new LinkedHashMap<>();
		responses.put("BadRequest", problem("Malformed JSON, unknown fields, wrong types or failed validation", 400,
				"validation_failed", "The request is not valid.", List.of(Map.of("field", "email", "message",
						"must be a well-formed email address"))));
		responses.put("Unauthorized", problem("No, an invalid or an expired access token, or wrong credentials", 401,
				"unauthorized", "A valid access token is required.", null));
		responses.put("Forbidden", problem("Authenticated, but not allowed to do this", 403, "forbidden",
				"You may not do this.", null));
		responses.put("NotFound", problem("No such resource, or one you may not see", 404, "not_found",
				"Booking not found.", null));
		responses.put("Conflict", problem("Conflicts with the current state", 409, "conflict",
				"An account with this email already exists.", null));
		responses.put("TooManyRequests", problem("Rate limited; see the Retry-After header", 429,
				"too_many_requests", "Too many failed logins for this email; try again later.", null));
		responses.put("InternalError", problem("A fault of the service; the body says nothing more", 500,
				"internal_error", "Something went wrong on our side.", null));
		return responses;
	}

	private static ApiResponse problem(String description, int status, String code, String detail,
			List<Map<String, String>> errors) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "urn:staybook:problem:" + code);
		example.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
		example.put("status", status);
		example.put("detail", detail);
		example.put("instance", "/api/v1/...");
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
