package io.staybook.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Flux;

/**
 * PostgreSQL {@code NOTIFY}/{@code LISTEN} between nodes, for deployments without Redis (architecture: "cross-node
 * events"). {@link #publish} runs {@code select pg_notify(channel, id)} in the transaction that writes the message:
 * PostgreSQL delivers a notification only when that transaction commits, so a rolled-back message is never announced.
 * A notification carries only the message id (payloads are limited to 8000 bytes; a body may be 5,000 multi-byte
 * characters): each node loads the events of the ids it receives with one query
 * ({@link MessageRows#added}) and hands them to its {@link LocalMessageBus}. The node that wrote a message receives it
 * the same way.
 * <p>
 * One daemon thread per node listens on a connection of its own, outside the pool, made from the pool's credentials to
 * {@code staybook.messages.listen-url} (default the datasource's URL): {@code LISTEN} lives in a session, so this URL
 * must reach PostgreSQL directly or through a session-mode pooler, never PgBouncer in transaction mode. On any failure
 * of that connection the thread reconnects with a backoff doubling from 200 ms to at most 5 s, and logs once when the
 * outage begins and once when it ends. Notifications sent meanwhile are lost to this node (best effort, as
 * {@link MessageBus} says). A quiet connection is checked every 30 s, so a silently dead network is noticed too.
 */
class PostgresMessageBus implements MessageBus, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PostgresMessageBus.class);

	/** How the listening session appears in {@code pg_stat_activity.application_name}. */
	static final String APPLICATION_NAME = "staybook-messages";

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private static final int POLL_MILLIS = 1000;

	private static final long CHECK_QUIET_NANOS = Duration.ofSeconds(30).toNanos();

	private final LocalMessageBus local = new LocalMessageBus();

	private final JdbcClient jdbc;

	private final DataSource listening;

	private final String channel;

	private final Function<List<UUID>, List<MessageAdded>> loader;

	private final Thread listener;

	private volatile boolean running = true;

	/**
	 * Starts listening at once (in the background: a node starts even when the connection cannot be made yet).
	 *
	 * @param jdbc the pooled client, for {@code pg_notify} within the writing transaction
	 * @param listening unpooled connections for the {@code LISTEN} session
	 * @param channel the notification channel (any text up to 63 bytes; quoted for {@code LISTEN})
	 * @param loader the events of the given message ids, in their order (those that exist)
	 */
	PostgresMessageBus(JdbcClient jdbc, DataSource listening, String channel,
			Function<List<UUID>, List<MessageAdded>> loader) {
		this.jdbc = jdbc;
		this.listening = listening;
		this.channel = channel;
		this.loader = loader;
		this.listener = Thread.ofPlatform().daemon().name("message-listener").unstarted(this::listen);
		listener.start();
	}

	@Override
	public void publish(MessageAdded event) {
		// pg_notify returns void: read the row and ignore it
		jdbc.sql("select pg_notify(:channel, :id)")
			.param("channel", channel)
			.param("id", event.message().id().toString())
			.query((rs, row) -> row)
			.list();
	}

	@Override
	public Flux<MessageAdded> events() {
		return local.events();
	}

	private void listen() {
		Duration backoff = FIRST_BACKOFF;
		boolean down = false;
		while (running) {
			try (Connection session = listening.getConnection()) {
				try (Statement statement = session.createStatement()) {
					statement.execute("LISTEN " + quoted(channel));
				}
				if (down) {
					log.info("Listening again for new messages from other nodes (PostgreSQL LISTEN {})", channel);
					down = false;
				}
				backoff = FIRST_BACKOFF;
				receive(session);
			}
			catch (SQLException | RuntimeException ex) {
				if (!running) {
					break;
				}
				if (!down) {
					log.warn("PostgreSQL LISTEN for new messages failed ({}); reconnecting; meanwhile this node misses "
							+ "other nodes' messages", ex.getMessage());
					down = true;
				}
				if (!pause(backoff)) {
					break;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	/** Reads notifications until the connection fails (an exception) or the bus stops. */
	private void receive(Connection session) throws SQLException {
		PGConnection pg = session.unwrap(PGConnection.class);
		long quietSince = System.nanoTime();
		while (running) {
			PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
			if (notifications != null && notifications.length > 0) {
				deliver(notifications);
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > CHECK_QUIET_NANOS) {
				if (!session.isValid(5)) {
					throw new SQLException("the connection stopped answering");
				}
				quietSince = System.nanoTime();
			}
		}
	}

	private void deliver(PGNotification[] notifications) {
		List<UUID> ids = new ArrayList<>(notifications.length);
		for (PGNotification notification : notifications) {
			try {
				ids.add(UUID.fromString(notification.getParameter()));
			}
			catch (IllegalArgumentException ex) {
				log.warn("Ignored a notification on {} that is not a message id", channel);
			}
		}
		try {
			loader.apply(ids).forEach(local::deliver);
		}
		catch (RuntimeException ex) {
			log.warn("Could not load {} new message(s) to deliver ({}); subscribers read them from the conversation",
					ids.size(), ex.getMessage());
		}
	}

	/** Sleeps, or returns false if the bus stopped meanwhile. */
	private boolean pause(Duration time) {
		try {
			Thread.sleep(time);
			return running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** {@code text} as a quoted SQL identifier (double quotes doubled). */
	static String quoted(String text) {
		return '"' + text.replace("\"", "\"\"") + '"';
	}

	/** Stops listening: the thread ends within a poll (1 s) and closes its connection. */
	@Override
	public void destroy() throws InterruptedException {
		running = false;
		listener.interrupt();
		listener.join(Duration.ofSeconds(3));
	}
}
