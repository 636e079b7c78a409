package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.GraphQlSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes sharing only PostgreSQL (no Redis): {@code messageAdded} reaches node A's subscriber when the message is
 * sent to node B, through {@code NOTIFY}/{@code LISTEN} (the tests of {@link MessageNodes}); an announcement in a
 * transaction that rolls back is never delivered; and a node whose listening session is killed listens again and
 * delivers again.
 */
class MessageSubscriptionPostgresNodesIntegrationTests extends MessageNodes {

	@Override
	String redisUrl() {
		return "";
	}

	@Test
	void theNodesShareMessagesThroughPostgres() {
		assertThat(nodeA.getBean(MessageBus.class)).isInstanceOf(PostgresMessageBus.class);
		assertThat(nodeB.getBean(MessageBus.class)).isInstanceOf(PostgresMessageBus.class);
	}

	@Test
	void anAnnouncementInATransactionThatRollsBackIsNeverDelivered() throws Exception {
		Parties parties = conversation();
		String[] host = parties.host();
		String[] guest = parties.guest();
		String id = parties.id();
		try (GraphQlSocket socket = subscribeOnA(host, guest, id)) {
			JsonNode sent = call(nodeB, "POST", "/api/v1/conversations/" + id + "/messages",
					Map.of("body", "Announced twice?"), guest[1], 201);
			assertThat(socket.next("next").path("payload").path("data").path("messageAdded").path("id").asString())
				.isEqualTo(sent.path("id").asString());
			MessageAdded again = new MessageAdded(UUID.fromString(guest[0]), UUID.fromString(host[0]), false,
					new MessageView(UUID.fromString(sent.path("id").asString()), UUID.fromString(id),
							UUID.fromString(guest[0]), "Announced twice?", Instant.now()));
			MessageBus bus = nodeB.getBean(MessageBus.class);
			TransactionTemplate transaction = new TransactionTemplate(
					nodeB.getBean(PlatformTransactionManager.class));

			transaction.executeWithoutResult(status -> {
				bus.publish(again);
				status.setRollbackOnly();
			});
			assertThat(socket.quietFor(Duration.ofMillis(1500))).as("a rolled-back announcement").isTrue();

			transaction.executeWithoutResult(status -> bus.publish(again));
			JsonNode message = socket.next("next").path("payload").path("data").path("messageAdded");
			assertThat(message.path("id").asString()).isEqualTo(sent.path("id").asString());
			assertThat(message.path("body").asString()).isEqualTo("Announced twice?");
		}
	}

	@Test
	void aNodeListensAgainAfterItsSessionIsKilled() throws Exception {
		Parties parties = conversation();
		String[] host = parties.host();
		String[] guest = parties.guest();
		String id = parties.id();
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		try (GraphQlSocket socket = subscribeOnA(host, guest, id)) {
			Set<Integer> before = new HashSet<>(listeners(jdbc));
			assertThat(before).as("both nodes' listening sessions").hasSizeGreaterThanOrEqualTo(2);
			List<Boolean> killed = jdbc
				.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name"
						+ " and datname = current_database()")
				.param("name", PostgresMessageBus.APPLICATION_NAME)
				.query(Boolean.class)
				.list();
			assertThat(killed).isNotEmpty().allMatch(Boolean::booleanValue);

			awaitPingsFromB(socket, guest, id);
			assertThat(listeners(jdbc)).as("new listening sessions").doesNotContainAnyElementsOf(before).isNotEmpty();
			JsonNode sent = call(nodeB, "POST", "/api/v1/conversations/" + id + "/messages",
					Map.of("body", "Mail me at guest@example.com"), guest[1], 201);
			JsonNode message = socket.next("next").path("payload").path("data").path("messageAdded");
			assertThat(message.path("id").asString()).isEqualTo(sent.path("id").asString());
			assertThat(message.path("body").asString()).isEqualTo("Mail me at [hidden]");
		}
	}

	private static List<Integer> listeners(JdbcClient jdbc) {
		return jdbc
			.sql("select pid from pg_stat_activity where application_name = :name and datname = current_database()")
			.param("name", PostgresMessageBus.APPLICATION_NAME)
			.query(Integer.class)
			.list();
	}
}
