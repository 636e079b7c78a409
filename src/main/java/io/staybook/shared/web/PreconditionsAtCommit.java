package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Refuses, with 412 {@code precondition_failed}, the first read-write transaction of a write whose precondition failed
 * on a resource named by id ({@link UntaggedPreconditions}), just before it commits: the handler has then found the
 * resource and checked the caller's right to it, so a missing id was already the 404 (and a stranger's the 403) that
 * RFC 9110 §13.2.1 puts before any precondition, and the rollback leaves everything as it was. Read-only
 * transactions (lookups) commit as usual. Boot adds every {@link TransactionExecutionListener} bean to its transaction
 * manager; the request is the current thread's, so jobs and other threads are never touched.
 * <p>
 * A write that commits no read-write transaction changes nothing in the database to refuse; the services keep their
 * side effects (mail, provider calls) in jobs scheduled in that transaction, so these are rolled back with it.
 */
@Component
class PreconditionsAtCommit implements TransactionExecutionListener {

	private static final String REFUSE = PreconditionsAtCommit.class.getName() + ".refuse";

	/** Marks {@code request} so that its first read-write transaction is refused before it commits. */
	static void refuse(HttpServletRequest request) {
		request.setAttribute(REFUSE, Boolean.TRUE);
	}

	@Override
	public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (beginFailure != null || transaction.isReadOnly() || request == null
				|| request.getAttribute(REFUSE, RequestAttributes.SCOPE_REQUEST) == null
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				// an exception here rolls the transaction back and reaches its caller (TransactionSynchronization)
				throw Preconditions.failed();
			}
		});
	}
}
