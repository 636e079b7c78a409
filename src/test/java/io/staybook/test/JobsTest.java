package io.staybook.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * An {@link IntegrationTest} whose context runs background jobs and sends mail to {@link TestSmtp}. All such tests
 * share that one context's configuration; the others schedule jobs but run none. Wait for a job's effect with
 * Awaitility, never sleep.
 * <p>
 * The context is closed after each such test class ({@link DirtiesContext}): a cached context would keep its scheduler
 * polling the shared database for the rest of the run and run the jobs that other tests schedule and inspect (a
 * payment they read as pending, an expired hold they list), so their outcome would depend on the order of classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@ContextConfiguration(initializers = TestSmtp.Initializer.class)
@DirtiesContext
public @interface JobsTest {
}
