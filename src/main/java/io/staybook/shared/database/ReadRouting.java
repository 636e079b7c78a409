package io.staybook.shared.database;

import io.micrometer.context.ContextRegistry;
import java.util.function.BooleanSupplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides, when a statement needs a connection, whether the replica may serve it. Two things are bound to the thread:
 * the current HTTP request's {@link Request} (by {@link ReadRoutingFilter}, and carried to the threads Spring for
 * GraphQL runs the request's work on through Micrometer's context propagation), and whether a {@link ReplicaReads}
 * method is running. The replica serves a connection only when all of these hold:
 * <ul>
 * <li>it is taken for an HTTP request (jobs, start-up and health always use the primary);</li>
 * <li>a {@link ReplicaReads} method is running, outside any read-write transaction;</li>
 * <li>the request has not yet taken a connection for writing: a read-write transaction, or a statement outside any
 * transaction and outside {@link ReplicaReads} (read-your-writes within a request);</li>
 * <li>the replica is serving (its lag within bounds, see {@link ReadReplica}).</li>
 * </ul>
 * The decision is taken at the first statement (the application's DataSource is lazy, see {@link ReadRoutingDataSource}),
 * when the transaction's read-only flag is known.
 */
final class ReadRouting {

	/** The database a connection is taken from. */
	enum Target {
		PRIMARY, REPLICA
	}

	/** What the routing remembers of one HTTP request: whether it has written. Shared by the request's threads. */
	static final class Request {

		private volatile boolean wrote;

		boolean wrote() {
			return wrote;
		}
	}

	private static final ThreadLocal<Request> REQUEST = new ThreadLocal<>();

	private static final ThreadLocal<Boolean> REPLICA_READS = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(ReadRouting.class.getName() + ".request", REQUEST::get, REQUEST::set,
					REQUEST::remove);
	}

	private ReadRouting() {
	}

	/** Runs {@code work} as the given request; the binding is undone however it ends. */
	static void inRequest(Request request, Work work) throws Exception {
		Request outer = REQUEST.get();
		REQUEST.set(request);
		try {
			work.run();
		}
		finally {
			restore(REQUEST, outer);
		}
	}

	/** Runs {@code read} as a {@link ReplicaReads} method. */
	static Object replicaReads(Read read) throws Throwable {
		Boolean outer = REPLICA_READS.get();
		REPLICA_READS.set(Boolean.TRUE);
		try {
			return read.run();
		}
		finally {
			restore(REPLICA_READS, outer);
		}
	}

	/** Where a connection taken now should come from; {@code replicaServing} is asked only when it matters. */
	static Target target(BooleanSupplier replicaServing) {
		Request request = REQUEST.get();
		if (request == null) {
			return Target.PRIMARY;
		}
		boolean replicaReads = REPLICA_READS.get() != null;
		boolean writable = TransactionSynchronizationManager.isActualTransactionActive()
				? !TransactionSynchronizationManager.isCurrentTransactionReadOnly() : !replicaReads;
		if (writable) {
			request.wrote = true;
			return Target.PRIMARY;
		}
		return replicaReads && !request.wrote && replicaServing.getAsBoolean() ? Target.REPLICA : Target.PRIMARY;
	}

	private static <T> void restore(ThreadLocal<T> local, T outer) {
		if (outer == null) {
			local.remove();
		}
		else {
			local.set(outer);
		}
	}

	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

	@FunctionalInterface
	interface Read {

		Object run() throws Throwable;

	}
}
