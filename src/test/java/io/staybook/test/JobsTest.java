package io.staybook.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * An {@link IntegrationTest} whose context runs background jobs and sends mail to {@link TestSmtp}. All such tests
 * share that one context; the others schedule jobs but run none. Wait for a job's effect with Awaitility, never sleep.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@ContextConfiguration(initializers = TestSmtp.Initializer.class)
public @interface JobsTest {
}
