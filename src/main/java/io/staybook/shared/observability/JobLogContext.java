package io.staybook.shared.observability;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line of a running job carries the MDC keys {@value RequestIds#JOB_MDC_KEY}: {@code task-name/instance-id},
 * and {@value RequestIds#MDC_KEY}: the id of the request that scheduled it ({@link JobRequestIds}; none for recurring
 * jobs), through db-scheduler's {@link ExecutionInterceptor}, which the starter picks up as a bean. A run that throws
 * is counted in {@code staybook.jobs.failures{task}} (each failed attempt, retried or not). Each run is logged at DEBUG
 * ({@code Running job}).
 */
@Component
class JobLogContext implements ExecutionInterceptor {

	private static final Logger log = LoggerFactory.getLogger(JobLogContext.class);

	private final MeterRegistry meters;

	private final JobRequestIds requestIds;

	JobLogContext(MeterRegistry meters, JobRequestIds requestIds) {
		this.meters = meters;
		this.requestIds = requestIds;
	}

	@Override
	public CompletionHandler<?> execute(TaskInstance<?> instance, ExecutionContext context, ExecutionChain chain) {
		String outer = MDC.get(RequestIds.JOB_MDC_KEY);
		String outerRequest = MDC.get(RequestIds.MDC_KEY);
		MDC.put(RequestIds.JOB_MDC_KEY, instance.getTaskName() + "/" + instance.getId());
		requestIds.of(instance).ifPresentOrElse(id -> MDC.put(RequestIds.MDC_KEY, id),
				() -> MDC.remove(RequestIds.MDC_KEY));
		try {
			log.debug("Running job");
			return chain.proceed(instance, context);
		}
		catch (RuntimeException | Error ex) {
			Counter.builder("staybook.jobs.failures")
				.description("Job runs that failed (each attempt)")
				.tag("task", instance.getTaskName())
				.register(meters)
				.increment();
			throw ex;
		}
		finally {
			restore(RequestIds.JOB_MDC_KEY, outer);
			restore(RequestIds.MDC_KEY, outerRequest);
		}
	}

	/** Puts back what the MDC held under {@code key} before the run (null: nothing). */
	static void restore(String key, String outer) {
		if (outer == null) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, outer);
		}
	}
}
