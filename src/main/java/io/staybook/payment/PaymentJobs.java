package io.staybook.payment;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.RetryPolicy;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment jobs. Charging and refunding call the provider with idempotency keys derived from our ids, so a retry
 * after a timeout never moves money twice.
 */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

	static final String CHARGE = "charge-payment";

	static final String REFUND = "refund-payment";

	/**
	 * What a refund job pays back: the refund row {@code refundId} (its job's instance id too), of {@code amount} of
	 * the payment. Jobs scheduled before refunds had rows carry no {@code refundId} (Java serialization of a record
	 * fills a component missing from the stream with null); the job then makes their row.
	 */
	record RefundOrder(UUID paymentId, BigDecimal amount, UUID refundId) implements Serializable {

		static RefundOrder of(Refund refund) {
			return new RefundOrder(refund.paymentId(), refund.amount(), refund.getId());
		}
	}

	/** Given up after its retries, a charge ends: the payment fails, its hold is released, the guest is told. */
	@Bean
	OneTimeTask<UUID> chargePaymentTask(ObjectProvider<PaymentService> payments, RetryPolicy retries) {
		return Tasks.oneTime(CHARGE, UUID.class)
			.onFailure(retries.<UUID>retryThenDeadLetter(
					(paymentId, cause) -> payments.getObject().abandonCharge(paymentId)))
			.execute((instance, context) -> payments.getObject().charge(instance.getData()));
	}

	@Bean
	OneTimeTask<RefundOrder> refundPaymentTask(ObjectProvider<PaymentService> payments, RetryPolicy retries) {
		return Tasks.oneTime(REFUND, RefundOrder.class)
			.onFailure(retries.<RefundOrder>retryThenDeadLetter(
					(order, cause) -> payments.getObject().refundGivenUp(order, cause)))
			.execute((instance, context) -> payments.getObject().refund(instance.getData()));
	}
}
