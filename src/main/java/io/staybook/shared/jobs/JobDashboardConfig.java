package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
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
 * may hold personal data; not even read: {@link #jobDashboardCaching}), no execution history (db-scheduler-log is
 * not installed). Its scripts and stylesheet are served from here ({@link #addResourceHandlers}): Spring Boot's own
 * static file handler, which served every jar's {@code static/} and {@code public/} at {@code /**}, is off
 * ({@code spring.web.resources.add-mappings}).
 */
@Configuration(proxyBeanMethods = false)
class JobDashboardConfig implements WebMvcConfigurer {

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

	/**
	 * The dashboard's cache of executions, each without its data: db-scheduler-ui reads every row's data for every
	 * list (and drops it after, since it shows none), so one row it could not read (refused by {@link
	 * JobDataSerializer}'s allow-list, or JSON of a later release on an older node) made the whole list a 500, and
	 * with Java serialization an admin's look deserialized whatever a row held.
	 */
	@Bean
	Caching jobDashboardCaching() {
		return new WithoutData();
	}

	private static final class WithoutData extends Caching {

		@Override
		public List<ScheduledExecution<Object>> getExecutionsFromCacheOrDB(boolean refresh, Scheduler scheduler) {
			return withoutData(super.getExecutionsFromCacheOrDB(refresh, scheduler));
		}

		@Override
		public List<ScheduledExecution<Object>> getExecutionsFromDBWithoutUpdatingCache(Scheduler scheduler) {
			return withoutData(super.getExecutionsFromDBWithoutUpdatingCache(scheduler));
		}

		private static List<ScheduledExecution<Object>> withoutData(List<ScheduledExecution<Object>> executions) {
			return executions.stream().map(WithoutData::withoutData).toList();
		}

		/** The same row without data; no heartbeat or version either, which the read-only dashboard never uses. */
		private static ScheduledExecution<Object> withoutData(ScheduledExecution<Object> scheduled) {
			TaskInstanceId id = scheduled.getTaskInstance();
			return new ScheduledExecution<>(Object.class, new Execution(scheduled.getExecutionTime(),
					new TaskInstance<>(id.getTaskName(), id.getId()), scheduled.isPicked(), scheduled.getPickedBy(),
					scheduled.getLastSuccess(), scheduled.getLastFailure(), scheduled.getConsecutiveFailures(), null,
					0));
		}
	}

	/** The page's files in db-scheduler-ui's jar: {@code /db-scheduler/assets/index-<hash>.js}, its CSS, its icon. */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/db-scheduler/**").addResourceLocations("classpath:/static/db-scheduler/");
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new JobDashboardPaging()).addPathPatterns("/db-scheduler-api/tasks/**");
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
