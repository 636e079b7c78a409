package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How db-scheduler stores a job's data ({@code scheduled_tasks.task_data}): JSON, written and read with the
 * application's {@link JsonMapper} (snake_case names, as the API's). A row written by the releases before, with Java
 * serialization, is recognised by that format's stream magic ({@code 0xACED}) and still read, but only through an
 * allow-list {@link ObjectInputFilter}: the job data classes of the application's tasks, the classes of their fields
 * that are the application's own (records, enums), and the few JDK value classes they are made of, within small
 * limits of depth, size and references. A row naming any other class is refused before that class is instantiated,
 * so that a crafted row cannot run a deserialization gadget (OWASP Deserialization Cheat Sheet: "use a safe format";
 * for Java, an allow-list {@code ObjectInputFilter}). A refused or unreadable Java-serialized row throws
 * {@link UnreadableJobData}: no node of this release or a later one can read it, so {@link RetryPolicy} dead-letters
 * its job at the first failure. A JSON row that cannot be read throws db-scheduler's {@link SerializationException}
 * and is retried like any failure: during a rolling deploy a node of the release that wrote it may read it.
 * <p>
 * Properties a row has and its class does not are ignored (unlike the API's strict reading): a row written by a newer
 * release with a field added is read by a node of the release before during a rolling deploy, not failed.
 */
public final class JobDataSerializer implements Serializer {

	/** The first two bytes of every Java serialization stream ({@code ObjectStreamConstants.STREAM_MAGIC}). */
	private static final int MAGIC_0 = 0xAC;

	private static final int MAGIC_1 = 0xED;

	/**
	 * The JDK classes that the job data's fields are written as: strings, UUIDs, decimals, instants and dates (written
	 * through {@code java.time.Ser}), enums, and the immutable maps and lists of {@code Map.copyOf} and {@code List.of}
	 * ({@code java.util.CollSer}, an {@code Object[]} inside). The filter sees what {@code readResolve} returns as well.
	 */
	private static final Set<String> JDK_VALUES = Set.of("java.lang.String", "java.lang.Object", "java.lang.Number",
			"java.lang.Enum", "java.util.UUID", "java.math.BigDecimal", "java.math.BigInteger", "java.time.Ser",
			"java.time.Instant", "java.time.LocalDate", "java.util.CollSer", "java.util.ImmutableCollections$MapN",
			"java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$ListN",
			"java.util.ImmutableCollections$List12");

	private static final Logger log = LoggerFactory.getLogger(JobDataSerializer.class);

	private static final String OWN_PACKAGE = "io.staybook.";

	private static final long MAX_DEPTH = 10;

	private static final long MAX_REFERENCES = 10_000;

	private static final long MAX_ARRAY_LENGTH = 10_000;

	private static final long MAX_BYTES = 1 << 20;

	private final JsonMapper json;

	private final Map<String, Class<?>> owned;

	private final ObjectInputFilter filter;

	/**
	 * @param json the application's mapper
	 * @param legacy the application's classes that rows written with Java serialization may hold, and no others
	 */
	JobDataSerializer(JsonMapper json, Collection<Class<?>> legacy) {
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.owned = byName(legacy);
		this.filter = this::check;
	}

	/**
	 * The serializer of {@code tasks}' data: their data classes, and the application's classes among the types of
	 * their fields, field by field, are the only ones of the application that a Java-serialized row may hold.
	 */
	public static JobDataSerializer of(JsonMapper json, Collection<? extends Task<?>> tasks) {
		Set<Class<?>> owned = new LinkedHashSet<>();
		tasks.forEach(task -> collect(task.getDataClass(), owned));
		return new JobDataSerializer(json, owned);
	}

	/** The application's classes that a Java-serialized row may hold: for the tests and the log. */
	public Set<Class<?>> legacyClasses() {
		return Set.copyOf(owned.values());
	}

	private static void collect(Type type, Set<Class<?>> owned) {
		switch (type) {
			case Class<?> raw when raw.isArray() -> collect(raw.getComponentType(), owned);
			case Class<?> raw when raw.getName().startsWith(OWN_PACKAGE) -> {
				if (owned.add(raw)) {
					for (Field field : raw.getDeclaredFields()) {
						if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
							collect(field.getGenericType(), owned);
						}
					}
				}
			}
			case ParameterizedType generic -> {
				collect(generic.getRawType(), owned);
				for (Type argument : generic.getActualTypeArguments()) {
					collect(argument, owned);
				}
			}
			default -> {
			}
		}
	}

	@Override
	public byte[] serialize(Object data) {
		if (data == null) {
			return null;
		}
		try {
			return json.writeValueAsBytes(data);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot write the job data of " + data.getClass().getName() + " as JSON",
					ex);
		}
	}

	@Override
	public <T> T deserialize(Class<T> type, byte[] data) {
		if (data == null || data.length == 0) {
			return null;
		}
		if (isJavaSerialized(data)) {
			return type.cast(readLegacy(data));
		}
		try {
			return json.readValue(data, type);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot read the job data as JSON of " + type.getName(), ex);
		}
	}

	/** Whether {@code data} starts with Java serialization's stream magic, as the rows of the releases before do. */
	static boolean isJavaSerialized(byte[] data) {
		return data.length >= 2 && (data[0] & 0xFF) == MAGIC_0 && (data[1] & 0xFF) == MAGIC_1;
	}

	private Object readLegacy(byte[] data) {
		try (ObjectInputStream in = new LegacyInput(new ByteArrayInputStream(data))) {
			in.setObjectInputFilter(filter);
			return in.readObject();
		}
		catch (IOException | ClassNotFoundException | ClassCastException ex) {
			throw new UnreadableJobData("Refused or unreadable Java-serialized job data (" + ex.getMessage() + ")", ex);
		}
	}

	private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
		if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > MAX_BYTES
				|| info.arrayLength() > MAX_ARRAY_LENGTH) {
			log.warn("Refused Java-serialized job data past the limits: depth {}, references {}, bytes {}, array {}",
					info.depth(), info.references(), info.streamBytes(), info.arrayLength());
			return ObjectInputFilter.Status.REJECTED;
		}
		Class<?> type = info.serialClass();
		if (type == null) {
			return ObjectInputFilter.Status.ALLOWED;
		}
		while (type.isArray()) {
			type = type.getComponentType();
		}
		if (type.isPrimitive() || owned.get(type.getName()) == type || JDK_VALUES.contains(type.getName())) {
			return ObjectInputFilter.Status.ALLOWED;
		}
		log.warn("Refused Java-serialized job data holding {}, a class outside the job data's allow-list",
				info.serialClass().getName());
		return ObjectInputFilter.Status.REJECTED;
	}

	private static Map<String, Class<?>> byName(Collection<Class<?>> classes) {
		Map<String, Class<?>> byName = new HashMap<>();
		classes.forEach(type -> byName.put(type.getName(), type));
		return Map.copyOf(byName);
	}

	/**
	 * Resolves the job data classes by the classes themselves, whatever class loader the application runs in (a
	 * packaged jar's own); every other name the JDK's way, for the filter to judge. No class it names is initialised.
	 */
	private final class LegacyInput extends ObjectInputStream {

		LegacyInput(InputStream in) throws IOException {
			super(in);
		}

		@Override
		protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
			Class<?> type = owned.get(desc.getName());
			return type != null ? type : super.resolveClass(desc);
		}

		@Override
		protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
			throw new InvalidClassException("Job data holds no proxies");
		}
	}
}
