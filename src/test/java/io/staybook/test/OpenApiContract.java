package io.staybook.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks real HTTP exchanges against the service's own OpenAPI document ({@code /v3/api-docs}, fetched once per
 * running service), with Atlassian's openapi-request-validator (OpenAPI 3.1 through JSON Schema 2020-12). The response
 * is always checked: its status must be documented, and its headers, content type and body must match. The request is
 * checked only when the service accepted it (2xx): a request the document calls invalid but the service took is drift,
 * while a deliberately bad request is refused and says nothing about the document.
 * <p>
 * Non-API paths (actuator, GraphQL, GraphiQL and its WebJars, the document itself, Swagger UI, the job dashboard) and the methods HTTP gives every path (HEAD,
 * OPTIONS) are not checked. A path or method the document does not know is fine only when the service refuses it.
 * <p>
 * {@code -Dstaybook.openapi.validation=report} only prints violations instead of failing (for a migration); the
 * default is strict.
 */
public final class OpenApiContract {

	private static final List<String> NOT_API = List.of("/actuator", "/graphql", "/graphiql", "/webjars",
			"/v3/api-docs", "/swagger-ui", "/db-scheduler");

	/** Methods HTTP itself gives every path (RFC 9110: HEAD mirrors GET; OPTIONS is CORS's preflight). */
	private static final Set<String> HTTP_LEVEL = Set.of("HEAD", "OPTIONS");

	private static final Map<Integer, OpenApiContract> BY_PORT = new ConcurrentHashMap<>();

	private static final boolean REPORT_ONLY = "report".equals(System.getProperty("staybook.openapi.validation"));

	private final OpenApiInteractionValidator validator;

	private OpenApiContract(String document) {
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
			// an undocumented field in a body is drift as much as a missing one
			.withLevelResolver(LevelResolver.create()
				.withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
				.build())
			.withStrictOperationPathMatching()
			.build();
	}

	/** The contract of the service on this port, its document fetched the first time. */
	public static OpenApiContract of(int port) {
		return BY_PORT.computeIfAbsent(port, p -> new OpenApiContract(fetch(p)));
	}

	/** A contract from a document given as JSON, for testing this class itself. */
	public static OpenApiContract of(String document) {
		return new OpenApiContract(document);
	}

	/**
	 * The violations of one exchange, one per line, or an empty string. {@code requestBody} is null when there was
	 * none or it is unknown (a streamed body); then the request body is not checked.
	 */
	public String violations(String method, String pathAndQuery, Map<String, String> requestHeaders, String requestBody,
			boolean requestBodyKnown, Api.Response response) {
		URI uri = URI.create(pathAndQuery);
		// the contract makes a trailing slash the same path (UrlHandlerFilter); the document lists each path once
		String path = uri.getRawPath().length() > 1 && uri.getRawPath().endsWith("/")
				? uri.getRawPath().substring(0, uri.getRawPath().length() - 1) : uri.getRawPath();
		if (NOT_API.stream().anyMatch(path::startsWith) || HTTP_LEVEL.contains(method)) {
			return "";
		}
		Request request = request(method, path, uri.getRawQuery(), requestHeaders, requestBody);
		SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.status());
		response.headers().map().forEach(actual::withHeader);
		if (response.text() != null && !response.text().isEmpty()) {
			actual.withBody(response.text());
		}
		ValidationReport report = validator.validateResponse(path, request.getMethod(), actual.build());
		if (response.status() / 100 == 2 && requestBodyKnown) {
			report = report.merge(validator.validateRequest(request));
		}
		if (unknownOperationAnsweredRightly(report, response.status())) {
			return "";
		}
		boolean bodiless = requestBody == null || requestBody.isEmpty();
		return report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			// the validator asks a request without a body for a Content-Type all the same; there is none to judge
			.filter(m -> !(bodiless && m.getKey().equals("validation.request.contentType.notAllowed")))
			.map(m -> "  " + m.getKey() + ": " + m.getMessage()
					+ (m.getContext().flatMap(c -> c.getPointers()).map(p -> " (at " + p.getInstance() + ")")
						.orElse("")))
			.distinct()
			.collect(Collectors.joining("\n"));
	}

	/** Throws (or with report-only, prints) when the exchange breaks the document. */
	public void check(String method, String pathAndQuery, Map<String, String> requestHeaders, String requestBody,
			boolean requestBodyKnown, Api.Response response) {
		String violations = violations(method, pathAndQuery, requestHeaders, requestBody, requestBodyKnown, response);
		if (violations.isEmpty()) {
			return;
		}
		String message = "The exchange " + method + " " + pathAndQuery + " -> " + response.status()
				+ " disagrees with /v3/api-docs:\n" + violations + "\n  request body: " + abbreviate(requestBody)
				+ "\n  response body: " + abbreviate(response.text());
		if (REPORT_ONLY) {
			System.err.println("[openapi] " + message);
			return;
		}
		throw new AssertionError(message);
	}

	/**
	 * A path or method the document does not know has no operation to compare with: refusing it (4xx) is not drift,
	 * while answering it (an undocumented endpoint) or failing on it (5xx) is.
	 */
	private static boolean unknownOperationAnsweredRightly(ValidationReport report, int status) {
		Set<String> keys = report.getMessages().stream().map(ValidationReport.Message::getKey).collect(Collectors.toSet());
		boolean unknown = keys.contains("validation.request.path.missing")
				|| keys.contains("validation.request.operation.notAllowed");
		return unknown && status / 100 == 4;
	}

	private static Request request(String method, String path, String query, Map<String, String> headers,
			String body) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = decode(eq < 0 ? pair : pair.substring(0, eq));
				String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
				request.withQueryParam(name, value);
			}
		}
		headers.forEach(request::withHeader);
		if (body != null) {
			request.withBody(body);
		}
		return request.build();
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "(none)";
		}
		return text.length() <= 600 ? text : text.substring(0, 600) + "…";
	}

	private static String fetch(int port) {
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
