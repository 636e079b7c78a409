package io.staybook.shared.jobs;

import io.staybook.shared.DomainException;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an operator needs to see of the job queue: what is due, running, failing, and dead. Admins only. */
@RestController
@Tag(name = "Administration")
class JobQueueController {

	private static final int MAX_ROWS = 200;

	private final JdbcClient jdbc;

	JobQueueController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Schema(name = "Job")
	record Job(String taskName, String taskInstance, Instant executionTime,
			@Schema(allowableValues = { "scheduled", "running", "failing" }) String state,
			@Schema(nullable = true) Integer consecutiveFailures, @Schema(nullable = true) Instant lastFailure,
			@Schema(nullable = true) String pickedBy) {
	}

	@Schema(name = "DeadJob")
	record DeadJob(String taskName, String taskInstance, int failures, @Schema(nullable = true) String lastError,
			Instant failedAt) {
	}

	@Schema(name = "JobQueue")
	record Queue(List<Job> jobs, List<DeadJob> dead) {
	}

	@GetMapping("/api/v1/admin/jobs")
	@Operation(operationId = "listJobs", summary = "The job queue (admins only): scheduled, running and failing jobs, soonest first, and the dead"
			+ " letters, newest first; at most 200 of each",
			description = "Admins only; anyone else gets 403 `admin_only`. Not paged: a job is `running` while a"
					+ " node has picked it (`picked_by`), `failing` after failed tries (`consecutive_failures`,"
					+ " retried later) and `scheduled` otherwise; a dead letter is a job that failed too often and"
					+ " will not run again, with its `last_error`.")
	@ApiResponse(responseCode = "200", description = "The queue and the dead letters")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@Transactional(readOnly = true)
	Queue jobs(@AuthenticationPrincipal Actor actor) {
		if (!actor.isAdmin()) {
			throw DomainException.forbidden("admin_only", "Only admins may see the job queue.");
		}
		List<Job> jobs = jdbc.sql("""
				select task_name, task_instance, execution_time,
				       case when picked then 'running' when coalesce(consecutive_failures, 0) > 0 then 'failing'
				            else 'scheduled' end as state,
				       consecutive_failures, last_failure, picked_by
				from scheduled_tasks order by execution_time limit ?""")
			.param(MAX_ROWS)
			.query((rs, row) -> new Job(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), (Integer) rs.getObject(5),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list();
		List<DeadJob> dead = jdbc.sql("""
				select task_name, task_instance, failures, last_error, failed_at
				from dead_jobs order by failed_at desc limit ?""")
			.param(MAX_ROWS)
			.query((rs, row) -> new DeadJob(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.list();
		return new Queue(jobs, dead);
	}
}
