package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;
import com.github.kagkarlsson.scheduler.task.Task;
import io.staybook.notification.Mail;
import io.staybook.test.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every job's data goes through the configured {@link JobDataSerializer} and comes back equal: as JSON, and from the
 * Java serialization the releases before wrote. Instances are made for each task's data class from its record
 * components, so a new job type is covered without a change here: decimals with their scale, instants to the
 * nanosecond, dates, maps, each constant of every enum, nested records, and the same with every nullable field null.
 */
@IntegrationTest
class JobDataIntegrationTests {

	/** The data classes that the jobs had when their data became JSON; a new one is covered as well. */
	private static final List<String> KNOWN = List.of("io.staybook.notification.Mail",
			"io.staybook.booking.BookingMails$Notice", "io.staybook.user.AccountLinks$TokenMail",
			"io.staybook.payment.PaymentJobs$RefundOrder", "io.staybook.message.MessageMails$Digest",
			"java.util.UUID", "java.lang.String");

	@Autowired
	JobDataSerializer serializer;

	@Autowired
	List<Task<?>> tasks;

	@Autowired
	JsonMapper json;

	@Test
	void everyJobsDataComesBackEqualFromJson() {
		List<Object> samples = samples();

		assertThat(samples).extracting(sample -> sample.getClass().getName()).containsAll(KNOWN);
		for (Object sample : samples) {
			byte[] bytes = serializer.serialize(sample);
			JsonNode tree = json.readTree(bytes);

			assertThat(tree.isObject() || tree.isString()).as(new String(bytes)).isTrue();
			assertThat(serializer.deserialize(sample.getClass(), bytes)).as(new String(bytes)).isEqualTo(sample);
		}
	}

	@Test
	void decimalsKeepTheirScaleAndInstantsTheirNanoseconds() {
		Object refund = samples().stream()
			.filter(sample -> sample.getClass().getName().equals("io.staybook.payment.PaymentJobs$RefundOrder"))
			.findFirst()
			.orElseThrow();

		String text = new String(serializer.serialize(refund));

		assertThat(text).contains("12.50");
		assertThat(serializer.deserialize(refund.getClass(), serializer.serialize(refund))).isEqualTo(refund);
	}

	@Test
	void aRowWithAFieldANewerReleaseAddedIsReadDuringARollingDeploy() {
		byte[] newer = """
				{"key": "k-1", "to": "guest@example.com", "template": "welcome", "variables": {"name": "Ada"},
				 "added_by_a_newer_release": true}""".getBytes(StandardCharsets.UTF_8);

		assertThat(serializer.deserialize(Mail.class, newer))
			.isEqualTo(new Mail("k-1", "guest@example.com", "welcome", Map.of("name", "Ada")));
	}

	@Test
	void rowsWrittenWithJavaSerializationBeforeAreStillRead() {
		for (Object sample : samples()) {
			byte[] legacy = javaSerialized(sample);

			assertThat(JobDataSerializer.isJavaSerialized(legacy)).isTrue();
			assertThat(serializer.deserialize(sample.getClass(), legacy)).isEqualTo(sample);
		}
	}

	@Test
	void aJavaSerializedRowOfAnyOtherClassIsRefusedBeforeItIsMade() {
		Gadget.made.set(false);
		byte[] crafted = javaSerialized(new Gadget("rm -rf /"));

		assertThatThrownBy(() -> serializer.deserialize(Object.class, crafted))
			.isInstanceOf(SerializationException.class);
		assertThat(Gadget.made).as("the refused class's readObject never ran").isFalse();
		// nor inside a collection of an allowed class
		List<Object> wrapped = List.of("x", new Gadget("again"));
		assertThatThrownBy(() -> serializer.deserialize(Object.class, javaSerialized(wrapped)))
			.isInstanceOf(SerializationException.class);
		assertThat(Gadget.made).isFalse();
	}

	@Test
	void aDeeplyNestedJavaSerializedRowIsRefused() {
		List<Object> nested = List.of("bottom");
		for (int i = 0; i < 50; i++) {
			nested = List.of(nested);
		}

		byte[] crafted = javaSerialized(nested);

		assertThatThrownBy(() -> serializer.deserialize(Object.class, crafted))
			.isInstanceOf(SerializationException.class);
	}

	@Test
	void theAllowListHoldsTheJobsDataClassesAndTheirOwnFieldsOnly() {
		assertThat(serializer.legacyClasses()).extracting(Class::getName)
			.contains("io.staybook.notification.Mail", "io.staybook.booking.BookingView",
					"io.staybook.booking.BookingMails$Event", "io.staybook.booking.BookingStatus")
			.allMatch(name -> name.startsWith("io.staybook."));
	}

	/** One instance of each task's data per variant: every enum constant in turn, and once with nulls. */
	private List<Object> samples() {
		List<Object> samples = new ArrayList<>();
		for (Task<?> task : tasks) {
			Class<?> type = task.getDataClass();
			if (type == Void.class || type == null) {
				continue;
			}
			for (int variant = 0; variant < 10; variant++) {
				samples.add(sample(type, variant, false));
			}
			if (type.isRecord()) {
				samples.add(sample(type, 0, true));
			}
		}
		return samples;
	}

	private static Object sample(Type type, int variant, boolean nulls) {
		if (type instanceof ParameterizedType generic) {
			Class<?> raw = (Class<?>) generic.getRawType();
			Type[] arguments = generic.getActualTypeArguments();
			if (Map.class.isAssignableFrom(raw)) {
				return Map.of(sample(arguments[0], variant, false), sample(arguments[1], variant + 1, false),
						sample(arguments[0], variant + 2, false), sample(arguments[1], variant + 3, false));
			}
			if (List.class.isAssignableFrom(raw)) {
				return List.of(sample(arguments[0], variant, nulls));
			}
			throw new IllegalStateException("No sample for " + type);
		}
		Class<?> raw = (Class<?>) type;
		if (raw.isPrimitive()) {
			return primitive(raw, variant);
		}
		if (raw.isRecord()) {
			return record(raw, variant, nulls);
		}
		if (nulls) {
			return null;
		}
		if (raw.isEnum()) {
			Object[] constants = raw.getEnumConstants();
			return constants[variant % constants.length];
		}
		return value(raw, variant);
	}

	private static Object value(Class<?> raw, int variant) {
		if (raw == String.class) {
			return "Zoë <" + variant + "> \"quoted\"";
		}
		if (raw == UUID.class) {
			return UUID.randomUUID();
		}
		if (raw == BigDecimal.class) {
			return variant % 2 == 0 ? new BigDecimal("12.50") : new BigDecimal("0.00");
		}
		if (raw == Instant.class) {
			return Instant.parse("2026-12-01T08:15:30.123456789Z").plusSeconds(variant);
		}
		if (raw == LocalDate.class) {
			return LocalDate.of(2026, 12, 24).plusDays(variant);
		}
		if (raw == Integer.class) {
			return variant + 1;
		}
		throw new IllegalStateException("No sample for " + raw + ": add one");
	}

	private static Object primitive(Class<?> raw, int variant) {
		if (raw == int.class) {
			return variant + 2;
		}
		if (raw == long.class) {
			return variant + 3L;
		}
		if (raw == boolean.class) {
			return variant % 2 == 0;
		}
		throw new IllegalStateException("No sample for " + raw);
	}

	private static Object record(Class<?> raw, int variant, boolean nulls) {
		RecordComponent[] components = raw.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = sample(components[i].getGenericType(), variant, nulls);
		}
		try {
			Constructor<?> constructor = raw.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot make a " + raw, ex);
		}
	}

	/** {@code value} as the releases before stored job data: Java serialization. */
	static byte[] javaSerialized(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A class no job holds, whose deserialization would do something: what a gadget chain starts from. */
	static final class Gadget implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		static final AtomicBoolean made = new AtomicBoolean();

		private final String command;

		Gadget(String command) {
			this.command = command;
		}

		@Serial
		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			made.set(true);
		}

		@Override
		public String toString() {
			return command;
		}
	}
}
