package io.staybook.shared.graphql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's messages for a request that does not fit the schema, without the Java class names they carry: a
 * literal of the wrong type is shown as its AST node's {@code toString()} ({@code StringValue{value='a'}},
 * {@code ObjectValue{objectFields=[...]}}), the expected kind as an AST class ({@code 'IntValue'}), and a variable of
 * the wrong type as the Java class Jackson read it into ({@code 'LinkedHashMap'}, {@code 'Double'}). The contract says
 * no class name reaches a client, so the nodes are written back as GraphQL source ({@code "a"}, {@code {position: 1}})
 * and the class names as the GraphQL kinds they stand for, in every language graphql-java words its messages in.
 */
final class RequestErrorMessages {

	private static final Pattern NODE = Pattern.compile(
			"\\b(StringValue|IntValue|FloatValue|BooleanValue|EnumValue|NullValue|ArrayValue|ObjectValue|VariableReference)\\{");

	private static final Pattern QUOTED_CLASS = Pattern.compile("'([A-Za-z]+)'");

	private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("StringValue", "String"),
			Map.entry("IntValue", "Int"), Map.entry("FloatValue", "Float"), Map.entry("BooleanValue", "Boolean"),
			Map.entry("EnumValue", "enum value"), Map.entry("NullValue", "null"), Map.entry("ArrayValue", "list"),
			Map.entry("ObjectValue", "input object"), Map.entry("VariableReference", "variable"),
			Map.entry("LinkedHashMap", "input object"), Map.entry("HashMap", "input object"),
			Map.entry("Map", "input object"), Map.entry("ArrayList", "list"), Map.entry("List", "list"),
			Map.entry("BigInteger", "Int"), Map.entry("Integer", "Int"), Map.entry("Long", "Int"),
			Map.entry("Double", "Float"), Map.entry("BigDecimal", "Float"));

	private RequestErrorMessages() {
	}

	/** {@code message} with every AST node written as GraphQL source and every class name as a GraphQL kind. */
	static String withoutClassNames(String message) {
		if (message == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(message.length());
		Matcher node = NODE.matcher(message);
		int at = 0;
		while (node.find(at)) {
			out.append(message, at, node.start());
			Literal literal = new Literal(message, node.start());
			String source = literal.read();
			if (source == null) {
				out.append(KINDS.get(node.group(1)));
				at = node.end();
			}
			else {
				out.append(source);
				at = literal.position;
			}
		}
		out.append(message, at, message.length());
		return QUOTED_CLASS.matcher(out)
			.replaceAll(match -> Matcher.quoteReplacement("'" + KINDS.getOrDefault(match.group(1), match.group(1)) + "'"));
	}

	/** A reader of one AST node's {@code toString()}, as graphql-java 25 writes it, giving its GraphQL source. */
	private static final class Literal {

		private final String text;

		private int position;

		Literal(String text, int position) {
			this.text = text;
			this.position = position;
		}

		/** The node at the position as GraphQL source, the position moved past it; null if it is not one. */
		String read() {
			try {
				return node();
			}
			catch (IllegalStateException | IndexOutOfBoundsException ex) {
				return null;
			}
		}

		private String node() {
			int brace = text.indexOf('{', position);
			String type = text.substring(position, brace);
			position = brace + 1;
			String source = switch (type) {
				case "StringValue" -> "\"" + quoted("value=") + "\"";
				case "EnumValue" -> quoted("name=");
				case "VariableReference" -> "$" + quoted("name=");
				case "IntValue", "FloatValue", "BooleanValue" -> bare("value=");
				case "NullValue" -> "null";
				case "ArrayValue" -> list("values=", false);
				case "ObjectValue" -> list("objectFields=", true);
				default -> throw new IllegalStateException(type);
			};
			expect("}");
			return source;
		}

		private String quoted(String prefix) {
			expect(prefix + "'");
			int end = text.indexOf("'}", position);
			if (end < 0) {
				throw new IllegalStateException();
			}
			String value = text.substring(position, end);
			position = end + 1;
			return value;
		}

		private String bare(String prefix) {
			expect(prefix);
			int end = text.indexOf('}', position);
			String value = text.substring(position, end);
			position = end;
			return value;
		}

		private String list(String prefix, boolean fields) {
			expect(prefix + "[");
			StringBuilder source = new StringBuilder(fields ? "{" : "[");
			while (!text.startsWith("]", position)) {
				if (source.length() > 1) {
					expect(", ");
					source.append(", ");
				}
				if (fields) {
					expect("ObjectField{name='");
					int end = text.indexOf("', value=", position);
					source.append(text, position, end).append(": ");
					position = end + "', value=".length();
					source.append(node());
					expect("}");
				}
				else {
					source.append(node());
				}
			}
			position++;
			return source.append(fields ? "}" : "]").toString();
		}

		private void expect(String literal) {
			if (!text.startsWith(literal, position)) {
				throw new IllegalStateException(literal);
			}
			position += literal.length();
		}
	}
}
