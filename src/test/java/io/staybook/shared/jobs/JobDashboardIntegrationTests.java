package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.notification.Mail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The job dashboard (db-scheduler-ui): its page is served to anyone, its data only to admins, and
 * {@code GET /api/v1/admin/jobs} is still there beside it.
 */
@IntegrationTest
class JobDashboardIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobDataSerializer serializer;

	@Test
	void thePageIsServed() {
		Api.Response page = api.get("/db-scheduler").send();

		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.text()).containsIgnoringCase("<html").contains("/db-scheduler/js/context-path.js");
		Api.Response script = api.get("/db-scheduler/js/context-path.js").send();
		assertThat(script.status()).as(script.toString()).isEqualTo(200);
	}

	@Test
	void theDashboardIsNoPartOfTheApiDocument() {
		Api.Response document = api.get("/v3/api-docs").send();

		assertThat(document.status()).isEqualTo(200);
		assertThat(document.text()).doesNotContain("db-scheduler");
	}

	@Test
	void theDashboardIsReadOnly() {
		Api.Response config = api.get("/db-scheduler-api/config").as(accounts.admin()).send();

		assertThat(config.status()).as(config.toString()).isEqualTo(200);
		assertThat(config.body().path("readOnly").asBoolean()).isTrue();
		assertThat(api.post("/db-scheduler-api/tasks/delete?id=x&taskName=y", null).as(accounts.admin()).send().status())
			.isIn(404, 405);
	}

	@Test
	void anAdminListsTheScheduledJobs() {
		String instance = "dashboard-" + UUID.randomUUID();
		jdbc.sql("""
				insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
				values ('purge-expired-records', ?, ?, false, 1)""")
			.params(instance, Timestamp.from(Instant.parse("2099-01-01T00:00:00Z")))
			.update();
		try {
			Api.Response tasks = api.get("/db-scheduler-api/tasks/all?size=1000").as(accounts.admin()).send();

			assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
			assertThat(tasks.body().has("numberOfItems")).as("camelCase, as the dashboard's scripts read it").isTrue();
			assertThat(tasks.body().path("items").values()).extracting(JsonNode::toString)
				.anySatisfy(item -> assertThat(item).contains("purge-expired-records").contains(instance));
		}
		finally {
			jdbc.sql("delete from scheduled_tasks where task_instance = ?").param(instance).update();
		}
	}

	/**
	 * The dashboard lists every row without reading its data: a row it cannot read (a class refused by the job data's
	 * allow-list, a JSON row of a later release) neither breaks the list nor is deserialized for an admin's look, and
	 * no mail address of a job's data reaches the page.
	 */
	@Test
	void rowsAreListedWithoutReadingTheirData() {
		String crafted = "dashboard-crafted-" + UUID.randomUUID();
		String mail = "dashboard-mail-" + UUID.randomUUID();
		JobDataIntegrationTests.Gadget.made.set(false);
		insert("send-mail", crafted, JobDataIntegrationTests.javaSerialized(new JobDataIntegrationTests.Gadget("x")));
		insert("send-mail", mail, serializer.serialize(new Mail(mail, "someone-private@example.com", "t", Map.of())));
		try {
			Api.Response tasks = api.get("/db-scheduler-api/tasks/all?size=1000&refresh=true")
				.as(accounts.admin())
				.send();

			assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
			assertThat(tasks.text()).contains(crafted, mail).doesNotContain("someone-private@example.com");
			assertThat(JobDataIntegrationTests.Gadget.made).isFalse();
			Api.Response one = api.get("/db-scheduler-api/tasks/details?taskName=send-mail&taskId=" + crafted)
				.as(accounts.admin())
				.send();
			assertThat(one.status()).as(one.toString()).isEqualTo(200);
			assertThat(one.text()).contains(crafted);
			assertThat(JobDataIntegrationTests.Gadget.made).isFalse();
		}
		finally {
			jdbc.sql("delete from scheduled_tasks where task_instance in (?, ?)").params(crafted, mail).update();
		}
	}

	private void insert(String task, String instance, byte[] data) {
		jdbc.sql("""
				insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
				values (?, ?, ?, ?, false, 1)""")
			.params(task, instance, data, Timestamp.from(Instant.parse("2099-01-01T00:00:00Z")))
			.update();
	}

	@Test
	void theDataIsForAdminsOnly() {
		assertThat(api.get("/db-scheduler-api/tasks/all").send().status()).isEqualTo(401);
		assertThat(api.get("/db-scheduler-api/tasks/all").as(accounts.guest()).send().status()).isEqualTo(403);
		assertThat(api.get("/db-scheduler-api/tasks/all").as(accounts.host()).send().status()).isEqualTo(403);
		assertThat(api.get("/db-scheduler-api/config").send().status()).isEqualTo(401);
	}

	@Test
	void theAdminJobQueueIsStillServed() {
		Api.Response queue = api.get("/api/v1/admin/jobs").as(accounts.admin()).send();

		assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
		assertThat(queue.body().path("jobs").isArray()).isTrue();
	}
}
