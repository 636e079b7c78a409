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

	/** The request ids jobs were scheduled with, by instance id, instead of the scheduled_tasks column. */
	final java.util.Map<String, String> scheduledBy = new java.util.HashMap<>();

	final JobLogContext context = new JobLogContext(meters, new JobRequestIds(null) {
		@Override
		java.util.Optional<String> of(TaskInstance<?> instance) {
			return java.util.Optional.ofNullable(scheduledBy.get(instance.getId()));
		}
	});

	@Test
	void theSchedulingRequestsIdIsInTheMdcWhileItRunsAndTheOuterOneAfter() {
		scheduledBy.put("m-7", "req-abc");
		AtomicReference<String> seen = new AtomicReference<>();
		ExecutionChain chain = new ExecutionChain(List.of(), (instance, execution) -> {
			seen.set(MDC.get("request_id"));
			return null;
		});
		MDC.put("request_id", "outer");
		try {
			context.execute(new TaskInstance<>("send-mail", "m-7"), null, chain);
			assertThat(seen.get()).isEqualTo("req-abc");
			assertThat(MDC.get("request_id")).isEqualTo("outer");

			context.execute(new TaskInstance<>("send-mail", "m-8"), null, chain);
			assertThat(seen.get()).as("a job scheduled outside a request has none, not the thread's").isNull();
		}
		finally {
			MDC.remove("request_id");
		}
	}

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
