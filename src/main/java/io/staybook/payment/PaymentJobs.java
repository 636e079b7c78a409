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

	/** What a refund job pays back: the whole refund of a payment, set once per cancellation. */
	record RefundOrder(UUID paymentId, BigDecimal amount) implements Serializable {
	}

	@Bean
	OneTimeTask<UUID> chargePaymentTask(ObjectProvider<PaymentService> payments, RetryPolicy retries) {
		return Tasks.oneTime(CHARGE, UUID.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> payments.getObject().charge(instance.getData()));
	}

	@Bean
	OneTimeTask<RefundOrder> refundPaymentTask(ObjectProvider<PaymentService> payments, RetryPolicy retries) {
		return Tasks.oneTime(REFUND, RefundOrder.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> payments.getObject().refund(instance.getData()));
	}
}
