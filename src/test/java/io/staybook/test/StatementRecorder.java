package io.staybook.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import io.micrometer.context.ContextRegistry;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts the SQL statements the application prepares while it serves one HTTP request. The application's
 * {@link DataSource} is wrapped (by {@link #wrapDataSources()}) so that every {@code prepareStatement},
 * {@code prepareCall} and {@code createStatement} made on a request thread whose request carries the header
 * {@value #HEADER} is recorded under that header's value. Statements of other requests, of other tests and of
 * background work are ignored, so a test can count exactly what its own request did.
 * <p>
 * A request's work may leave its thread (a GraphQL request's work did, before its fields ran on its own thread:
 * {@code shared.graphql.GraphQlConfig}), carrying the request's context with it through Micrometer's context
 * propagation. The tag is registered there as one more thread-local value, so that statements of a request are
 * counted wherever they run.
 */
public final class StatementRecorder {

	public static final String HEADER = "X-Test-Statement-Tag";

	private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "prepareCall", "createStatement");

	private static final Queue<Recorded> RECORDED = new ConcurrentLinkedQueue<>();

	/** The tag of each connection taken from the application's DataSource by a tagged request. */
	private static final Queue<String> CONNECTIONS = new ConcurrentLinkedQueue<>();

	/** How many connections the requests of each tag hold at this moment, and the most they held at once. */
	private static final Map<String, AtomicInteger> OPEN = new ConcurrentHashMap<>();

	private static final Map<String, AtomicInteger> PEAK = new ConcurrentHashMap<>();

	/** The tag of the request whose work this thread does, when that is not the request's own thread. */
	private static final ThreadLocal<String> PROPAGATED = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(StatementRecorder.class.getName() + ".tag", StatementRecorder::currentTag,
					PROPAGATED::set, PROPAGATED::remove);
	}

	/**
	 * One statement: the tag of the request that made it, its SQL ({@code null} for a plain Statement), and the JDBC
	 * URL of the server it was sent to ({@code null} if the connection failed), which tells a primary from a replica.
	 */
	public record Recorded(String tag, String sql, String server, boolean committed, boolean statement) {

		Recorded(String tag, String sql, String server) {
			this(tag, sql, server, false, true);
		}
	}

	/**
	 * Whether {@code sql} is the lookup of a bearer token's account (io.staybook.user.AccountStates): a request makes it
	 * or not by when the node last read the account (a one-second cache), not by what it asks, so a test comparing two
	 * requests' statements leaves it out.
	 */
	public static boolean accountLookup(String sql) {
		return sql != null && sql.contains(" from users ") && sql.contains("deleted_at is null")
				&& !sql.contains(" for ");
	}

	/** The statements prepared while serving the requests tagged {@code tag}, in order. */
	public List<String> statements(String tag) {
		return RECORDED.stream().filter(r -> r.tag().equals(tag) && r.statement()).map(Recorded::sql).toList();
	}

	/**
	 * The transactions the requests tagged {@code tag} committed: each {@code commit()}, and each statement made on a
	 * connection in auto-commit mode (a transaction of its own).
	 */
	public long transactions(String tag) {
		return RECORDED.stream().filter(r -> r.tag().equals(tag) && r.committed()).count();
	}

	/** The servers (JDBC URLs) the statements of the requests tagged {@code tag} went to, in order. */
	public List<String> servers(String tag) {
		return RECORDED.stream().filter(r -> r.tag().equals(tag) && r.statement()).map(Recorded::server).toList();
	}

	/**
	 * How many connections the requests tagged {@code tag} took from the application's DataSource: every transaction
	 * and every query takes one, so 0 means the request touched no database at all.
	 */
	public long connections(String tag) {
		return CONNECTIONS.stream().filter(tag::equals).count();
	}

	/**
	 * The most connections the requests tagged {@code tag} held at the same time: 1 for a request whose transactions
	 * ran one after the other, 0 for one that touched no database.
	 */
	public int peakConnections(String tag) {
		AtomicInteger peak = PEAK.get(tag);
		return peak == null ? 0 : peak.get();
	}

	public void clear(String tag) {
		RECORDED.removeIf(r -> r.tag().equals(tag));
		CONNECTIONS.removeIf(tag::equals);
		OPEN.remove(tag);
		PEAK.remove(tag);
	}

	/** Wraps every DataSource bean; test-only, so production code never pays for it. */
	static BeanPostProcessor wrapDataSources() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
					return new Counting(dataSource);
				}
				return bean;
			}
		};
	}

	private static String currentTag() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			return servlet.getRequest().getHeader(HEADER);
		}
		return PROPAGATED.get();
	}

	private static final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return wrap(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return wrap(super.getConnection(username, password));
		}

		private static Connection wrap(Connection connection) {
			String borrower = currentTag();
			AtomicBoolean held = new AtomicBoolean(borrower != null);
			if (borrower != null) {
				CONNECTIONS.add(borrower);
				int open = OPEN.computeIfAbsent(borrower, tag -> new AtomicInteger()).incrementAndGet();
				PEAK.computeIfAbsent(borrower, tag -> new AtomicInteger()).accumulateAndGet(open, Math::max);
			}
			InvocationHandler handler = (proxy, method, args) -> {
				if (method.getName().equals("close") && held.compareAndSet(true, false)) {
					OPEN.get(borrower).decrementAndGet();
				}
				if (STATEMENT_METHODS.contains(method.getName())) {
					String tag = currentTag();
					if (tag != null) {
						String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
						Object statement;
						try {
							statement = invoke(connection, method, args);
						}
						catch (Throwable failed) {
							RECORDED.add(new Recorded(tag, sql, null));
							throw failed;
						}
						// after the statement is made: a lazy connection has only then chosen its server
						RECORDED.add(new Recorded(tag, sql, connection.getMetaData().getURL(), connection.getAutoCommit(),
								true));
						return statement;
					}
				}
				if (method.getName().equals("commit") && currentTag() != null) {
					RECORDED.add(new Recorded(currentTag(), null, null, true, false));
				}
				if (method.getName().equals("equals") && args != null && args.length == 1) {
					return proxy == args[0];
				}
				if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
					return System.identityHashCode(proxy);
				}
				if (method.getName().equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(proxy)) {
					return proxy;
				}
				return invoke(connection, method, args);
			};
			return (Connection) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(),
					new Class<?>[] { Connection.class }, handler);
		}

		private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(connection, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}
	}
}
