package io.staybook.review.web;

import io.staybook.review.ReviewService;
import io.staybook.review.ReviewSubject;
import io.staybook.review.ReviewView;
import io.staybook.review.SubRatings;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.MultiLine;
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
					requiredMode = Schema.RequiredMode.REQUIRED) @MultiLine String comment,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer cleanliness,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer accuracy,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer checkIn,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer communication,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer location,
			@Schema(minimum = "1", maximum = "5", nullable = true, description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer value) {

		SubRatings subRatings() {
			return new SubRatings(cleanliness, accuracy, checkIn, communication, location, value);
		}
	}

	static final String SUB_RATING = "optional, reviews of a listing only (a host's review of a guest has none)";

	@Schema(name = "ReviewResponseInput")
	record ResponseBody(@Schema(example = "Thank you, come back any time!", minLength = 1, maxLength = 1000,
			requiredMode = Schema.RequiredMode.REQUIRED) @MultiLine String body) {
	}

	@Schema(name = "ReviewChange", description = "Only the fields present change.")
	@NotNullWhenSent
	record UpdateBody(
			@Schema(example = "4", minimum = "1", maximum = "5") @JsonDeserialize(using = WholeNumber.class) Integer rating,
			@Schema(example = "Lovely stay; the street got loud at night.", minLength = 1, maxLength = 5000) @MultiLine String comment,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer cleanliness,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer accuracy,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer checkIn,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer communication,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer location,
			@Schema(minimum = "1", maximum = "5", description = SUB_RATING) @JsonDeserialize(using = WholeNumber.class) Integer value) {

		SubRatings subRatings() {
			return new SubRatings(cleanliness, accuracy, checkIn, communication, location, value);
		}
	}

	@Schema(name = "ReviewResponse", description = "The listing's host's answer")
	record ResponseJson(String body, Instant createdAt) {
	}

	@Schema(name = "ReviewAuthor")
	record Author(UUID id, String firstName) {
	}

	@Schema(name = "Review")
	record ReviewJson(UUID id, UUID propertyId, UUID bookingId, UUID authorId, Author author,
			@Schema(minimum = "1", maximum = "5") int rating, String comment, Instant createdAt, Instant updatedAt,
			@Schema(description = "`property`: the guest's review of the listing; `guest`: the host's review of the guest") ReviewSubject subject,
			@Schema(nullable = true, description = "the reviewed guest, for subject `guest`") UUID guestId,
			@Schema(nullable = true, description = "null while only its author sees it") Instant publishedAt,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer cleanliness,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer accuracy,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer checkIn,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer communication,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer location,
			@Schema(minimum = "1", maximum = "5", nullable = true) Integer value,
			@Schema(nullable = true) ResponseJson response) {

		static ReviewJson of(ReviewView r) {
			Author author = r.author() == null ? null : new Author(r.author().id(), r.author().firstName());
			SubRatings s = r.subRatings();
			ResponseJson response = r.response() == null ? null
					: new ResponseJson(r.response().body(), r.response().createdAt());
			return new ReviewJson(r.id(), r.propertyId(), r.bookingId(), r.authorId(), author, r.rating(),
					r.comment(), r.createdAt(), r.updatedAt(), r.subject(), r.guestId(), r.publishedAt(),
					s.cleanliness(), s.accuracy(), s.checkIn(), s.communication(), s.location(), s.value(), response);
		}
	}

	@PostMapping
	@Operation(operationId = "createReview", summary = "Review a completed stay: its guest the listing, its host the guest, within 14 days of check-out; once per side",
			description = "The booking's guest reviews the listing (subject `property`, optional sub-ratings); its host"
					+ " reviews the guest (subject `guest`, no sub-ratings: 400). Once the booking is `completed` and"
					+ " until 14 days after its `check_out` (in the property's time zone): otherwise 403 `guest_only`"
					+ " (neither side), `not_completed` or `review_window_closed`; a booking the caller cannot see is"
					+ " a 404 `not_found`. A second review of the same side is a 409 `already_reviewed`; a `rating` or"
					+ " sub-rating outside 1–5 or a `comment` blank or over 5,000 characters is a 400"
					+ " `validation_failed`. Double-blind: the review is unpublished (`published_at` null, seen by its"
					+ " author alone) until the other side has reviewed too (both are published at once) or the"
					+ " window closes."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Reviewed; the listing's aggregates follow at publication")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<ReviewJson> create(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@RequestBody CreateBody body) {
		var request = new ReviewService.Request(body.bookingId(), body.rating(), body.comment(), body.subRatings());
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, request, ReviewView.class,
				() -> reviews.create(actor, request));
		ReviewJson review = ReviewJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/reviews/" + review.id()), review);
	}

	@GetMapping
	@SecurityRequirements
	@Operation(operationId = "listReviews", summary = "Published reviews of a listing, of a guest or by an author, newest first",
			description = "The filters are optional and combined with AND; an unknown id gives an empty page. Only"
					+ " published reviews, but `author_id` of the caller lists the caller's unpublished ones too."
					+ " Reviews of guests (subject `guest`) are shown to signed-in callers only: `guest_id` needs a"
					+ " token (401 without), and the other filters leave them out without one.")
	@ApiResponse(responseCode = "200", description = "One page of reviews")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	Page<ReviewJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "only reviews of this listing (subject `property`)") @RequestParam(name = "property_id", required = false) UUID propertyId,
			@Parameter(description = "only reviews of this guest (subject `guest`); signed-in callers only") @RequestParam(name = "guest_id", required = false) UUID guestId,
			@Parameter(description = "only reviews by this user") @RequestParam(name = "author_id", required = false) UUID authorId,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return reviews.list(actor, propertyId, guestId, authorId, PageRequest.of(limit, cursor)).map(ReviewJson::of);
	}

	@GetMapping("/{id}")
	@SecurityRequirements
	@Operation(operationId = "getReview", summary = "One review",
			description = "Anyone, without a token, once published (a review of a guest: any signed-in user);"
					+ " before that its author alone. `author` is the author's public view only (`id`, `first_name`);"
					+ " an unknown, deleted or unpublished (for others) review, or a review of a guest without a"
					+ " token, is a 404 `not_found`.")
	@ApiResponse(responseCode = "200", description = "The review")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ReviewJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return ReviewJson.of(reviews.get(actor, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateReview", summary = "Edit an unpublished review (its author), within 14 days of the stay's check-out",
			description = "Only the author (403 `author_only` for anyone else who sees it, admins included; 404 for"
					+ " others while unpublished), until 14 days after the stay's `check_out` in the property's time"
					+ " zone (403 `review_window_closed` after). A published review is a 409 `review_published`. A"
					+ " field left out stays as it is; `null`, a `rating` or sub-rating outside 1–5 (sub-ratings on a"
					+ " review of a guest) or a `comment` blank or over 5,000 characters is a 400"
					+ " `validation_failed`.")
	@ApiResponse(responseCode = "200", description = "The changed review")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ReviewJson update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestBody UpdateBody body) {
		return ReviewJson.of(reviews.update(actor, id, new ReviewService.Change(body.rating(), body.comment(), body.subRatings())));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteReview", summary = "Delete a review (its author or an admin)",
			description = "The author or an admin, at any time (the 14-day window does not apply); anyone else gets"
					+ " 403 `not_your_review`, and an unknown review (or an unpublished one, for all but its author) is"
					+ " a 404 `not_found`. The listing's aggregates are recomputed at once.")
	@ApiResponse(responseCode = "204", description = "Deleted; the listing's rating_average and review_count follow")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		reviews.delete(actor, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/response")
	@Operation(operationId = "respondToReview", summary = "Answer a published review of your listing (its host), once",
			description = "Only the listing's host (403 `host_only`), on a published review of subject `property`"
					+ " (404 for an unpublished one; 409 `not_a_listing_review` for a review of a guest), once (409"
					+ " `already_responded`). `body` is 1 to 1,000 characters (400 `validation_failed`)."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "The review with its `response`")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<ReviewJson> respond(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@RequestBody ResponseBody body) {
		var request = new ReviewService.Answer(id, body.body());
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, request, ReviewView.class,
				() -> reviews.respond(actor, id, body.body()));
		return IdempotentResponses.created(outcome, URI.create("/api/v1/reviews/" + id), ReviewJson.of(outcome.value()));
	}
}
