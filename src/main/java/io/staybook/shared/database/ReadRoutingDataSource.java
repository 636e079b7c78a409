package io.staybook.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's DataSource when a replica is configured: the primary's pool and the replica's behind one lazy
 * proxy. {@link LazyConnectionDataSourceProxy} takes no connection until the first statement, so the choice
 * ({@link ReadRouting#target}) is made when the transaction, its read-only flag and the running method are known.
 * <p>
 * Not {@code LazyConnectionDataSourceProxy.setReadOnlyDataSource}: that sends every read-only transaction to the
 * replica, Spring Data's repository reads included (the account lookup of every authenticated request would then see a
 * revoked token up to max-lag late), and it cannot keep a request that has written on the primary.
 */
final class ReadRoutingDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

	private final HikariDataSource primary;

	ReadRoutingDataSource(HikariDataSource primary, ReadReplica replica) {
		super(new Router(primary, replica));
		this.primary = primary;
		// known up front, so that beginning a transaction never takes a connection before its flags are known
		setDefaultAutoCommit(primary.isAutoCommit());
		setDefaultTransactionIsolation(primary.getTransactionIsolation() != null
				? isolation(primary.getTransactionIsolation()) : Connection.TRANSACTION_READ_COMMITTED);
	}

	/** Closes the primary's pool (the replica's is closed with its {@link ReadReplica}). */
	@Override
	public void close() {
		primary.close();
	}

	private static int isolation(String name) {
		try {
			return Connection.class.getField(name.startsWith("TRANSACTION_") ? name : "TRANSACTION_" + name)
				.getInt(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalArgumentException("Unknown transaction isolation " + name, ex);
		}
	}

	/**
	 * The connection's source, chosen at the moment it is taken. A replica that fails to give one is marked not
	 * serving and the primary gives it instead. Unwrapping (pool metrics, tests) reaches the primary's pool.
	 */
	private static final class Router extends AbstractDataSource {

		private final HikariDataSource primary;

		private final ReadReplica replica;

		Router(HikariDataSource primary, ReadReplica replica) {
			this.primary = primary;
			this.replica = replica;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (ReadRouting.target(replica::serving) == ReadRouting.Target.REPLICA) {
				try {
					return replica.pool().getConnection();
				}
				catch (SQLException ex) {
					replica.unreachable(ex);
				}
			}
			return primary.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return primary.getConnection(username, password);
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return type.isInstance(this) ? type.cast(this) : primary.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return type.isInstance(this) || primary.isWrapperFor(type);
		}
	}
}
