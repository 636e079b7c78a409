package io.staybook.booking.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.booking.RequestToBook;
import io.staybook.booking.web.BookingRequests;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyView;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.graphql.SentNulls;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.user.UserService;
import io.staybook.user.UserSummary;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The booking operations of the GraphQL API. A booking's property, guest and payment are each loaded for a whole page
 * of bookings in one query.
 */
@Controller
class BookingGraphQl {

	private final BookingService bookings;

	private final PropertyService properties;

	private final UserService users;

	private final Idempotent idempotent;

	private final RequestToBook requests;

	BookingGraphQl(BookingService bookings, PropertyService properties, UserService users,
			Idempotent idempotent, RequestToBook requests) {
		this.idempotent = idempotent;
		this.requests = requests;
		this.bookings = bookings;
		this.properties = properties;
		this.users = users;
	}

	@QueryMapping
	BookingView booking(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return bookings.viewFor(Actor.required(actor), id);
	}

	@QueryMapping
	Connection<BookingView> bookings(@AuthenticationPrincipal Actor actor, @Argument("as") BookingService.Scope scope,
			@Argument BookingStatus status, @Argument Integer first, @Argument String after) {
		PageRequest page = Connections.page(first, after);
		return Connections.of(bookings.list(Actor.required(actor), scope == null ? BookingService.Scope.GUEST : scope,
				status, page), page);
	}

	@MutationMapping
	DataFetcherResult<BookingView> createBooking(@AuthenticationPrincipal Actor actor, @Argument @Valid BookingRequests.Create input,
			@Argument String idempotencyKey) {
		Actor guest = Actor.required(actor);
		return IdempotentResults.of(bookings.create(guest, idempotencyKey, input.toRequest()));
	}

	@MutationMapping
	BookingView updateBooking(@AuthenticationPrincipal Actor actor, @Argument UUID id,
			@Argument @Valid BookingRequests.Update input, DataFetchingEnvironment env) {
		return bookings.update(Actor.required(actor), id, SentNulls.apply(env, "input", input).toChange());
	}

	@MutationMapping
	BookingView cancelBooking(@AuthenticationPrincipal Actor actor, @Argument UUID id, @Argument String reason) {
		return bookings.cancel(Actor.required(actor), id, reason);
	}

	@MutationMapping
	BookingView checkIn(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return bookings.checkIn(Actor.required(actor), id);
	}

	@MutationMapping
	BookingView checkOut(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return bookings.checkOut(Actor.required(actor), id);
	}

	@MutationMapping
	DataFetcherResult<BookingView> approveBooking(@AuthenticationPrincipal Actor actor, @Argument UUID id,
			@Argument String idempotencyKey) {
		Actor host = Actor.required(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(host.id()), idempotencyKey,
				RequestToBook.Answer.approve(id), BookingView.class, () -> requests.approve(host, id)));
	}

	@MutationMapping
	DataFetcherResult<BookingView> declineBooking(@AuthenticationPrincipal Actor actor, @Argument UUID id,
			@Argument String reason, @Argument String idempotencyKey) {
		Actor host = Actor.required(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(host.id()), idempotencyKey,
				RequestToBook.Answer.decline(id, reason), BookingView.class, () -> requests.decline(host, id, reason)));
	}

	@BatchMapping(typeName = "Booking")
	Map<BookingView, PropertyView> property(List<BookingView> page) {
		Map<UUID, PropertyView> found = properties.views(ids(page, BookingView::propertyId));
		return byBooking(page, b -> found.get(b.propertyId()));
	}

	@BatchMapping(typeName = "Booking")
	Map<BookingView, UserSummary> guest(List<BookingView> page) {
		Map<UUID, UserSummary> found = users.summaries(ids(page, BookingView::guestId));
		return byBooking(page, b -> found.get(b.guestId()));
	}

	private static List<UUID> ids(List<BookingView> page, Function<BookingView, UUID> id) {
		return page.stream().map(id).distinct().toList();
	}

	/** Leaves out bookings without a value: GraphQL then resolves the field to null. */
	private static <T> Map<BookingView, T> byBooking(List<BookingView> page, Function<BookingView, T> value) {
		return page.stream()
			.distinct()
			.filter(b -> value.apply(b) != null)
			.collect(Collectors.toMap(Function.identity(), value));
	}
}
