package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import no.bekk.dbscheduler.ui.controller.ConfigController;
import no.bekk.dbscheduler.ui.controller.IndexHtmlController;
import no.bekk.dbscheduler.ui.controller.TaskController;
import no.bekk.dbscheduler.ui.service.TaskLogic;
import no.bekk.dbscheduler.ui.util.Caching;
import no.bekk.dbscheduler.ui.model.ConfigResponse;
import no.bekk.dbscheduler.ui.model.GetTasksResponse;
import no.bekk.dbscheduler.ui.model.PollResponse;
import no.bekk.dbscheduler.ui.model.TaskModel;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The job dashboard, the Celery-Flower role: db-scheduler-ui's page at {@code /db-scheduler} (its scripts are served
 * from the library's {@code static/db-scheduler}) and its data at {@code /db-scheduler-api/tasks/**} and
 * {@code /db-scheduler-api/config}, for admins only (see {@code shared.security.SecurityConfig}).
 * <p>
 * Wired here rather than by the library's starter, whose newest release (4.5.6) is built for Spring Boot 3: its
 * auto-configuration needs {@code org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations}, gone in Boot 4.
 * This does what that auto-configuration does for a servlet application at the root context path, minus what the
 * dashboard does not need here: read-only (no rerun or delete, which would bypass the retries and the dead-letter table
 * of {@link RetryPolicy}; {@code GET /api/v1/admin/jobs} stays the operators' queue view), no task data (a job's data
 * may hold personal data), no execution history (db-scheduler-log is not installed).
 */
@Configuration(proxyBeanMethods = false)
class JobDashboardConfig {

	private static final String PAGE = "static/db-scheduler/index.html";

	/**
	 * The dashboard's scripts read camelCase ({@code readOnly}, {@code taskName}); the API's snake_case naming would
	 * leave them blank. A mix-in keeps camelCase for the library's response models only.
	 */
	@Bean
	JsonMapperBuilderCustomizer jobDashboardCamelCase() {
		return builder -> {
			for (Class<?> model : new Class<?>[] { ConfigResponse.class, GetTasksResponse.class, PollResponse.class,
					TaskModel.class }) {
				builder.addMixIn(model, CamelCase.class);
			}
		};
	}

	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	private interface CamelCase {
	}

	@Bean
	Caching jobDashboardCaching() {
		return new Caching();
	}

	@Bean
	TaskController jobDashboardTasks(Scheduler scheduler, Caching jobDashboardCaching) {
		return new TaskController(new TaskLogic(scheduler, jobDashboardCaching, false));
	}

	@Bean
	ConfigController jobDashboardSettings() {
		return new ConfigController(false, () -> true);
	}

	/** The page, with the script that tells it its context path (the root) loaded first, as the starter does. */
	@Bean
	IndexHtmlController jobDashboardPage() throws IOException {
		String html = new ClassPathResource(PAGE).getContentAsString(StandardCharsets.UTF_8)
			.replace("<head>", "<head>\n    <script src='/db-scheduler/js/context-path.js'></script>");
		return new IndexHtmlController(html, "");
	}
}
