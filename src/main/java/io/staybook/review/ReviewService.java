package io.staybook.review;

import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyService.Rating;
import io.staybook.property.Ratings;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.database.ReplicaReads;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import io.staybook.user.UserService;
import io.staybook.user.UserSummary;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review rules. Each side of a completed stay reviews the other once, within {@value #WINDOW_DAYS} days of check-out:
 * the guest the listing (with optional sub-ratings), the host the guest. Double-blind: a review is seen by its author
 * alone until it is published, when the other side has reviewed too (both at once, in the second one's transaction)
 * or when its window has closed: from that moment it reads published everywhere ({@link Review#isPublished(Instant)}),
 * and its listing's readers add it to the stored aggregates (V40's {@code listing_rating_due}), until
 * {@link ReviewSweep} writes what was already read. A published review can no longer be edited; the listing's host
 * may answer a published review of the listing once. The author or an admin deletes a review. The listing's
 * aggregates change only when a review of it is published or a published one changes, in the same transaction.
 */
@Service
public class ReviewService {

	/** Days after check-out (in the property's time zone) during which a stay can be reviewed and the review edited. */
	public static final int WINDOW_DAYS = 14;

	static final int MAX_COMMENT = 5000;

	static final int MAX_RESPONSE = 1000;

	/** The first key of the advisory lock that serialises the two sides' reviews of one booking. */
	private static final int BOOKING_LOCK = 1_474_140;

	private final Reviews reviews;

	private final BookingService bookings;

	private final PropertyService properties;

	private final UserService users;

	private final JdbcClient jdbc;

	private final Clock clock;

	ReviewService(Reviews reviews, BookingService bookings, PropertyService properties, UserService users,
			JdbcClient jdbc, Clock clock) {
		this.reviews = reviews;
		this.bookings = bookings;
		this.properties = properties;
		this.users = users;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new review; {@code subRatings} may be null (none), and are refused on a host's review of a guest. */
	public record Request(UUID bookingId, Integer rating, String comment, SubRatings subRatings) {

		/** A v1 review, without sub-ratings. */
		public Request(UUID bookingId, Integer rating, String comment) {
			this(bookingId, rating, comment, null);
		}
	}

	/** A host's response to a review, as an idempotency key's request. */
	public record Answer(UUID reviewId, String body) {
	}

	/** An edit; null fields stay as they are. */
	public record Change(Integer rating, String comment, SubRatings subRatings) {

		/** A change of the rating and comment only; the sub-ratings stay. */
		public Change(Integer rating, String comment) {
			this(rating, comment, null);
		}
	}

	/**
	 * The booking's guest reviews the listing, or its host the guest; the side is the caller's.
	 * @throws DomainException 400 {@code validation_failed}; 404 for a booking the caller cannot see; 403
	 *         {@code guest_only} (neither side), {@code not_completed}, {@code review_window_closed}; 409
	 *         {@code already_reviewed}, or {@code reviews_published} when this side deleted its review after the
	 *         stay's reviews were published; 401 when the caller's account was deleted meanwhile (V49)
	 */
	@Transactional
	public ReviewView create(Actor actor, Request request) {
		String comment = strip(request.comment());
		SubRatings subRatings = request.subRatings() == null ? SubRatings.NONE : request.subRatings();
		checkContent(subRatings.check(new FieldErrors().require(request.bookingId() != null, "booking_id",
				"is required")), request.rating(), comment, true);
		BookingView booking = bookings.viewFor(actor, request.bookingId());
		ReviewSubject subject;
		if (actor.is(booking.guestId())) {
			subject = ReviewSubject.PROPERTY;
		}
		else if (actor.is(booking.hostId())) {
			subject = ReviewSubject.GUEST;
			noSubRatings(subRatings);
		}
		else {
			throw DomainException.forbidden("guest_only", "Only the booking's guest or host can review the stay.");
		}
		if (booking.status() != BookingStatus.COMPLETED) {
			throw DomainException.forbidden("not_completed", "A stay can be reviewed once it is completed.");
		}
		requireWindowOpen(booking);
		Instant now = clock.instant();
		Review review = new Review(booking.propertyId(), booking.id(), actor.id(), subject,
				subject == ReviewSubject.GUEST ? booking.guestId() : null, request.rating(), comment, subRatings, now,
				windowEnd(booking));
		try {
			reviews.saveAndFlush(review);
		}
		catch (DataIntegrityViolationException ex) {
			// a second review of this side, or two posted at once: the unique constraint decided
			if (SqlStates.violates(ex, "reviews_booking_subject_key")) {
				throw DomainException.conflict("already_reviewed", "This side of the stay has already been reviewed.");
			}
			if (SqlStates.violates(ex, "reviews_author_active")) {
				// the author's account was deleted while the review waited for the deletion (V49)
				throw DomainException.accountDeleted();
			}
			throw ex;
		}
		// after the insert, so that a second review of the same side waits on the first one's row and gets its 409,
		// and the lock is held only for the look at the other side and the commit
		lockBooking(booking.id());
		ReviewSubject other = subject == ReviewSubject.PROPERTY ? ReviewSubject.GUEST : ReviewSubject.PROPERTY;
		Review theirs = reviews.findSideForUpdate(booking.id(), other).orElse(null);
		if (theirs == null) {
			if (subject == ReviewSubject.PROPERTY) {
				// its window's end will change the listing's aggregates without a write to the listing: its cached
				// copy must not outlive that moment
				properties.reviewPending(booking.propertyId());
			}
			return withAuthor(review, now);
		}
		if (theirs.isPublished(now)) {
			// the stay's reviews were published and this side deleted its own: written now, with the other side's
			// review in view, it would be published at once, and the double blind would be no more
			throw DomainException.conflict("reviews_published",
					"This stay's reviews are published; a deleted review cannot be written again.");
		}
		// both sides have reviewed: both are published now, in this transaction
		review.publish(now);
		theirs.publish(now);
		reviews.flush();
		rerate(booking.propertyId());
		return withAuthor(review, now);
	}

	/**
	 * Published reviews (their window closed counts, {@link Review#isPublished(Instant)}), newest first: of a listing
	 * (subject {@code property}), of a guest ({@code guestId}: callers with a token only), by an author (the caller's
	 * own unpublished ones too), or all; filters combine with AND.
	 * Reviews of guests are never shown to an anonymous caller, whatever the filter.
	 * @throws DomainException 401 for {@code guestId} without a caller
	 */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Page<ReviewView> list(Actor viewer, UUID propertyId, UUID guestId, UUID authorId, PageRequest page) {
		if (guestId != null && viewer == null) {
			throw DomainException.unauthorized("unauthorized", "A guest's reviews are shown to signed-in users.");
		}
		UUID before = page.afterId();
		Instant now = clock.instant();
		Page<Review> rows = Page.of(
				reviews.page(propertyId, guestId, authorId, viewer == null ? null : viewer.id(),
						ReviewSubject.PROPERTY, now, before, Limit.of(page.fetchSize())),
				page.limit(), review -> Cursors.encode(review.getId()));
		Map<UUID, UserSummary> authors = users
			.summaries(rows.results().stream().map(Review::authorId).distinct().toList());
		return rows.map(review -> review.view(authors.get(review.authorId()), now));
	}

	/** {@link #list(Actor, UUID, UUID, UUID, PageRequest)} of a listing or an author, as v1 had it. */
	public Page<ReviewView> list(UUID propertyId, UUID authorId, PageRequest page) {
		return list(null, propertyId, null, authorId, page);
	}

	/**
	 * The newest published reviews of many listings at once, for showing them under a page of listings: two queries
	 * (reviews, then their authors) whatever the number of listings. Each page says whether more reviews follow.
	 */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Map<UUID, Page<ReviewView>> newestOf(java.util.Collection<UUID> propertyIds, int first) {
		Instant now = clock.instant();
		List<Review> rows = reviews.newestOf(propertyIds.stream().distinct().toArray(UUID[]::new), first + 1,
				Timestamp.from(now));
		Map<UUID, UserSummary> authors = users.summaries(rows.stream().map(Review::authorId).distinct().toList());
		Map<UUID, List<Review>> byListing = rows.stream()
			.collect(java.util.stream.Collectors.groupingBy(Review::propertyId, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList()));
		Map<UUID, Page<ReviewView>> pages = new java.util.HashMap<>();
		for (UUID propertyId : propertyIds) {
			List<Review> newest = byListing.getOrDefault(propertyId, List.of());
			pages.put(propertyId, Page.of(newest, first, review -> Cursors.encode(review.getId()))
				.map(review -> review.view(authors.get(review.authorId()), now)));
		}
		return pages;
	}

	/**
	 * One review: once published, anyone's if it is of a listing, any signed-in user's if it is of a guest; before
	 * that only its author's (404 for others).
	 */
	@Transactional(readOnly = true)
	@ReplicaReads
	public ReviewView get(Actor viewer, UUID id) {
		Instant now = clock.instant();
		return withAuthor(visible(viewer, reviews.findById(id).orElse(null), now), now);
	}

	/** {@link #get(Actor, UUID)} without a caller. */
	public ReviewView get(UUID id) {
		return get(null, id);
	}

	/**
	 * The author edits an unpublished review, within the same days as it may be written.
	 * @throws DomainException 404 unseen, 403 {@code author_only} or {@code review_window_closed} (once the window has
	 *         closed, whatever else), 409 {@code review_published}, 400 {@code validation_failed}; 401 when the
	 *         caller's account was deleted meanwhile (V51)
	 */
	@Transactional
	public ReviewView update(Actor actor, UUID id, Change change) {
		String comment = strip(change.comment());
		SubRatings subRatings = change.subRatings() == null ? SubRatings.NONE : change.subRatings();
		checkContent(subRatings.check(new FieldErrors()), change.rating(), comment, false);
		Instant now = clock.instant();
		Review review = visible(actor, reviews.findForUpdate(id).orElse(null), now);
		if (!review.isWrittenBy(actor.id())) {
			throw DomainException.forbidden("author_only", "Only the author can edit a review.");
		}
		if (review.subject() == ReviewSubject.GUEST) {
			noSubRatings(subRatings);
		}
		// the window first: once it has closed the answer is 403 whether or not the sweep has written the review
		// published, which it reads already (a review published by both sides is 409 within the window)
		requireWindowOpen(bookings.viewFor(actor, review.bookingId()));
		if (review.isPublished(now)) {
			throw DomainException.conflict("review_published", "A published review can no longer be edited.");
		}
		review.edit(change.rating(), comment, subRatings, now);
		try {
			reviews.flush();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "reviews_author_active")) {
				// the author's account was deleted while the edit waited for the deletion (V51)
				throw DomainException.accountDeleted();
			}
			throw ex;
		}
		return withAuthor(review, now);
	}

	/** The author or an admin removes a review, at any time; an unpublished one only its author sees (404). */
	@Transactional
	public void delete(Actor actor, UUID id) {
		Instant now = clock.instant();
		Review review = visible(actor, reviews.findForUpdate(id).orElse(null), now);
		if (!review.isWrittenBy(actor.id()) && !actor.isAdmin()) {
			throw DomainException.forbidden("not_your_review", "Only the author or an admin can delete a review.");
		}
		reviews.delete(review);
		reviews.flush();
		// a due review is read in its listing's aggregates already: its removal changes them as a published one's does
		if (review.isPublished(now) && review.subject() == ReviewSubject.PROPERTY) {
			rerate(review.propertyId());
		}
	}

	/**
	 * The listing's host answers a published review of the listing, once.
	 * @throws DomainException 404 unseen (or the listing is gone), 403 {@code host_only}, 409
	 *         {@code not_a_listing_review} or {@code already_responded}, 400 {@code validation_failed} on {@code body};
	 *         401 when the caller's account was deleted meanwhile, 404 when the listing was (V51)
	 */
	@Transactional
	public ReviewView respond(Actor actor, UUID id, String body) {
		String text = strip(body);
		new FieldErrors().require(text != null, "body", "is required")
			.require(text == null || !Characters.isBlank(text), "body", "must not be blank")
			.require(text == null || Characters.count(text) <= MAX_RESPONSE, "body",
					"must be at most " + MAX_RESPONSE + " characters")
			.throwIfAny();
		Instant now = clock.instant();
		Review review = visible(actor, reviews.findForUpdate(id).orElse(null), now);
		if (!actor.is(properties.view(review.propertyId()).hostId())) {
			throw DomainException.forbidden("host_only", "Only the listing's host can respond to its reviews.");
		}
		if (review.subject() != ReviewSubject.PROPERTY) {
			throw DomainException.conflict("not_a_listing_review", "Only reviews of a listing take a response.");
		}
		if (!review.isPublished(now)) {
			throw DomainException.notFound("Review");
		}
		if (review.hasResponse()) {
			throw DomainException.conflict("already_responded", "This review already has a response.");
		}
		// a response needs a written publication (V25); a due review gets it here as the sweep would write it
		if (review.publishIfDue(now)) {
			reviews.flush();
			rerate(review.propertyId(), review.publishDue());
		}
		review.respond(text, now);
		try {
			reviews.flush();
		}
		catch (DataIntegrityViolationException ex) {
			// the listing was removed while the response waited for its removal (V51): with the host's account, the
			// deleted account's request; else the listing is gone, as a response after its removal is told
			if (SqlStates.violates(ex, "reviews_responder_active")) {
				throw DomainException.accountDeleted();
			}
			if (SqlStates.violates(ex, "reviews_response_listing_listed")) {
				throw DomainException.notFound("Property");
			}
			throw ex;
		}
		return withAuthor(review, now);
	}

	/**
	 * Stores the listing's aggregates as its published reviews now are, this transaction's change included (it has
	 * been flushed). The listing's row is locked before the reviews are counted, so concurrent changes are counted one
	 * after the other; the listing's version moves and its cached copy is dropped.
	 */
	void rerate(UUID propertyId) {
		properties.updateRating(propertyId, this::rating);
	}

	/**
	 * {@link #rerate(UUID)} for reviews written published as they already read since their window closed at
	 * {@code publishedAt} (the sweep's): the listing reads updated then ({@code listing_rating_due}, V40), so it is
	 * written so, unless it was changed later; nothing a reader saw changes.
	 */
	void rerate(UUID propertyId, Instant publishedAt) {
		properties.updateRating(propertyId, this::rating, publishedAt);
	}

	private Rating rating(UUID propertyId) {
		Reviews.RatingRow row = reviews.rating(propertyId);
		return new Rating(row.getAverage(), Math.toIntExact(row.getCount()),
				Ratings.of(java.util.Arrays.asList(row.getCleanliness(), row.getAccuracy(), row.getCheckIn(),
						row.getCommunication(), row.getLocation(), row.getValue())));
	}

	/** When the review window of the booking closes: the start of the day after its last day, where the listing is. */
	static Instant windowEnd(BookingView booking) {
		return booking.checkOut().plusDays(WINDOW_DAYS + 1L).atStartOfDay(ZoneId.of(booking.timezone())).toInstant();
	}

	/**
	 * Serialises the two sides' looks at each other's review of one booking (a transaction-scoped advisory lock on its
	 * id, taken after this side's insert): when both post at once, the one that gets the lock second sees the first's
	 * committed review and publishes both. An advisory lock rather than the booking's row,
	 * which bookings and payouts lock in their own order with the listing's.
	 */
	private void lockBooking(UUID bookingId) {
		jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(BOOKING_LOCK, bookingId.toString())
			.query((rs, row) -> 1)
			.list();
	}

	/** The review if {@code viewer} may see it at {@code now} (anyone once published, its author before), else 404. */
	private static Review visible(Actor viewer, Review review, Instant now) {
		if (review == null || !review.isVisibleTo(viewer == null ? null : viewer.id(), now)) {
			throw notFound();
		}
		return review;
	}

	private void requireWindowOpen(BookingView booking) {
		if (booking.today(clock).isAfter(booking.checkOut().plusDays(WINDOW_DAYS))) {
			throw DomainException.forbidden("review_window_closed",
					"Reviews can be written and edited until " + WINDOW_DAYS + " days after check-out.");
		}
	}

	private static void noSubRatings(SubRatings subRatings) {
		FieldErrors errors = new FieldErrors();
		for (int i = 0; i < SubRatings.NAMES.size(); i++) {
			errors.require(subRatings.values().get(i) == null, SubRatings.NAMES.get(i),
					"is only for reviews of a listing");
		}
		errors.throwIfAny();
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
			errors.require(!Characters.isBlank(comment), "comment", "must not be blank")
				.require(Characters.count(comment) <= MAX_COMMENT, "comment",
						"must be at most " + MAX_COMMENT + " characters");
		}
		errors.throwIfAny();
	}

	private ReviewView withAuthor(Review review, Instant now) {
		return review.view(users.summaries(List.of(review.authorId())).get(review.authorId()), now);
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}

	private static DomainException notFound() {
		return DomainException.notFound("Review");
	}

}
