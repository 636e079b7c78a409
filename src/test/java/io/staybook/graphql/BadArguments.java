package io.staybook.graphql;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad arguments for a root field, derived from its schema types alone, so that a field added to the schema is swept
 * without a line here: for every argument and every input-object field under it (the "target"), the other arguments
 * valid and the target one bad value at a time. A value is bad by its type (a literal or variable of the wrong type,
 * null for a non-null, an unknown enum value or input field, a missing required field, an Int outside 32 bits, a
 * non-finite or huge Float, a list of 10,000) or by what the name says it holds (an ID that is no canonical UUID, a
 * date that does not exist, money with three decimals, 10,000 characters, a NUL).
 */
final class BadArguments {

	/** What a case must get back. */
	enum Expect {

		/** A client error, the field's data null, nothing changed. */
		REFUSED,

		/** Whatever the service decides (0 for an Int may be fine), but never a server error or a leak. */
		SAFE

	}

	/** One request: the document, its variables, who sends it and what it must get back. */
	record Case(String name, String field, String operation, String caller, String document,
			Map<String, Object> variables, Expect expect, Set<String> names) {
	}

	/** A value of an argument as GraphQL source, an input object whose fields can be replaced, or a variable. */
	sealed interface Node permits Source, InputObject {

		String render();

	}

	record Source(String text) implements Node {

		@Override
		public String render() {
			return text;
		}
	}

	record InputObject(Map<String, Node> fields) implements Node {

		@Override
		public String render() {
			List<String> parts = new ArrayList<>();
			fields.forEach((name, value) -> parts.add(name + ": " + value.render()));
			return "{" + String.join(", ", parts) + "}";
		}
	}

	/** A bad value at a target: as GraphQL source, or as a JSON variable declared with the given type. */
	private record Bad(String label, String source, Object variable, String declared, Expect expect) {

		static Bad literal(String label, String source, Expect expect) {
			return new Bad(label, source, null, null, expect);
		}

		static Bad variable(String label, Object value, String declared, Expect expect) {
			return new Bad(label, null, value, declared, expect);
		}
	}

	/** One character over the longest text the API takes anywhere (a listing's description, 10,000). */
	static final String LONG_TEXT = "a".repeat(10_001);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern DATE = Pattern.compile("checkIn|checkOut|from|to|start|end");

	private static final Pattern MONEY = Pattern.compile(".*(Price|Fee|price)");

	/** Optional input fields left out of a valid input: they need rights or a second field the sweep cannot give. */
	private static final Set<String> LEFT_OUT = Set.of("hostId", "password", "currentPassword", "email", "role", "after");

	private final LocalDate today;

	private final Function<String, String> ids;

	private final Function<String, String> callers;

	/**
	 * @param today the service's today, for dates that are valid
	 * @param ids the id of a real record for an ID argument, given "field.argument" (or "field.argument.inputField")
	 * @param callers who may act with a root field, by its name
	 */
	BadArguments(LocalDate today, Function<String, String> ids, Function<String, String> callers) {
		this.today = today;
		this.ids = ids;
		this.callers = callers;
	}

	/** Every case of every argument of {@code field}, a root field of {@code operation}. */
	List<Case> cases(String operation, GraphQLFieldDefinition field) {
		List<Case> cases = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			targets(operation, field, List.of(argument.getName()), argument.getType(), argument, cases);
		}
		return cases;
	}

	/** {@code marks}: the argument or input field, whose directives say which kind of text it holds. */
	private void targets(String operation, GraphQLFieldDefinition field, List<String> path, GraphQLInputType type,
			GraphQLDirectiveContainer marks, List<Case> cases) {
		for (Bad bad : bads(path, type, marks)) {
			cases.add(build(operation, field, path, type, bad));
		}
		if (GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLInputObjectType object) {
			for (GraphQLInputObjectField member : object.getFieldDefinitions()) {
				List<String> deeper = new ArrayList<>(path);
				deeper.add(member.getName());
				targets(operation, field, deeper, member.getType(), member, cases);
			}
		}
	}

	private List<Bad> bads(List<String> path, GraphQLInputType type, GraphQLDirectiveContainer marks) {
		String name = path.getLast();
		boolean nonNull = GraphQLTypeUtil.isNonNull(type);
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		String declared = GraphQLTypeUtil.simplePrint(type);
		List<Bad> bads = new ArrayList<>();
		if (nonNull) {
			bads.add(Bad.variable("null through a variable", null, declared, Expect.REFUSED));
		}
		bads.add(Bad.variable("a variable of another type", "x", otherType(bare), Expect.REFUSED));
		if (bare instanceof GraphQLList list) {
			GraphQLInputType item = (GraphQLInputType) list.getWrappedType();
			String one = valid(name, item, path).render();
			// distinct items where they can be (a service may drop repeats): "item_0", "item_1"...
			List<String> items = GraphQLTypeUtil.unwrapAll(item) instanceof GraphQLScalarType scalar
					&& scalar.getName().equals("String")
							? java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "\"item_" + i + "\"").toList()
							: Collections.nCopies(10_000, one);
			bads.add(Bad.literal("10,000 items", "[" + String.join(", ", items) + "]", Expect.REFUSED));
			bads.add(Bad.literal("a list of input objects", "[{a: 1}]", Expect.REFUSED));
			if (GraphQLTypeUtil.isNonNull(item)) {
				bads.add(Bad.literal("a null item", "[" + one + ", null]", Expect.REFUSED));
			}
			return bads;
		}
		if (bare instanceof GraphQLInputObjectType object) {
			bads.add(Bad.literal("a string for an input object", "\"x\"", Expect.REFUSED));
			InputObject valid = (InputObject) valid(name, (GraphQLInputType) bare, path);
			Map<String, Node> unknown = new LinkedHashMap<>(valid.fields());
			unknown.put("zzUnknown", new Source("1"));
			bads.add(Bad.literal("an unknown field", new InputObject(unknown).render(), Expect.REFUSED));
			bads.add(Bad.variable("an unknown field through a variable", Map.of("zzUnknown", 1),
					GraphQLTypeUtil.simplePrint(type), Expect.REFUSED));
			for (GraphQLInputObjectField member : object.getFieldDefinitions()) {
				if (GraphQLTypeUtil.isNonNull(member.getType()) && !member.hasSetDefaultValue()) {
					Map<String, Node> missing = new LinkedHashMap<>(valid.fields());
					missing.remove(member.getName());
					bads.add(Bad.literal("without " + member.getName(), new InputObject(missing).render(),
							Expect.REFUSED));
				}
			}
			return bads;
		}
		if (bare instanceof GraphQLEnumType) {
			bads.add(Bad.literal("an unknown enum value", "NOT_A_VALUE", Expect.REFUSED));
			bads.add(Bad.literal("a string for an enum", "\"" + first((GraphQLEnumType) bare) + "\"", Expect.REFUSED));
			bads.add(Bad.variable("a lower-case enum value", first((GraphQLEnumType) bare).toLowerCase(), declared,
					Expect.REFUSED));
			return bads;
		}
		switch (((GraphQLScalarType) bare).getName()) {
			case "ID" -> {
				bads.add(Bad.literal("an object for an ID", "{a: 1}", Expect.REFUSED));
				bads.add(Bad.literal("an Int for an ID", "42", Expect.REFUSED));
				for (String id : List.of("1-1-1-1-1", "not-a-uuid", "", " ", UUID.randomUUID() + "x",
						"{" + UUID.randomUUID() + "}", "\u0000" + UUID.randomUUID(), LONG_TEXT)) {
					bads.add(Bad.variable("the ID " + shown(id), id, declared, Expect.REFUSED));
				}
			}
			case "String" -> {
				bads.add(Bad.literal("an object for a String", "{a: 1}", Expect.REFUSED));
				bads.add(Bad.literal("an Int for a String", "42", Expect.REFUSED));
				bads.add(Bad.variable("10,001 characters", LONG_TEXT, declared, Expect.REFUSED));
				bads.add(Bad.variable("a NUL", "a\u0000b", declared, Expect.REFUSED));
				// the API's rule for text: no control character but, in a @multiLine text, tab, LF and CR; a
				// @secret (a password) refuses only NUL
				boolean secret = marks.hasAppliedDirective("secret");
				boolean multiLine = marks.hasAppliedDirective("multiLine");
				Expect controls = secret ? Expect.SAFE : Expect.REFUSED;
				bads.add(Bad.variable("control characters", "a\u0007\u001b[2J\u0008b", declared, controls));
				bads.add(Bad.literal("control characters in a literal", "\"a\\u0007\\u001b[2Jb\"", controls));
				bads.add(Bad.variable("DEL and C1 controls", "a\u007f\u0085\u009bb", declared, controls));
				bads.add(Bad.variable("U+FFFE", "a\ufffeb", declared, controls));
				Expect lines = secret || multiLine ? Expect.SAFE : Expect.REFUSED;
				bads.add(Bad.variable("a line feed", "a\nb", declared, lines));
				bads.add(Bad.variable("a carriage return", "a\rb", declared, lines));
				bads.add(Bad.variable("a tab", "a\tb", declared, lines));
				bads.add(Bad.variable("an empty string", "", declared, Expect.SAFE));
				if (DATE.matcher(name).matches()) {
					for (String date : List.of("2026-02-30", "2026-13-01", "20261201", "2026-12-01T00:00:00Z",
							"+999999999-12-31", "tomorrow")) {
						bads.add(Bad.variable("the date " + date, date, declared, Expect.REFUSED));
					}
				}
				if (MONEY.matcher(name).matches()) {
					for (String money : List.of("", " ", "120.001", "1e308", "-5.00", "NaN", "Infinity", "12,50",
							"99999999999999999999.00")) {
						bads.add(Bad.variable("the amount " + quoted(money), money, declared, Expect.REFUSED));
					}
				}
			}
			case "Int" -> {
				bads.add(Bad.literal("a String for an Int", "\"1\"", Expect.REFUSED));
				bads.add(Bad.literal("2^31", "2147483648", Expect.REFUSED));
				bads.add(Bad.literal("-2^31-1", "-2147483649", Expect.REFUSED));
				bads.add(Bad.variable("1.5", 1.5, declared, Expect.REFUSED));
				bads.add(Bad.variable("1e308", 1e308, declared, Expect.REFUSED));
				bads.add(Bad.variable("-1", -1, declared, Expect.REFUSED));
				bads.add(Bad.variable("0", 0, declared, Expect.SAFE));
				bads.add(Bad.variable("2^31-1", Integer.MAX_VALUE, declared, Expect.SAFE));
			}
			case "Float" -> {
				bads.add(Bad.literal("a String for a Float", "\"1.5\"", Expect.REFUSED));
				bads.add(Bad.literal("1e400", "1e400", Expect.REFUSED));
				bads.add(Bad.variable("1e308", 1e308, declared, Expect.REFUSED));
				bads.add(Bad.variable("-1e308", -1e308, declared, Expect.REFUSED));
				bads.add(Bad.variable("-0.0", -0.0, declared, Expect.SAFE));
			}
			case "Boolean" -> {
				bads.add(Bad.literal("a String for a Boolean", "\"true\"", Expect.REFUSED));
				bads.add(Bad.variable("1 for a Boolean", 1, declared, Expect.REFUSED));
			}
			default -> throw new IllegalStateException("No bad values for the scalar " + bare);
		}
		return bads;
	}

	private Case build(String operation, GraphQLFieldDefinition field, List<String> path, GraphQLInputType type,
			Bad bad) {
		String variable = path.getLast();
		Node replacement = bad.source() != null ? new Source(bad.source()) : new Source("$" + variable);
		List<String> arguments = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			Node value;
			if (argument.getName().equals(path.getFirst())) {
				value = replace(valid(argument.getName(), argument.getType(), List.of(field.getName(),
						argument.getName())), path.subList(1, path.size()), replacement);
			}
			else if (required(argument.getType(), argument.hasSetDefaultValue())
					|| argument.getName().equals("idempotencyKey")) {
				value = valid(argument.getName(), argument.getType(), List.of(field.getName(), argument.getName()));
			}
			else {
				continue;
			}
			arguments.add(argument.getName() + ": " + value.render());
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		String declaration = "";
		if (bad.source() == null) {
			declaration = "($" + variable + ": " + bad.declared() + ")";
			variables.put(variable, bad.variable());
		}
		GraphQLType output = GraphQLTypeUtil.unwrapAll(field.getType());
		String selection = output instanceof GraphQLObjectType ? " { __typename }" : "";
		String document = operation + " Sweep" + declaration + " { " + field.getName()
				+ (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + selection + " }";
		String name = operation + " " + field.getName() + "(" + String.join(".", path) + ": " + bad.label() + ")";
		Set<String> names = new java.util.HashSet<>(path);
		names.add("zzUnknown");
		return new Case(name, field.getName(), operation, callers.apply(field.getName()), document, variables,
				bad.expect(), names);
	}

	private static Node replace(Node value, List<String> path, Node replacement) {
		if (path.isEmpty()) {
			return replacement;
		}
		Map<String, Node> fields = new LinkedHashMap<>(((InputObject) value).fields());
		Node inner = fields.getOrDefault(path.getFirst(), new InputObject(Map.of()));
		fields.put(path.getFirst(), path.size() == 1 ? replacement : replace(inner, path.subList(1, path.size()),
				replacement));
		return new InputObject(fields);
	}

	private static boolean required(GraphQLInputType type, boolean hasDefault) {
		return GraphQLTypeUtil.isNonNull(type) && !hasDefault;
	}

	/** A valid value for an argument or input field called {@code name}, by its type and what its name says. */
	Node valid(String name, GraphQLInputType type, List<String> path) {
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		if (bare instanceof GraphQLList list) {
			return new Source("[" + valid(name, (GraphQLInputType) list.getWrappedType(), path).render() + "]");
		}
		if (bare instanceof GraphQLInputObjectType object) {
			Map<String, Node> fields = new LinkedHashMap<>();
			for (GraphQLInputObjectField member : object.getFieldDefinitions()) {
				List<String> deeper = new ArrayList<>(path);
				deeper.add(member.getName());
				if (required(member.getType(), member.hasSetDefaultValue()) || !LEFT_OUT.contains(member.getName())) {
					fields.put(member.getName(), valid(member.getName(), member.getType(), deeper));
				}
			}
			return new InputObject(fields);
		}
		if (bare instanceof GraphQLEnumType enumType) {
			return new Source(first(enumType));
		}
		return new Source(switch (((GraphQLNamedType) bare).getName()) {
			case "ID" -> quoted(ids.apply(String.join(".", path)));
			case "Int" -> switch (name) {
				case "maxGuests" -> "4";
				case "guestsIncluded" -> "2";
				case "maxNights" -> "30";
				case "rating", "cleanliness", "accuracy", "checkIn", "communication", "location", "value" -> "5";
				case "first" -> "5";
				case "position", "weeklyDiscountPercent", "monthlyDiscountPercent" -> "0";
				default -> "1";
			};
			case "Float" -> switch (name) {
				case "latitude", "lat" -> "52.37";
				case "longitude", "lng" -> "4.88";
				default -> "10.5";
			};
			case "Boolean" -> "true";
			default -> quoted(text(name, path));
		});
	}

	private String text(String name, List<String> path) {
		return switch (name) {
			case "checkIn", "start" -> today.plusDays(10).toString();
			case "checkOut", "end" -> today.plusDays(12).toString();
			case "from" -> path.getFirst().equals("setPrices") ? today.plusDays(40).toString()
					: today.plusDays(1).toString();
			case "to" -> path.getFirst().equals("setPrices") ? today.plusDays(42).toString()
					: today.plusDays(30).toString();
			case "email" -> "sweep-" + UUID.randomUUID() + "@example.com";
			case "password" -> "correct horse battery";
			case "pricePerNight", "weekendPrice" -> "130.00";
			case "cleaningFee", "extraGuestFee" -> "10.00";
			case "minPrice" -> "10.00";
			case "maxPrice" -> "500.00";
			case "currency" -> "USD";
			case "timezone" -> "UTC";
			case "country" -> "Netherlands";
			case "url" -> "https://calendar.example.com/feed.ics";
			case "phoneNumber" -> "+31201234567";
			case "paymentToken" -> "tok_visa";
			case "idempotencyKey" -> UUID.randomUUID().toString();
			case "amenities" -> "wifi";
			case "token", "refreshToken" -> "not-a-token-of-ours";
			default -> "Fine text";
		};
	}

	private static String otherType(GraphQLType bare) {
		return bare instanceof GraphQLScalarType scalar && scalar.getName().equals("Boolean") ? "Int" : "Boolean";
	}

	private static String first(GraphQLEnumType type) {
		return type.getValues().getFirst().getName();
	}

	private static String quoted(String text) {
		return JSON.writeValueAsString(text);
	}

	private static String shown(String text) {
		String shown = text.length() > 40 ? text.length() + " characters" : text;
		return JSON.writeValueAsString(shown).replace("\\u0000", "NUL");
	}
}
