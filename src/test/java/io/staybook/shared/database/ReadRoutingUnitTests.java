package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.database.ReadRouting.Request;
import io.staybook.shared.database.ReadRouting.Target;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The routing rules of {@link ReadRouting}, one by one, with the transaction state set by hand. */
class ReadRoutingUnitTests {

	@AfterEach
	void endTransaction() {
		TransactionSynchronizationManager.setActualTransactionActive(false);
		TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
	}

	@Test
	void outsideARequestEverythingGoesToThePrimary() throws Throwable {
		assertThat(ReadRouting.replicaReads(() -> ReadRouting.target(() -> true))).isEqualTo(Target.PRIMARY);
	}

	@Test
	void aReplicaReadOfARequestThatHasNotWrittenGoesToTheReplica() throws Throwable {
		Request request = new Request();
		assertThat(inRequest(request, () -> ReadRouting.replicaReads(() -> ReadRouting.target(() -> true))))
			.isEqualTo(Target.REPLICA);
		readOnlyTransaction();
		assertThat(inRequest(request, () -> ReadRouting.replicaReads(() -> ReadRouting.target(() -> true))))
			.isEqualTo(Target.REPLICA);
		assertThat(request.wrote()).isFalse();
	}

	@Test
	void readsThatAreNotReplicaReadsStayOnThePrimaryWithoutCountingAsWrites() throws Throwable {
		Request request = new Request();
		readOnlyTransaction();
		assertThat(inRequest(request, () -> ReadRouting.target(() -> true))).isEqualTo(Target.PRIMARY);
		assertThat(request.wrote()).isFalse();
	}

	@Test
	void afterAReadWriteTransactionTheRequestReadsFromThePrimary() throws Throwable {
		Request request = new Request();
		TransactionSynchronizationManager.setActualTransactionActive(true);
		assertThat(inRequest(request, () -> ReadRouting.replicaReads(() -> ReadRouting.target(() -> true))))
			.as("a replica read inside a read-write transaction").isEqualTo(Target.PRIMARY);
		assertThat(request.wrote()).isTrue();
		readOnlyTransaction();
		assertThat(inRequest(request, () -> ReadRouting.replicaReads(() -> ReadRouting.target(() -> true))))
			.isEqualTo(Target.PRIMARY);
	}

	@Test
	void aStatementOutsideAnyTransactionAndReplicaReadsCountsAsAWrite() throws Throwable {
		Request request = new Request();
		assertThat(inRequest(request, () -> ReadRouting.target(() -> true))).isEqualTo(Target.PRIMARY);
		assertThat(request.wrote()).isTrue();
	}

	@Test
	void aReplicaThatIsNotServingIsBypassed() throws Throwable {
		assertThat(inRequest(new Request(), () -> ReadRouting.replicaReads(() -> ReadRouting.target(() -> false))))
			.isEqualTo(Target.PRIMARY);
	}

	private static void readOnlyTransaction() {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
	}

	private static Object inRequest(Request request, ReadRouting.Read read) throws Exception {
		AtomicReference<Object> result = new AtomicReference<>();
		ReadRouting.inRequest(request, () -> {
			try {
				result.set(read.run());
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		return result.get();
	}
}
