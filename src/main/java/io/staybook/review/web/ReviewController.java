package io.staybook.review.web;

import io.staybook.review.ReviewService;
import io.staybook.review.ReviewView;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.staybook.shared.web.NotNullWhenSent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "Reviews")
class ReviewController {

	private final ReviewService reviews;

	private final Idempotent idempotent;

	ReviewController(ReviewService reviews, Idempotent idempotent) {
		this.reviews = reviews;
		this.idempotent = idempotent;
	}

	// the fields are checked by the service (one rule set for every API, all errors at once); the schema
	// annotations document them. Schema names are explicit: springdoc names a schema by the simple class name, and
	// another controller's CreateBody would take this one's place in the document.
	@Schema(name = "ReviewInput")
	record CreateBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID bookingId,
			@Schema(example = "5", minimum = "1", maximum = "5", requiredMode = Schema.RequiredMode.REQUIRED) @JsonDeserialize(using = WholeNumber.class) Integer rating,
			@Schema(example = "Spotless, quiet, and the host answered within minutes.", minLength = 1, maxLength = 5000,
					requiredMode = Schema.RequiredMode.REQUIRED) String comment) {
	}

	@Schema(name = "ReviewChange", description = "Only the fields present change.")
	@NotNullWhenSent
	record UpdateBody(
			@Schema(example = "4", minimum = "1", maximum = "5") @JsonDeserialize(using = WholeNumber.class) Integer rating,
			@Schema(example = "Lovely stay; the street got loud at night.", minLength = 1, maxLength = 5000) String comment) {
	}

	@Schema(name = "ReviewAuthor")
	record Author(UUID id, String firstName) {
	}

	@Schema(name = "Review")
	record ReviewJson(UUID id, UUID propertyId, UUID bookingId, UUID authorId, Author author,
			@Schema(minimum = "1", maximum = "5") int rating, String comment, Instant createdAt, Instant updatedAt) {

		static ReviewJson of(ReviewView r) {
			Author author = r.author() == null ? null : new Author(r.author().id(), r.author().firstName());
			return new ReviewJson(r.id(), r.propertyId(), r.bookingId(), r.authorId(), author, r.rating(),
					r.comment(), r.createdAt(), r.updatedAt());
		}
	}

	@PostMapping
	@Operation(operationId = "createReview", summary = "Review a completed stay (its guest), within 14 days of check-out; one review per booking",
			description = "Only the booking's guest, once the booking is `completed` and until 14 days after its"
					+ " `check_out` (in the property's time zone): otherwise 403 `guest_only`, `not_completed` or"
					+ " `review_window_closed`; a booking the caller cannot see is a 404 `not_found`. A second"
					+ " review of the booking is a 409 `already_reviewed`; a `rating` outside 1–5 or a `comment`"
					+ " blank or over 5,000 characters is a 400 `validation_failed`."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Reviewed; the listing's rating_average and review_count follow")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<ReviewJson> create(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@RequestBody CreateBody body) {
		var request = new ReviewService.Request(body.bookingId(), body.rating(), body.comment());
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, request, ReviewView.class,
				() -> reviews.create(actor, request));
		ReviewJson review = ReviewJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/reviews/" + review.id()), review);
	}

	@GetMapping
	@SecurityRequirements
	@Operation(operationId = "listReviews", summary = "Reviews of a listing or by an author, newest first",
			description = "Both filters are optional and combined with AND; an unknown id gives an empty page.")
	@ApiResponse(responseCode = "200", description = "One page of reviews")
	Page<ReviewJson> list(
			@Parameter(description = "only reviews of this listing") @RequestParam(name = "property_id", required = false) UUID propertyId,
			@Parameter(description = "only reviews by this user") @RequestParam(name = "author_id", required = false) UUID authorId,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return reviews.list(propertyId, authorId, PageRequest.of(limit, cursor)).map(ReviewJson::of);
	}

	@GetMapping("/{id}")
	@SecurityRequirements
	@Operation(operationId = "getReview", summary = "One review",
			description = "Anyone, without a token. `author` is the author's public view only (`id`, `first_name`);"
					+ " an unknown or deleted review is a 404 `not_found`.")
	@ApiResponse(responseCode = "200", description = "The review")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ReviewJson get(@PathVariable UUID id) {
		return ReviewJson.of(reviews.get(id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateReview", summary = "Edit a review (its author), within 14 days of the stay's check-out",
			description = "Only the author (403 `author_only` for anyone else, admins included), until 14 days"
					+ " after the stay's `check_out` in the property's time zone (403 `review_window_closed`"
					+ " after). A field left out stays as it is; `null`, a `rating` outside 1–5 or a `comment`"
					+ " blank or over 5,000 characters is a 400 `validation_failed`. The listing's `rating_average`"
					+ " follows the new rating.")
	@ApiResponse(responseCode = "200", description = "The changed review")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ReviewJson update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestBody UpdateBody body) {
		return ReviewJson.of(reviews.update(actor, id, new ReviewService.Change(body.rating(), body.comment())));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteReview", summary = "Delete a review (its author or an admin)",
			description = "The author or an admin, at any time (the 14-day window does not apply); anyone else gets"
					+ " 403 `not_your_review`, and an unknown review is a 404 `not_found`. The listing's"
					+ " `rating_average` and `review_count` are recomputed at once.")
	@ApiResponse(responseCode = "204", description = "Deleted; the listing's rating_average and review_count follow")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		reviews.delete(actor, id);
		return ResponseEntity.noContent().build();
	}
}
