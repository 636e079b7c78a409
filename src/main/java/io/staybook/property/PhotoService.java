package io.staybook.property;

import io.staybook.media.MediaObjects;
import io.staybook.media.MediaStore;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.Ids;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A listing's photos (api-contract.md, "Listing photos"): the listing's host (or an admin, as for the listing itself)
 * uploads, captions, reorders and deletes them; anyone reads them. Each change locks the listing's row, keeps the
 * positions dense (the database holds them unique and below 50, V18), adds one to the listing's version and evicts the
 * cached listing, so that its ETag, its {@code cover_photo} and search's written JSON change with it.
 * <p>
 * Variants are made in the request, not in a job: the upload answers with the whole photo, every URL valid, as the
 * contract shows it (README, "Listing photos"). They are made and stored before any transaction ({@link #prepare}):
 * the keys claimed in the media register ({@link MediaObjects#claim}), then the objects put, with no connection held
 * and no row locked, so a slow or stalled store (each call bounded, {@code staybook.media.s3.timeout}) delays only
 * its own upload and answers 503; only then does a short transaction lock the listing's row, check again and insert
 * the row ({@link #add}). An upload refused there (the gallery full meanwhile, the listing gone) or replayed leaves
 * its objects claimed and unused, and the media sweep deletes them after its grace unless a photo uses them. Nothing
 * here deletes objects: an object no photo uses any more is no longer served and is deleted by the media sweep,
 * which never takes one a committed photo names (io.staybook.media.MediaSweep).
 */
@Service
public class PhotoService {

	/** At most this many photos per listing: the contract's limit, also V18's check on position. */
	public static final int MAX_PHOTOS = 50;

	public static final int MAX_CAPTION = 500;

	/**
	 * How many uploads a node decodes and encodes at once: each may hold about 100 MiB of pixels and buffers, and a
	 * node's heap is 256 MiB (README, "Production command"); the others wait up to {@link #PROCESSING_WAIT}, then get a
	 * 503 {@code busy} with {@code Retry-After}, as password hashing sheds load.
	 */
	static final int CONCURRENT_PROCESSING = 2;

	/** How long an upload waits for its processing and then for its listing's turn ({@link ListingQueue}). */
	public static final java.time.Duration PROCESSING_WAIT = java.time.Duration.ofSeconds(10);

	private final Semaphore processing = new Semaphore(CONCURRENT_PROCESSING, true);

	private final PropertyService listings;

	private final PropertyReader reader;

	private final PhotoRows rows;

	private final MediaStore store;

	private final Clock clock;

	private final MediaObjects objects;

	PhotoService(PropertyService listings, PropertyReader reader, PhotoRows rows, MediaStore store, Clock clock,
			MediaObjects objects) {
		this.listings = listings;
		this.reader = reader;
		this.rows = rows;
		this.store = store;
		this.clock = clock;
		this.objects = objects;
	}

	/**
	 * An upload judged, processed and stored, ready to be added ({@link #add}) while its claim holds; its fingerprint
	 * identifies the request.
	 */
	public record Upload(UUID propertyId, PhotoImages.Processed image, MediaObjects.Claim claim) {

		/** The SHA-256 key of the stored original: the same file makes the same original. */
		public String fingerprint() {
			return image.original().key();
		}
	}

	/**
	 * Checks who may add a photo (404 for an unknown listing, 403 {@code not_your_listing}) and, unless the request
	 * carries an Idempotency-Key ({@code keyed}), that there is room (409 {@code too_many_photos}; a keyed request may
	 * repeat the one that filled the gallery, and must get that first answer, so its room is judged only by
	 * {@link #add}, after its replay has had its chance), then judges and processes {@code file}
	 * ({@link PhotoImages}: 413, 415 or 400; 503 {@code busy} when {@value #CONCURRENT_PROCESSING} uploads are being
	 * processed for 10 s), then stores its variants (503 {@code service_unavailable} when the store fails or does not
	 * answer within its bound).
	 * Must run outside any transaction ({@link MediaObjects#claim} refuses one): processing and storing take a while
	 * and must hold neither a pooled connection nor the listing's row.
	 */
	public Upload prepare(Actor actor, UUID propertyId, byte[] file, String caption, boolean keyed) {
		checkCaption(caption);
		listings.ownedView(actor, propertyId);
		if (!keyed && rows.count(propertyId) >= MAX_PHOTOS) {
			throw tooMany();
		}
		try {
			if (!processing.tryAcquire(PROCESSING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw DomainException.unavailable("busy", "Too many photos are being processed; retry shortly.",
						PROCESSING_WAIT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw DomainException.unavailable("busy", "The upload was interrupted; retry shortly.", PROCESSING_WAIT);
		}
		PhotoImages.Processed image;
		try {
			image = PhotoImages.process(file);
		}
		finally {
			processing.release();
		}
		MediaObjects.Claim claim = objects.claim(image.variants().stream().map(PhotoImages.Variant::key).toList());
		image.variants().forEach(variant -> store.put(variant.key(), variant.bytes()));
		return new Upload(propertyId, image, claim);
	}

	/**
	 * Adds a prepared (and so already stored) upload at the end of the gallery, in the caller's transaction (an
	 * idempotent request's) or its own: the listing's row locked, the owner and the limit checked again, the row
	 * inserted, the claim kept ({@link MediaObjects#keep}). No call leaves the database while the row is locked.
	 * @throws DomainException 404, 403 {@code not_your_listing}, 409 {@code too_many_photos}, 503
	 *         {@code service_unavailable} when the upload took longer than the media sweep's grace
	 */
	@Transactional
	public Photo add(Actor actor, Upload upload, String caption) {
		UUID propertyId = upload.propertyId();
		listings.owned(actor, propertyId);
		if (rows.count(propertyId) >= MAX_PHOTOS) {
			throw tooMany();
		}
		// the row's trigger counts and locks the keys' media_objects rows (V28); within the claim's grace no sweep has
		// deleted them since they were put, and none can before this commits (MediaSweep)
		Photo photo = rows.insert(Ids.newId(), propertyId, blankToNull(caption), upload.image(), clock.instant());
		objects.keep(upload.claim());
		changed(propertyId);
		return photo;
	}

	/** A page of a listing's photos in gallery order (404 for an unknown or deleted listing). */
	@Transactional(readOnly = true)
	public Page<Photo> list(UUID propertyId, PageRequest page) {
		listings.view(propertyId);
		int after = page.cursor() == null ? -1 : position(page.cursor());
		return Page.of(rows.page(propertyId, after, page.fetchSize()), page.limit(),
				photo -> Cursors.encode(photo.position()));
	}

	/** The photos of many listings, for a page of them at once (GraphQL's {@code Property.photos}): one query. */
	@Transactional(readOnly = true)
	public Map<UUID, List<Photo>> ofListings(Collection<UUID> propertyIds) {
		if (propertyIds.isEmpty()) {
			return Map.of();
		}
		return rows.ofListings(propertyIds).stream().collect(Collectors.groupingBy(Photo::propertyId));
	}

	/**
	 * Changes a photo's caption (an empty one removes it) and its position (0 to the count less one; the photos in
	 * between shift by one). Null leaves a field as it is.
	 * @throws DomainException 404 (listing or photo), 403 {@code not_your_listing}, 400 {@code validation_failed}
	 */
	@Transactional
	public Photo update(Actor actor, UUID propertyId, UUID photoId, String caption, Integer position) {
		checkCaption(caption);
		listings.owned(actor, propertyId);
		Photo photo = rows.find(propertyId, photoId).orElseThrow(() -> DomainException.notFound("Photo"));
		if (position != null) {
			int count = rows.count(propertyId);
			new FieldErrors().require(position >= 0 && position < count, "position",
					"must be between 0 and " + (count - 1)).throwIfAny();
			if (position != photo.position()) {
				rows.move(propertyId, photoId, photo.position(), position);
			}
		}
		if (caption != null) {
			rows.caption(photoId, blankToNull(caption));
		}
		changed(propertyId);
		return rows.find(propertyId, photoId).orElseThrow();
	}

	/**
	 * Deletes a photo; the ones after it move up one. Its objects are no longer served once this commits, unless another
	 * photo uses the same content, and the media sweep deletes them from the store (io.staybook.media.MediaSweep).
	 * @throws DomainException 404 (listing or photo), 403 {@code not_your_listing}
	 */
	@Transactional
	public void delete(Actor actor, UUID propertyId, UUID photoId) {
		listings.owned(actor, propertyId);
		Photo photo = rows.find(propertyId, photoId).orElseThrow(() -> DomainException.notFound("Photo"));
		rows.delete(photo);
		changed(propertyId);
	}

	/** A change of the gallery is a change of the listing: a new version, and the cached listing evicted. */
	@Transactional(propagation = Propagation.MANDATORY)
	void changed(UUID propertyId) {
		rows.touchListing(propertyId);
		reader.evict(propertyId);
	}

	/** A caption is one line ({@link Characters#fault}): a multipart part is read by no JSON rule. */
	private static void checkCaption(String caption) {
		String fault = caption == null ? null : Characters.fault(caption, false);
		new FieldErrors().require(caption == null || Characters.count(caption) <= MAX_CAPTION, "caption",
				"must be at most 500 characters")
			.require(fault == null, "caption", fault)
			.throwIfAny();
	}

	private static int position(String cursor) {
		try {
			return Integer.parseInt(Cursors.decode(cursor, 1).getFirst());
		}
		catch (NumberFormatException ex) {
			throw Cursors.invalid();
		}
	}

	private static String blankToNull(String caption) {
		return caption == null || caption.isBlank() ? null : caption;
	}

	private static DomainException tooMany() {
		return DomainException.conflict("too_many_photos", "A listing may have at most 50 photos; delete one first.");
	}
}
