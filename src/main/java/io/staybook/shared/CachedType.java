package io.staybook.shared;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A cache the application uses, declared as a bean by the module that owns it: its name and the type of its values.
 * Only declared caches exist (an undeclared name fails at first use), so that every value stored in Redis has a known
 * shape: Redis holds it as JSON of {@code valueType}, under the key prefix {@code staybook:<version>:<name>::}.
 * <p>
 * The {@link #version()} is derived from the shape of {@code valueType}: the names and declared types of its record
 * components, the constants of its enums and the permitted subtypes of a sealed type, recursively through the
 * application's own types. So a deploy that changes a cached record reads and writes under a new prefix and never
 * meets the old entries (which expire with the cache's time to live); nobody has to remember to bump a number. The price:
 * while old and new nodes run side by side, an eviction made by one version does not reach the other's entries, which
 * may then be served until they expire (10 minutes); caches serve reads only, never a write's decision. A change
 * of meaning that keeps the shape (new units, a renamed JSON type id) is the one case to mark by hand, with
 * {@code revision}.
 *
 * @param name the cache's name, as given to {@code CacheManager.getCache}
 * @param valueType what the cache holds; a sealed interface with Jackson type information for more than one type
 * @param revision bumped by hand when the meaning of the stored JSON changes but its shape does not
 */
public record CachedType(String name, Class<?> valueType, int revision) {

	private static final String APPLICATION_PACKAGE = "io.staybook.";

	/** The cached type {@code name} holding {@code valueType}, at revision 0. */
	public CachedType(String name, Class<?> valueType) {
		this(name, valueType, 0);
	}

	/** {@code v} and 8 hex digits of the SHA-256 of the value type's shape and the revision. */
	public String version() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((shape(valueType) + "#" + revision).getBytes(StandardCharsets.UTF_8));
			return "v" + HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key prefix of this cache's entries in Redis. */
	public String keyPrefix() {
		return "staybook:" + version() + ":" + name + "::";
	}

	/** A canonical description of a type's shape, as the JSON of it depends on. */
	static String shape(Class<?> type) {
		StringBuilder out = new StringBuilder();
		describe(type, out, new HashSet<>());
		return out.toString();
	}

	private static void describe(Type type, StringBuilder out, Set<Type> seen) {
		out.append(type.getTypeName());
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				describeArgument(argument, out, seen);
			}
		}
		else if (type instanceof Class<?> clazz && clazz.getName().startsWith(APPLICATION_PACKAGE) && seen.add(clazz)) {
			if (clazz.isRecord()) {
				out.append('(');
				for (RecordComponent component : clazz.getRecordComponents()) {
					out.append(component.getName()).append(':');
					describe(component.getGenericType(), out, seen);
					out.append(',');
				}
				out.append(')');
			}
			else if (clazz.isEnum()) {
				out.append(Arrays.toString(clazz.getEnumConstants()));
			}
			if (clazz.isSealed()) {
				out.append('{');
				for (Class<?> permitted : clazz.getPermittedSubclasses()) {
					describe(permitted, out, seen);
					out.append(';');
				}
				out.append('}');
			}
		}
	}

	private static void describeArgument(Type argument, StringBuilder out, Set<Type> seen) {
		out.append('<');
		describe(argument, out, seen);
		out.append('>');
	}
}
