package io.staybook.review;

import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyService.Rating;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.database.ReplicaReads;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.user.UserService;
import io.staybook.user.UserSummary;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review rules: only the booking's guest reviews a completed stay, once, within {@value #WINDOW_DAYS} days of
 * check-out, and may edit it within the same days; the author or an admin deletes it. Every change recomputes the
 * listing's rating in its own transaction.
 */
@Service
public class ReviewService {

	/** Days after check-out (in the property's time zone) during which a stay can be reviewed and the review edited. */
	public static final int WINDOW_DAYS = 14;

	static final int MAX_COMMENT = 5000;

	private final Reviews reviews;

	private final BookingService bookings;

	private final PropertyService properties;

	private final UserService users;

	private final Clock clock;

	ReviewService(Reviews reviews, BookingService bookings, PropertyService properties, UserService users,
			Clock clock) {
		this.reviews = reviews;
		this.bookings = bookings;
		this.properties = properties;
		this.users = users;
		this.clock = clock;
	}

	public record Request(UUID bookingId, Integer rating, String comment) {
	}

	/** An edit; null fields stay as they are. */
	public record Change(Integer rating, String comment) {
	}

	@Transactional
	public ReviewView create(Actor actor, Request request) {
		String comment = strip(request.comment());
		checkContent(new FieldErrors().require(request.bookingId() != null, "booking_id", "is required"),
				request.rating(), comment, true);
		BookingView booking = bookings.viewFor(actor, request.bookingId());
		if (!actor.is(booking.guestId())) {
			throw DomainException.forbidden("guest_only", "Only the booking's guest can review the stay.");
		}
		if (booking.status() != BookingStatus.COMPLETED) {
			throw DomainException.forbidden("not_completed", "A stay can be reviewed once it is completed.");
		}
		requireWindowOpen(booking);
		Review review = new Review(booking.propertyId(), booking.id(), actor.id(), request.rating(), comment,
				clock.instant());
		try {
			reviews.saveAndFlush(review);
		}
		catch (DataIntegrityViolationException ex) {
			// a second review of the booking, or two posted at once: the unique constraint decided
			if (SqlStates.violates(ex, "reviews_booking_key")) {
				throw DomainException.conflict("already_reviewed", "This stay has already been reviewed.");
			}
			throw ex;
		}
		rerate(review.propertyId());
		return withAuthor(review);
	}

	/** Anyone's reviews of a listing or by an author (or all), newest first. */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Page<ReviewView> list(UUID propertyId, UUID authorId, PageRequest page) {
		UUID before = page.afterId();
		Page<Review> rows = Page.of(reviews.page(propertyId, authorId, before, Limit.of(page.fetchSize())),
				page.limit(), review -> Cursors.encode(review.getId()));
		Map<UUID, UserSummary> authors = users
			.summaries(rows.results().stream().map(Review::authorId).distinct().toList());
		return rows.map(review -> review.view(authors.get(review.authorId())));
	}

	/**
	 * The newest reviews of many listings at once, for showing them under a page of listings: two queries (reviews,
	 * then their authors) whatever the number of listings. Each page says whether more reviews follow.
	 */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Map<UUID, Page<ReviewView>> newestOf(java.util.Collection<UUID> propertyIds, int first) {
		List<Review> rows = reviews.newestOf(propertyIds.stream().distinct().toArray(UUID[]::new), first + 1);
		Map<UUID, UserSummary> authors = users.summaries(rows.stream().map(Review::authorId).distinct().toList());
		Map<UUID, List<Review>> byListing = rows.stream()
			.collect(java.util.stream.Collectors.groupingBy(Review::propertyId, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList()));
		Map<UUID, Page<ReviewView>> pages = new java.util.HashMap<>();
		for (UUID propertyId : propertyIds) {
			List<Review> newest = byListing.getOrDefault(propertyId, List.of());
			pages.put(propertyId, Page.of(newest, first, review -> Cursors.encode(review.getId()))
				.map(review -> review.view(authors.get(review.authorId()))));
		}
		return pages;
	}

	@Transactional(readOnly = true)
	@ReplicaReads
	public ReviewView get(UUID id) {
		return withAuthor(reviews.findById(id).orElseThrow(ReviewService::notFound));
	}

	/** The author edits the rating or the comment, within the same days as a review may be written. */
	@Transactional
	public ReviewView update(Actor actor, UUID id, Change change) {
		String comment = strip(change.comment());
		checkContent(new FieldErrors(), change.rating(), comment, false);
		Review review = reviews.findForUpdate(id).orElseThrow(ReviewService::notFound);
		if (!review.isWrittenBy(actor.id())) {
			throw DomainException.forbidden("author_only", "Only the author can edit a review.");
		}
		requireWindowOpen(bookings.viewFor(actor, review.bookingId()));
		review.edit(change.rating(), comment, clock.instant());
		reviews.flush();
		rerate(review.propertyId());
		return withAuthor(review);
	}

	/** The author or an admin removes a review, at any time. */
	@Transactional
	public void delete(Actor actor, UUID id) {
		Review review = reviews.findForUpdate(id).orElseThrow(ReviewService::notFound);
		if (!review.isWrittenBy(actor.id()) && !actor.isAdmin()) {
			throw DomainException.forbidden("not_your_review", "Only the author or an admin can delete a review.");
		}
		reviews.delete(review);
		reviews.flush();
		rerate(review.propertyId());
	}

	/**
	 * Stores the listing's aggregate as the reviews table now holds it, this transaction's change included (it has
	 * been flushed). The listing's row is locked before the reviews are counted, so concurrent changes are counted
	 * one after the other.
	 */
	void rerate(UUID propertyId) {
		properties.updateRating(propertyId, () -> {
			Reviews.RatingRow row = reviews.rating(propertyId);
			return new Rating(row.getAverage(), Math.toIntExact(row.getCount()));
		});
	}

	private void requireWindowOpen(BookingView booking) {
		if (booking.today(clock).isAfter(booking.checkOut().plusDays(WINDOW_DAYS))) {
			throw DomainException.forbidden("review_window_closed",
					"Reviews can be written and edited until " + WINDOW_DAYS + " days after check-out.");
		}
	}

	/**
	 * Rating and comment are checked here rather than by the REST body's constraints, so that every API gets the same
	 * rules and all of a request's errors at once. Characters are counted as PostgreSQL's {@code char_length} counts
	 * them (code points), not as UTF-16 units, so that an emoji counts once.
	 */
	private static void checkContent(FieldErrors errors, Integer rating, String comment, boolean required) {
		errors.require(!required || rating != null, "rating", "is required")
			.require(!required || comment != null, "comment", "is required");
		if (rating != null) {
			errors.require(rating >= 1 && rating <= 5, "rating", "must be between 1 and 5");
		}
		if (comment != null) {
			errors.require(!comment.isEmpty(), "comment", "must not be blank")
				.require(comment.codePointCount(0, comment.length()) <= MAX_COMMENT, "comment",
						"must be at most " + MAX_COMMENT + " characters");
		}
		errors.throwIfAny();
	}

	private ReviewView withAuthor(Review review) {
		return review.view(users.summaries(List.of(review.authorId())).get(review.authorId()));
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}

	private static DomainException notFound() {
		return DomainException.notFound("Review");
	}

}
