package io.staybook.shared.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Keeps Spring's AOT processing from ignoring a setting. AOT processing ({@code mvn -Pspring-aot package}) evaluates
 * every {@code @Conditional} at build time and writes the beans that passed as code; started with
 * {@code -Dspring.aot.enabled=true}, the jar runs that code and evaluates no condition, so a property that a condition
 * read would be ignored if the deployment set it otherwise (Spring Boot's documented restriction: "properties that
 * change if a bean is created are not supported"). Staybook's own choices are made at run time inside beans that
 * always exist; this class covers the rest, Spring Boot's auto-configurations included.
 * <p>
 * At build time it records the name of every property a condition asked for (a property source that answers nothing
 * and notes the names asked while a condition is being evaluated) and writes each with its build-time value (or
 * unset) to {@value #RESOURCE} in the jar. At a start with the AOT-generated code it compares them with this start's
 * environment: if any differs, it logs which, with both values, as a warning, and switches the AOT-generated code off
 * for this start ({@code spring.aot.enabled=false}), so the application context is built by evaluating the conditions
 * as on the plain JVM path: slower to start, never different in behaviour. Checking the recorded names costs about a
 * millisecond. Conditions that read a property by a name only found when binding a map or an indexed list
 * ({@code a.b[0]}) are compared by the names they asked for.
 */
public final class AotSettings implements EnvironmentPostProcessor, Ordered {

	/**
	 * Where the build's condition settings travel in the jar: {@code name=set:value} or {@code name=unset}. Not under
	 * META-INF, which Spring Boot's repackaging moves to the root of the jar, outside the application's class path.
	 */
	static final String RESOURCE = "io/staybook/aot-settings.properties";

	/** Set by Spring's AOT processor for the length of the processing (AbstractAotProcessor). */
	static final String PROCESSING = "spring.aot.processing";

	static final String AOT_ENABLED = "spring.aot.enabled";

	/**
	 * Settings a condition reads whose outcome here does not depend on them, so a start may differ from the build:
	 * {@code spring.datasource.url} (Spring Boot's embedded-database condition, which matches only with an H2, HSQLDB or
	 * Derby driver on the class path, and there is none; the build sets a placeholder URL so that no embedded
	 * PostgreSQL starts), {@code spring.flyway.url} (Flyway's data source condition matches on the DataSource bean,
	 * which always exists, whatever the URL) and {@code server.port} (compared with {@code management.server.port}
	 * to decide whether management has a port of its own; while that is unset, which is itself checked, the answer is
	 * "the same port" whatever the server's port).
	 */
	static final Set<String> NOT_DECIDING = Set.of("spring.datasource.url", "spring.flyway.url", "server.port");

	private static final String RECORDER = "staybookAotConditionSettings";

	private static final String UNSET = "unset";

	private static final String SET = "set:";

	private final Log log;

	/** Created by Spring Boot (META-INF/spring.factories), which supplies the deferred log. */
	public AotSettings(DeferredLogFactory logs) {
		this.log = logs.getLog(AotSettings.class);
	}

	/** Last: the settings are compared after every other source (config files, the embedded database's) is in. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Boolean.getBoolean(PROCESSING)) {
			environment.getPropertySources().addFirst(new Recorder());
			return;
		}
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		Properties built = load();
		if (built == null) {
			return;
		}
		List<String> differences = differences(built, environment);
		if (!differences.isEmpty()) {
			SpringProperties.setProperty(AOT_ENABLED, "false");
			log.warn("This start's settings differ from those the AOT-processed jar was built with, which decided its "
					+ "beans: " + String.join("; ", differences) + ". Starting without the AOT-generated code "
					+ "(every setting honoured, a slower start). To start fast with these settings, build the jar "
					+ "with them (mvn -Pspring-aot package with the same properties) or start with "
					+ "-Dspring.aot.enabled=false to say so.");
		}
	}

	/** "name: built with X, here Y" for each recorded setting this environment resolves otherwise. */
	static List<String> differences(Properties built, Environment environment) {
		List<String> differences = new ArrayList<>();
		for (String name : new TreeSet<>(built.stringPropertyNames())) {
			if (notDeciding(name, built)) {
				continue;
			}
			String then = built.getProperty(name);
			String now = encode(value(environment, name));
			if (!then.equals(now)) {
				differences.add(name + ": built with " + describe(then) + ", here " + describe(now));
			}
		}
		return differences;
	}

	private static boolean notDeciding(String name, Properties built) {
		if ("server.port".equals(name)) {
			return UNSET.equals(built.getProperty("management.server.port", UNSET));
		}
		return NOT_DECIDING.contains(name);
	}

	private static String describe(String encoded) {
		return encoded.startsWith(SET) ? "'" + encoded.substring(SET.length()) + "'" : UNSET;
	}

	private static String value(Environment environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			// a placeholder that cannot be resolved: compared as written
			return "unresolvable: " + ex.getMessage();
		}
	}

	private static String encode(String value) {
		return value == null ? UNSET : SET + value;
	}

	private static Properties load() {
		ClassPathResource resource = new ClassPathResource(RESOURCE);
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

	/**
	 * The recorded names with their values in {@code environment}, as the resource holds them: sorted lines without
	 * the date comment, so that the same build writes the same file.
	 */
	static String render(Set<String> names, Environment environment) {
		Properties properties = new Properties();
		names.forEach(name -> properties.setProperty(name, encode(value(environment, name))));
		StringWriter out = new StringWriter();
		try {
			properties.store(out, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().lines().filter(line -> !line.startsWith("#")).sorted().map(line -> line + "\n")
			.collect(Collectors.joining());
	}

	/**
	 * Answers nothing; notes the names that conditions ask for. Enumerable with no names, so that Spring Boot's binder
	 * treats it as holding nothing (a non-enumerable source would make it try every property of a bound prefix).
	 */
	static final class Recorder extends EnumerablePropertySource<Set<String>> {

		Recorder() {
			super(RECORDER, new ConcurrentSkipListSet<>());
		}

		@Override
		public String[] getPropertyNames() {
			return new String[0];
		}

		@Override
		public Object getProperty(String name) {
			if (inCondition()) {
				getSource().add(name);
			}
			return null;
		}

		private static boolean inCondition() {
			return StackWalker.getInstance()
				.walk(frames -> frames.anyMatch(frame -> frame.getClassName()
					.equals("org.springframework.context.annotation.ConditionEvaluator")));
		}
	}

	/**
	 * Writes what the {@link Recorder} noted, with the build's values, into the AOT output's resources
	 * (META-INF/spring/aot.factories).
	 */
	static final class Contribution implements BeanFactoryInitializationAotProcessor {

		@Override
		public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
			if (!(beanFactory.getBean(Environment.class) instanceof ConfigurableEnvironment environment)
					|| !(environment.getPropertySources().get(RECORDER) instanceof Recorder recorder)) {
				return null;
			}
			String content = render(Objects.requireNonNull(recorder.getSource()), environment);
			return (generationContext, code) -> generationContext.getGeneratedFiles()
				.addResourceFile(RESOURCE, content);
		}
	}
}
