package io.staybook.review.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.property.PropertyView;
import io.staybook.review.ReviewService;
import io.staybook.review.ReviewView;
import io.staybook.review.SubRatings;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.graphql.SentNulls;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.NotNullWhenSent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * The review operations of the GraphQL API, and {@code Property.reviews}: the newest reviews of a whole page of
 * listings, loaded together through one DataLoader.
 */
@Controller
class ReviewGraphQl {

	static final String NEWEST_REVIEWS = "newestReviews";

	private final ReviewService reviews;

	private final Idempotent idempotent;

	ReviewGraphQl(ReviewService reviews, Idempotent idempotent, BatchLoaderRegistry loaders) {
		this.reviews = reviews;
		this.idempotent = idempotent;
		loaders.<Key, Page<ReviewView>>forName(NEWEST_REVIEWS).registerMappedBatchLoader((keys, env) -> Mono
			.fromSupplier(() -> newest(keys)));
	}

	/** A listing and how many of its reviews a query asked for. */
	record Key(UUID propertyId, int first) {
	}

	record ReviewInput(UUID bookingId, Integer rating, String comment, Integer cleanliness, Integer accuracy,
			Integer checkIn, Integer communication, Integer location, Integer value) {

		SubRatings subRatings() {
			return new SubRatings(cleanliness, accuracy, checkIn, communication, location, value);
		}
	}

	@NotNullWhenSent
	record ReviewChange(Integer rating, String comment, Integer cleanliness, Integer accuracy, Integer checkIn,
			Integer communication, Integer location, Integer value) {

		SubRatings subRatings() {
			return new SubRatings(cleanliness, accuracy, checkIn, communication, location, value);
		}
	}

	@QueryMapping
	Connection<ReviewView> reviews(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@Argument UUID authorId, @Argument UUID guestId, @Argument Integer first, @Argument String after) {
		PageRequest page = Connections.page(first, after);
		return Connections.of(reviews.list(actor, propertyId, guestId, authorId, page), page);
	}

	@QueryMapping
	ReviewView review(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return reviews.get(actor, id);
	}

	@MutationMapping
	DataFetcherResult<ReviewView> respondToReview(@AuthenticationPrincipal Actor actor, @Argument UUID id,
			@Argument String body, @Argument String idempotencyKey) {
		Actor host = Actor.required(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(host.id()), idempotencyKey,
				new ReviewService.Answer(id, body), ReviewView.class, () -> reviews.respond(host, id, body)));
	}

	@MutationMapping
	DataFetcherResult<ReviewView> createReview(@AuthenticationPrincipal Actor actor, @Argument ReviewInput input,
			@Argument String idempotencyKey) {
		Actor author = Actor.required(actor);
		var request = new ReviewService.Request(input.bookingId(), input.rating(), input.comment(),
				input.subRatings());
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(author.id()), idempotencyKey, request,
				ReviewView.class, () -> reviews.create(author, request)));
	}

	@MutationMapping
	ReviewView updateReview(@AuthenticationPrincipal Actor actor, @Argument UUID id, @Argument ReviewChange input,
			DataFetchingEnvironment env) {
		SentNulls.apply(env, "input", input);
		return reviews.update(Actor.required(actor), id, new ReviewService.Change(input.rating(), input.comment(), input.subRatings()));
	}

	@MutationMapping
	boolean deleteReview(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		reviews.delete(Actor.required(actor), id);
		return true;
	}

	@SchemaMapping(typeName = "Property", field = "reviews")
	CompletableFuture<Connection<ReviewView>> propertyReviews(PropertyView property, @Argument Integer first,
			DataLoader<Key, Page<ReviewView>> newestReviews) {
		int size = PageRequest.of(first == null ? 3 : first, null, "first").limit();
		return newestReviews.load(new Key(property.id(), size))
			.thenApply(page -> Connections.of(page, review -> review, false));
	}

	/** One query for every listing of the page, at the largest size asked; each page then cut to its own size. */
	private Map<Key, Page<ReviewView>> newest(Set<Key> keys) {
		int largest = keys.stream().mapToInt(Key::first).max().orElse(1);
		Map<UUID, Page<ReviewView>> found = reviews
			.newestOf(keys.stream().map(Key::propertyId).collect(Collectors.toSet()), largest);
		return keys.stream().collect(Collectors.toMap(key -> key, key -> cut(found.get(key.propertyId()), key.first())));
	}

	private static Page<ReviewView> cut(Page<ReviewView> page, int size) {
		if (page.results().size() <= size) {
			return page;
		}
		return new Page<>(page.results().subList(0, size), page.cursors().get(size - 1),
				page.cursors().subList(0, size));
	}
}
