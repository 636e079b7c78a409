package io.staybook.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: real requests to the running service, JSON in and out.
 * {@code api.post("/api/v1/bookings", body).as(token).send()}. Every exchange is checked against the service's own
 * OpenAPI document ({@link OpenApiContract}), so the document cannot drift from what the service does.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final IntSupplier port;

	private final Function<Accounts.TestUser, String> tokens;

	Api(IntSupplier port, Function<Accounts.TestUser, String> tokens) {
		this.port = port;
		this.tokens = tokens;
	}

	public Call get(String path) {
		return new Call("GET", path, null);
	}

	public Call post(String path, Object body) {
		return new Call("POST", path, body);
	}

	public Call patch(String path, Object body) {
		return new Call("PATCH", path, body);
	}

	public Call put(String path, Object body) {
		return new Call("PUT", path, body);
	}

	public Call delete(String path) {
		return new Call("DELETE", path, null);
	}

	/** Any method, for the requests a client should not make (PUT where there is none, say). */
	public Call request(String method, String path) {
		return new Call(method, path, null);
	}

	/** The service's own OpenAPI document, which every exchange of this client is checked against. */
	public OpenApiContract contract() {
		return OpenApiContract.of(port.getAsInt());
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	public final class Call {

		private final String method;

		private final String path;

		private Object body;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Call(String method, String path, Object body) {
			this.method = method;
			this.path = path;
			this.body = body;
			if (body != null) {
				headers.put("Content-Type", "application/json");
			}
		}

		/** With {@code Authorization: Bearer <token>}; a null token sends none. */
		public Call as(String accessToken) {
			if (accessToken != null) {
				headers.put("Authorization", "Bearer " + accessToken);
			}
			return this;
		}

		/**
		 * As {@code user}, with a token that is valid now: access tokens expire by the service's clock, which tests
		 * move, so a user whose token has expired meanwhile logs in again. (A test about expiry uses the token string.)
		 */
		public Call as(Accounts.TestUser user) {
			return as(tokens.apply(user));
		}

		public Call header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/** Sends a string body exactly as given (to test malformed JSON), instead of serialising an object. */
		public Call raw(String text) {
			this.body = new RawBody(text);
			return this;
		}

		/**
		 * Sends the body of this publisher as is: with its length as {@code Content-Length} when it knows it, chunked
		 * when it does not ({@code BodyPublishers.ofInputStream}).
		 */
		public Call body(HttpRequest.BodyPublisher publisher) {
			this.body = publisher;
			return this;
		}

		public Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
				.timeout(Duration.ofSeconds(60));
			headers.forEach(request::header);
			HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
					: body instanceof HttpRequest.BodyPublisher given ? given : HttpRequest.BodyPublishers.ofString(text(body));
			request.method(method, publisher);
			try {
				HttpResponse<String> sent = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				Response response = new Response(sent.statusCode(), sent.headers(), sent.body());
				boolean bodyKnown = !(body instanceof HttpRequest.BodyPublisher);
				OpenApiContract.of(port.getAsInt())
					.check(method, path, headers, bodyKnown ? text(body) : null, bodyKnown, response);
				return response;
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

	private static String text(Object body) {
		return body == null ? null : body instanceof RawBody raw ? raw.text() : body instanceof String s ? s : json(body);
	}

	private record RawBody(String text) {
	}

	public record Response(int status, java.net.http.HttpHeaders headers, String text) {

		public JsonNode body() {
			return text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		/** The field errors of a problem detail, as "field: message" lines. */
		public java.util.List<String> fieldErrors() {
			java.util.List<String> errors = new java.util.ArrayList<>();
			body().path("errors").forEach(e -> errors.add(e.path("field").asString()));
			return errors;
		}

		@Override
		public String toString() {
			return status + " " + text;
		}
	}
}
