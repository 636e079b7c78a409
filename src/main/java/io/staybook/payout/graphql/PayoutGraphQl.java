package io.staybook.payout.graphql;

import io.staybook.payout.PayoutService;
import io.staybook.payout.PayoutSummary;
import io.staybook.payout.PayoutView;
import io.staybook.shared.CalendarDates;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The GraphQL twins of {@code /api/v1/payouts}: the same service, the same rules of who sees what. */
@Controller
class PayoutGraphQl {

	private final PayoutService payouts;

	PayoutGraphQl(PayoutService payouts) {
		this.payouts = payouts;
	}

	@QueryMapping
	Connection<PayoutView> payouts(@AuthenticationPrincipal Actor actor, @Argument UUID hostId,
			@Argument Integer first, @Argument String after) {
		PageRequest page = Connections.page(first, after);
		return Connections.of(payouts.list(Actor.required(actor), hostId, page), page);
	}

	@QueryMapping
	PayoutView payout(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return payouts.get(Actor.required(actor), id);
	}

	@QueryMapping
	PayoutSummary payoutSummary(@AuthenticationPrincipal Actor actor, @Argument String from, @Argument String to,
			@Argument UUID hostId) {
		return payouts.summary(Actor.required(actor), hostId, CalendarDates.argument("from", from),
				CalendarDates.argument("to", to));
	}

}
