package io.staybook.shared.observability;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line of a running job carries the MDC key {@value RequestIds#JOB_MDC_KEY}: {@code task-name/instance-id}
 * (db-scheduler's {@link ExecutionInterceptor}, which the starter picks up as a bean). A run that throws is counted in
 * {@code staybook.jobs.failures{task}} (each failed attempt, retried or not).
 * <p>
 * The request that scheduled a job is found through its log, not through the job: {@code io.staybook.shared.jobs.Jobs}
 * logs {@code Scheduled job task/instance} in the scheduling request, so that line carries both the
 * {@code request_id} and the job's {@code task/instance}. This is the lightest correct link: the task data are many
 * types (some not ours, like a plain id), a side table would need a migration and a write per job, and a job may
 * outlive its request by days or run for another (a hold's expiry, a retry).
 */
@Component
class JobLogContext implements ExecutionInterceptor {

	private final MeterRegistry meters;

	JobLogContext(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public CompletionHandler<?> execute(TaskInstance<?> instance, ExecutionContext context, ExecutionChain chain) {
		String outer = MDC.get(RequestIds.JOB_MDC_KEY);
		MDC.put(RequestIds.JOB_MDC_KEY, instance.getTaskName() + "/" + instance.getId());
		try {
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
			if (outer == null) {
				MDC.remove(RequestIds.JOB_MDC_KEY);
			}
			else {
				MDC.put(RequestIds.JOB_MDC_KEY, outer);
			}
		}
	}
}
