package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A running job's log lines carry {@code job=task/instance}; a failed run is counted. */
class JobLogContextUnitTests {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final JobLogContext context = new JobLogContext(meters);

	@Test
	void theJobIsInTheMdcWhileItRunsAndOnlyThen() {
		AtomicReference<String> seen = new AtomicReference<>();
		ExecutionChain chain = new ExecutionChain(List.of(), (instance, execution) -> {
			seen.set(MDC.get("job"));
			return null;
		});

		context.execute(new TaskInstance<>("send-mail", "m-42"), null, chain);

		assertThat(seen.get()).isEqualTo("send-mail/m-42");
		assertThat(MDC.get("job")).isNull();
	}

	@Test
	void aFailedRunIsCountedByTask() {
		ExecutionChain chain = new ExecutionChain(List.of(), (instance, execution) -> {
			throw new IllegalStateException("provider down");
		});

		assertThatThrownBy(() -> context.execute(new TaskInstance<>("refund", "r-1"), null, chain))
			.hasMessage("provider down");

		assertThat(meters.get("staybook.jobs.failures").tag("task", "refund").counter().count()).isEqualTo(1);
		assertThat(MDC.get("job")).isNull();
	}
}
