package io.staybook.payment.graphql;

import graphql.execution.DataFetcherResult;
import io.staybook.booking.BookingView;
import io.staybook.payment.IdempotentPayments;
import io.staybook.payment.PaymentService;
import io.staybook.payment.PaymentView;
import io.staybook.payment.web.PaymentRequests;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.security.Actor;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The payment operations of the GraphQL API, with the same idempotency as REST, and a booking's payment field. */
@Controller
class PaymentGraphQl {

	private final PaymentService payments;

	private final IdempotentPayments idempotent;

	PaymentGraphQl(PaymentService payments, IdempotentPayments idempotent) {
		this.payments = payments;
		this.idempotent = idempotent;
	}

	@QueryMapping
	PaymentView payment(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return payments.get(Actor.required(actor), id);
	}

	/** A booking's payment (its successful one, else its latest attempt), for a whole page of bookings at once. */
	@BatchMapping(typeName = "Booking")
	Map<BookingView, PaymentView> payment(List<BookingView> page) {
		Map<UUID, PaymentView> found = payments.forBookings(page.stream().map(BookingView::id).distinct().toList());
		// a booking without a payment is left out: GraphQL then resolves the field to null
		Map<BookingView, PaymentView> byBooking = new HashMap<>();
		page.forEach(booking -> {
			PaymentView payment = found.get(booking.id());
			if (payment != null) {
				byBooking.put(booking, payment);
			}
		});
		return byBooking;
	}

	@MutationMapping
	DataFetcherResult<PaymentView> createPayment(@AuthenticationPrincipal Actor actor, @Argument @Valid PaymentRequests.Create input,
			@Argument String idempotencyKey) {
		return IdempotentResults.of(idempotent.create(Actor.required(actor), input.toRequest(), idempotencyKey));
	}
}
