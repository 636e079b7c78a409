package io.staybook.shared.web;

import io.staybook.test.Accounts;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad inputs derived from an OpenAPI 3.1 document: for every operation (path and method), each path and query
 * parameter, each header the operation defines, each field of its JSON body ({@code $ref}s resolved) and the body as
 * a whole gets values of the wrong type, out of range, too long, with control characters, of no enum value, of an
 * impossible date, and so on; all else in the request is valid (real ids of real records, from {@link SweepFixtures}).
 * A new endpoint is covered as soon as the document lists it.
 */
final class BadInputs {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String LONG = "x".repeat(10_240);

	private static final String TWO_TO_THE_63 = BigInteger.TWO.pow(63).toString();

	/** Stands for {@code \\ud800} in a JSON text: no encoder writes a lone surrogate, so it is put in afterwards. */
	private static final String LONE_SURROGATE = "LONE-SURROGATE-7f3a";

	/**
	 * RFC 9562 §4: a UUID's hexadecimal digits are "case insensitive on input", so an id in upper case is the same id;
	 * {@code Ids.parse} reads it so.
	 */
	private static final String UPPER_CASE = "in upper case (RFC 9562: either case)";

	/** Inputs the sweep derives that are in fact valid, and why. */
	private static final Map<String, String> VALID = Map.of(
			"POST /api/v1/auth/logout with body refresh_token too long (10 KiB)",
			"logging out an unknown refresh token revokes nothing and answers 204, whatever the token",
			"PATCH /api/v1/users/me with body current_password too long (10 KiB)",
			"current_password is read only with password or email; alone it is ignored");

	private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

	/**
	 * One request the service must refuse; {@code validToo} when taking it is right as well (a clamped limit);
	 * {@code field} the body field or query parameter a 400 must name, or null.
	 */
	record Case(String operation, String input, String method, String path, String query, Map<String, String> headers,
			String body, boolean validToo, String field) {

		Case naming(String name) {
			return new Case(operation, input, method, path, query, headers, body, validToo, name);
		}

		String target() {
			return path + (query.isEmpty() ? "" : "?" + query);
		}

		@Override
		public String toString() {
			return operation + " with " + input;
		}
	}

	private final JsonNode document;

	private final SweepFixtures fixtures;

	BadInputs(JsonNode document, SweepFixtures fixtures) {
		this.document = document;
		this.fixtures = fixtures;
	}

	/** Every operation of the document, with its bad inputs, in the document's order. */
	Map<String, List<Case>> byOperation() {
		Map<String, List<Case>> all = new LinkedHashMap<>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			if (METHODS.contains(op.getKey())) {
				Operation operation = new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue());
				// a valid input that changes something would use up a record the later inputs need
				all.put(operation.label(), operation.cases()
					.stream()
					.filter(c -> !c.validToo() || c.method().equals("GET"))
					.toList());
			}
		}));
		return all;
	}

	/** One operation of the document and the valid request its bad inputs start from. */
	private final class Operation {

		final String method;

		final String template;

		final JsonNode spec;

		final List<JsonNode> parameters = new ArrayList<>();

		final JsonNode bodySchema;

		final String bodyType;

		Operation(String method, String template, JsonNode spec) {
			this.method = method;
			this.template = template;
			this.spec = spec;
			spec.path("parameters").forEach(p -> parameters.add(resolve(p)));
			JsonNode content = resolve(spec.path("requestBody")).path("content");
			this.bodyType = content.isObject() && !content.isEmpty() ? content.propertyNames().iterator().next() : null;
			this.bodySchema = bodyType == null ? null : resolve(content.path(bodyType).path("schema"));
		}

		String label() {
			return method + " " + template;
		}

		List<Case> cases() {
			List<Case> cases = new ArrayList<>();
			for (JsonNode parameter : parameters) {
				String in = parameter.path("in").asString();
				String name = parameter.path("name").asString();
				JsonNode schema = resolve(parameter.path("schema"));
				if (in.equals("path")) {
					for (Map.Entry<String, String> bad : badTexts(schema, fixtures.pathValue(template, name))
						.entrySet()) {
						// an empty last segment is the collection itself (a trailing slash is the same path)
						boolean validToo = bad.getKey().equals(UPPER_CASE) || bad.getKey().equals("empty")
								&& method.equals("GET") && template.endsWith("{" + name + "}");
						cases.add(request(in + " " + name + " " + bad.getKey(), Map.of(name, bad.getValue()), Map.of(),
								Map.of(), body(), validToo));
					}
				}
				else if (in.equals("query")) {
					for (Map.Entry<String, String> bad : badQueryTexts(schema, validQuery(name, schema)).entrySet()) {
						boolean validToo = bad.getKey().equals(UPPER_CASE)
								|| bad.getKey().equals("empty") && !parameter.path("required").asBoolean()
								|| bad.getKey().equals("huge") && name.equals("limit");
						// a negative number may be valid where the document sets no minimum (a latitude)
						boolean named = !bad.getKey().equals("negative") || schema.has("minimum");
						cases.add(request(in + " " + name + " " + bad.getKey(), Map.of(), Map.of(name, bad.getValue()),
								Map.of(), body(), validToo).naming(named ? name : null));
					}
				}
				else if (in.equals("header")) {
					for (Map.Entry<String, String> bad : badHeaders(name, schema).entrySet()) {
						// RFC 9110 §13.1.2: an If-None-Match no current tag matches lets the request go on; a blank
						// Idempotency-Key is documented as none (Idempotent.run)
						boolean validToo = name.equals("If-None-Match")
								|| name.equals("Idempotency-Key") && bad.getKey().equals("empty")
										&& !parameter.path("required").asBoolean();
						cases.add(request("header " + name + " " + bad.getKey(), Map.of(), Map.of(),
								Map.of(name, bad.getValue()), body(), validToo));
					}
				}
			}
			if (bodyType != null && bodyType.equals("application/json")) {
				cases.addAll(bodyCases());
			}
			else if (bodyType != null) {
				cases.add(request("body of JSON instead of " + bodyType, Map.of(), Map.of(),
						Map.of("Content-Type", "application/json"), "{}", false));
				cases.add(request("empty " + bodyType + " body", Map.of(), Map.of(), Map.of("Content-Type", bodyType),
						"", false));
			}
			return cases;
		}

		private List<Case> bodyCases() {
			List<Case> cases = new ArrayList<>();
			JsonNode schema = bodySchema;
			ObjectNode valid = validBody();
			boolean anyBodyIsValid = !schema.has("properties");
			Set<String> required = new LinkedHashSet<>();
			schema.path("required").forEach(r -> required.add(r.asString()));
			schema.path("properties").properties().forEach(field -> {
				JsonNode fieldSchema = resolve(field.getValue());
				for (Map.Entry<String, JsonNode> bad : badValues(field.getKey(), fieldSchema,
						required.contains(field.getKey())).entrySet()) {
					ObjectNode body = valid.deepCopy();
					body.set(field.getKey(), bad.getValue());
					cases.add(request("body " + field.getKey() + " " + bad.getKey(), Map.of(), Map.of(), Map.of(),
							JSON.writeValueAsString(body).replace(LONE_SURROGATE, "\\ud800"),
							bad.getKey().equals(UPPER_CASE))
						// Utf8JsonFilter refuses a lone surrogate as malformed JSON, before any field is read
						.naming(bad.getKey().equals("a lone surrogate") ? null : field.getKey()));
				}
			});
			boolean emptyIsValid = required.isEmpty();
			Map<String, String> whole = new LinkedHashMap<>();
			whole.put("empty object", "{}");
			whole.put("an array instead of an object", "[" + JSON.writeValueAsString(valid) + "]");
			whole.put("null", "null");
			whole.put("a string", "\"x\"");
			whole.put("malformed JSON", JSON.writeValueAsString(valid).replaceFirst("}$", ""));
			whole.put("trailing garbage", JSON.writeValueAsString(valid) + "}x");
			whole.put("an unknown field", JSON.writeValueAsString(valid.deepCopy().put("zz_unknown", 1)));
			whole.put("deeply nested JSON", "{\"zz_unknown\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
			whole.put("no body", "");
			for (Map.Entry<String, String> bad : whole.entrySet()) {
				boolean validToo = anyBodyIsValid || emptyIsValid && bad.getKey().equals("empty object")
						|| bad.getKey().equals("no body") && !resolve(spec.path("requestBody")).path("required").asBoolean();
				cases.add(request("body " + bad.getKey(), Map.of(), Map.of(), Map.of(), bad.getValue(), validToo));
			}
			cases.add(request("body as text/plain", Map.of(), Map.of(), Map.of("Content-Type", "text/plain"),
					JSON.writeValueAsString(valid), false));
			cases.add(request("body as form data", Map.of(), Map.of(), Map.of("Content-Type",
					"application/x-www-form-urlencoded"), "a=1", false));
			return cases;
		}

		private String body() {
			if (bodyType == null) {
				return null;
			}
			return bodyType.equals("application/json") ? JSON.writeValueAsString(validBody()) : "";
		}

		private ObjectNode validBody() {
			ObjectNode body = NODES.objectNode();
			JsonNode schema = bodySchema;
			schema.path("required").forEach(r -> body.set(r.asString(),
					validValue(r.asString(), resolve(schema.path("properties").path(r.asString())))));
			if (template.endsWith("/webhooks/{provider}")) {
				body.put("id", "evt_sweep");
			}
			return body;
		}

		private JsonNode validValue(String name, JsonNode schema) {
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			Set<String> types = types(schema);
			if (schema.path("format").asString().equals("date")) {
				LocalDate date = switch (name) {
					case "check_in" -> today.plusDays(40);
					case "check_out" -> today.plusDays(42);
					case "from" -> today.plusDays(120);
					case "to" -> today.plusDays(122);
					case "start" -> today.plusDays(130);
					case "end" -> today.plusDays(132);
					default -> today.plusDays(1);
				};
				return NODES.stringNode(date.toString());
			}
			switch (name) {
				case "property_id":
					return NODES.stringNode(fixtures.property);
				case "booking_id":
					return NODES.stringNode(template.startsWith("/api/v1/reviews") ? fixtures.completed
							: fixtures.pending);
				case "host_id":
					return NODES.stringNode(fixtures.host.id().toString());
				case "guest_id", "author_id":
					return NODES.stringNode(fixtures.guest.id().toString());
				case "email":
					return NODES.stringNode(Accounts.uniqueEmail("sweep"));
				case "password", "current_password":
					return NODES.stringNode(Accounts.PASSWORD);
				case "refresh_token":
					return NODES.stringNode(fixtures.session.refreshToken());
				case "url":
					return NODES.stringNode("https://93.184.215.14/sweep.ics");
				default:
					break;
			}
			if (schema.has("example")) {
				return schema.get("example");
			}
			if (schema.has("enum")) {
				for (JsonNode value : schema.get("enum")) {
					if (!value.isNull()) {
						return value;
					}
				}
			}
			if (types.contains("integer") || types.contains("number")) {
				return NODES.numberNode(schema.path("minimum").asInt(1));
			}
			if (types.contains("boolean")) {
				return NODES.booleanNode(true);
			}
			if (types.contains("array")) {
				return NODES.arrayNode();
			}
			if (types.contains("object")) {
				return NODES.objectNode();
			}
			return NODES.stringNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
		}

		/** {@code path}, {@code query} and {@code headers} are the bad ones; all else is the valid request. */
		private Case request(String input, Map<String, String> path, Map<String, String> query,
				Map<String, String> headers, String body, boolean validToo) {
			String concrete = template;
			for (JsonNode parameter : parameters) {
				String name = parameter.path("name").asString();
				if (parameter.path("in").asString().equals("path")) {
					String value = path.getOrDefault(name, fixtures.pathValue(template, name));
					concrete = concrete.replace("{" + name + "}", encode(value).replace("+", "%20"));
				}
			}
			List<String> pairs = new ArrayList<>();
			for (JsonNode parameter : parameters) {
				String name = parameter.path("name").asString();
				if (parameter.path("in").asString().equals("query")) {
					String value = query.containsKey(name) ? query.get(name)
							: parameter.path("required").asBoolean() ? validQuery(name, resolve(parameter.path("schema")))
									: null;
					if (value != null) {
						pairs.add(encode(name) + "=" + encode(value));
					}
				}
			}
			Map<String, String> all = new LinkedHashMap<>();
			for (JsonNode parameter : parameters) {
				if (parameter.path("in").asString().equals("header") && parameter.path("required").asBoolean()) {
					all.put(parameter.path("name").asString(), UUID.randomUUID().toString());
				}
			}
			if (body != null && bodyType != null) {
				all.put("Content-Type", bodyType.equals("multipart/form-data")
						? "multipart/form-data; boundary=sweep" : bodyType);
			}
			all.putAll(headers);
			return new Case(label(), input, method, concrete, String.join("&", pairs), all, body,
					validToo || VALID.containsKey(label() + " with " + input), null);
		}

		private String validQuery(String name, JsonNode schema) {
			if (name.equals("token")) {
				return fixtures.icalToken;
			}
			JsonNode value = validValue(name, schema);
			return value.isString() ? value.asString() : value.toString();
		}
	}

	/** Bad texts for a path or query parameter of {@code schema}. */
	private static Map<String, String> badTexts(JsonNode schema, String real) {
		Map<String, String> bad = new LinkedHashMap<>();
		Set<String> types = types(schema);
		String format = schema.path("format").asString();
		if (format.equals("uuid")) {
			bad.put("not a UUID", "not-a-uuid");
			bad.put(UPPER_CASE, real.toUpperCase(Locale.ROOT));
			bad.put("non-canonical (no dashes)", real.replace("-", ""));
			bad.put("non-canonical (braces)", "{" + real + "}");
			bad.put("a number", "12345");
		}
		else if (format.equals("date")) {
			bad.put("impossible date", "2026-02-30");
			bad.put("month 13", "2026-13-01");
			bad.put("wrong date format", "01/02/2026");
			bad.put("date-time", "2026-03-01T00:00:00Z");
			bad.put("year 10000", "+10000-01-01");
		}
		else if (types.contains("integer") || types.contains("number")) {
			bad.put("wrong type", "abc");
			bad.put("huge", "99999999999999999999");
			bad.put("2^63", TWO_TO_THE_63);
			bad.put("negative", "-1");
			bad.put("1e308", "1e308");
			bad.put("NaN", "NaN");
			if (types.contains("integer")) {
				bad.put("fraction", "1.5");
			}
		}
		else if (types.contains("boolean")) {
			bad.put("wrong type", "maybe");
		}
		if (schema.has("enum")) {
			bad.put("unknown enum", "not_a_value");
		}
		bad.put("empty", "");
		bad.put("too long (10 KiB)", LONG);
		bad.put("control characters", "a\u0001\u0000b");
		// the API's rule for text: no control character in a parameter (Characters.fault)
		bad.put("BEL and an escape sequence", "a\u0007\u001b[2Jb");
		bad.put("DEL and a C1 control", "a\u007f\u0085b");
		return bad;
	}

	/** Bad texts for a query parameter, a single line: those of any parameter, and line breaks. */
	private static Map<String, String> badQueryTexts(JsonNode schema, String real) {
		Map<String, String> bad = badTexts(schema, real);
		bad.put("a line feed", "a\nb");
		bad.put("a carriage return", "a\rb");
		bad.put("a tab", "a\tb");
		return bad;
	}

	/** Bad values of a header the operation defines. */
	private static Map<String, String> badHeaders(String name, JsonNode schema) {
		Map<String, String> bad = new LinkedHashMap<>();
		int max = schema.path("maxLength").asInt(0);
		if (max > 0) {
			bad.put("one over maxLength", "k".repeat(max + 1));
		}
		bad.put("too long (4k)", "k".repeat(4000));
		bad.put("control character (tab)", "a\tb");
		// no non-ASCII value: java.net.http sends each such character as '?' (IdempotentCreationIntegrationTests
		// sends one over a socket)
		bad.put("empty", "");
		if (name.equals("If-Match") || name.equals("If-None-Match")) {
			bad.put("garbage", "not an etag");
		}
		return bad;
	}

	/** Bad JSON values of a body field of {@code schema}. */
	private Map<String, JsonNode> badValues(String name, JsonNode schema, boolean required) {
		Map<String, JsonNode> bad = new LinkedHashMap<>();
		Set<String> types = types(schema);
		if (!types.contains("null") && (required || !types.isEmpty())) {
			bad.put("null", NODES.nullNode());
		}
		ObjectNode object = NODES.objectNode().put("a", 1);
		ArrayNode array = NODES.arrayNode().add(1);
		if (!types.contains("object")) {
			bad.put("an object", object);
		}
		if (!types.contains("array")) {
			bad.put("an array", array);
		}
		if (!types.contains("boolean")) {
			bad.put("a boolean", NODES.booleanNode(true));
		}
		if (types.contains("string") && !types.contains("number")) {
			bad.put("a number", NODES.numberNode(12345));
		}
		if (types.contains("integer") || types.contains("number")) {
			if (!types.contains("string")) {
				bad.put("a string", NODES.stringNode("abc"));
			}
			bad.put("1e308", NODES.numberNode(new java.math.BigDecimal("1e308")));
			bad.put("-1e308", NODES.numberNode(new java.math.BigDecimal("-1e308")));
			bad.put("2^63", NODES.numberNode(new BigInteger(TWO_TO_THE_63)));
			if (schema.has("minimum") && schema.get("minimum").asDouble() > -1) {
				bad.put("-1", NODES.numberNode(-1));
			}
			if (types.contains("integer")) {
				bad.put("a fraction", NODES.numberNode(new java.math.BigDecimal("1.5")));
			}
		}
		if (types.contains("boolean")) {
			bad.put("a number for a boolean", NODES.numberNode(1));
			bad.put("a string for a boolean", NODES.stringNode("yes"));
		}
		if (types.contains("array")) {
			bad.put("an array of objects", NODES.arrayNode().add(object));
			bad.put("an array of 10 KiB strings", NODES.arrayNode().add(LONG));
		}
		if (types.contains("string")) {
			int max = schema.path("maxLength").asInt(0);
			if (max > 0) {
				bad.put("one over maxLength", NODES.stringNode("x".repeat(max + 1)));
			}
			bad.put("too long (10 KiB)", NODES.stringNode(LONG));
			bad.put("control characters", NODES.stringNode("a\u0000b\u0001"));
			bad.put("a lone surrogate", NODES.stringNode("a" + LONE_SURROGATE + "b"));
			// the API's rule for text (Characters.fault): a password (x-secret) takes all but NUL; a multi-line
			// field (x-multi-line) takes tab, line feed and carriage return; nothing else takes any control character
			if (!schema.path("x-secret").asBoolean()) {
				bad.put("BEL, an escape sequence and a backspace", NODES.stringNode("a\u0007\u001b[2J\u0008b"));
				bad.put("DEL and C1 controls", NODES.stringNode("a\u007f\u0085\u009bb"));
				bad.put("U+FFFE", NODES.stringNode("a\ufffeb"));
				if (!schema.path("x-multi-line").asBoolean()) {
					bad.put("a line feed", NODES.stringNode("a\nb"));
					bad.put("a carriage return", NODES.stringNode("a\rb"));
					bad.put("a tab", NODES.stringNode("a\tb"));
				}
			}
			switch (schema.path("format").asString()) {
				case "date" -> {
					bad.put("impossible date", NODES.stringNode("2026-02-30"));
					bad.put("wrong date format", NODES.stringNode("01/02/2026"));
					bad.put("year 10000", NODES.stringNode("+10000-01-01"));
				}
				case "uuid" -> {
					bad.put("not a UUID", NODES.stringNode("not-a-uuid"));
					bad.put(UPPER_CASE, NODES.stringNode(fixtures.property.toUpperCase(Locale.ROOT)));
				}
				case "email" -> bad.put("not an email", NODES.stringNode("not-an-email"));
				default -> {
				}
			}
			if (schema.has("enum")) {
				bad.put("unknown enum", NODES.stringNode("not_a_value"));
			}
		}
		if (types.contains("number") && types.contains("string")) {
			bad.put("a huge decimal string", NODES.stringNode("1e999999"));
			bad.put("a non-number string", NODES.stringNode("abc"));
		}
		if (name.isEmpty()) {
			bad.clear();
		}
		return bad;
	}

	private static Set<String> types(JsonNode schema) {
		Set<String> types = new LinkedHashSet<>();
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			type.forEach(t -> types.add(t.asString()));
		}
		else if (type.isString()) {
			types.add(type.asString());
		}
		return types;
	}

	/** The node, or what its {@code $ref} names (a local reference, {@code #/components/...}). */
	private JsonNode resolve(JsonNode node) {
		JsonNode resolved = node;
		while (resolved.has("$ref")) {
			resolved = document.at(resolved.get("$ref").asString().substring(1));
		}
		return resolved;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
