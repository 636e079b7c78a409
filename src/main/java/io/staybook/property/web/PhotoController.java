package io.staybook.property.web;

import io.staybook.property.ListingQueue;
import io.staybook.property.Photo;
import io.staybook.property.PhotoService;
import io.staybook.property.web.PropertyResponses.PhotoJson;
import io.staybook.shared.DomainException;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.staybook.shared.web.FormFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/** A listing's photos over REST (api-contract.md, "Listing photos"); the rules are {@link PhotoService}'s. */
@RestController
@RequestMapping("/api/v1/properties/{id}/photos")
@Tag(name = "Properties")
class PhotoController {

	private static final String PROBLEM = "#/components/schemas/Problem";

	private final PhotoService photos;

	private final Idempotent idempotent;

	private final ListingQueue queue;

	PhotoController(PhotoService photos, Idempotent idempotent, ListingQueue queue) {
		this.queue = queue;
		this.photos = photos;
		this.idempotent = idempotent;
	}

	/** What identifies an upload: the listing, the file (by the key of the original it makes) and the caption. */
	record UploadRequest(UUID propertyId, String original, String caption) {
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "uploadPhoto", summary = "Add a photo to a listing (its host or an admin)",
			description = "`multipart/form-data` with the image as `file`, a file part (one with a filename; an empty"
					+ " or missing one is 400 `validation_failed`), and an optional `caption`, a text field (not a file) of"
					+ " at most 500 characters, UTF-8 unless its part's Content-Type names another charset."
					+ " The image is judged by its content, never by its declared type or name: JPEG, PNG or"
					+ " WebP, else 415 `unsupported_image`, as is a file with anything after the image's end (a"
					+ " polyglot) or more than 40 megapixels (415 `image_too_large`, read from the header before"
					+ " decoding); at most 10 MiB (413 `photo_too_large`); at least 320×240 pixels, either way round (400"
					+ " `image_too_small`). Location and all other metadata are stripped from every stored variant."
					+ " The photo goes last; a listing holds at most 50 (409 `too_many_photos`). Only the listing's"
					+ " host or an admin (403 `not_your_listing`)." + ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Added, with every variant ready")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "413", description = "The file is over 10 MiB (`photo_too_large`), or the request body over 11 MiB (`payload_too_large`)",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	@ApiResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP by its content, a polyglot or unreadable file (`unsupported_image`), over 40 megapixels (`image_too_large`), or a body that is not multipart/form-data (`unsupported_media_type`)",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
	ResponseEntity<PhotoJson> upload(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Parameter(description = "the image: JPEG, PNG or WebP, 10 MiB at most") @RequestPart("file") MultipartFile file,
			@Parameter(description = "at most 500 characters, UTF-8 unless its Content-Type names a charset",
					schema = @Schema(type = "string", maxLength = PhotoService.MAX_CAPTION)) @RequestPart(name = "caption",
							required = false) Part captionPart,
			HttpServletRequest request) {
		onlyOnce(request, "file", "caption");
		// read from its own bytes, strictly: not through the converter of whatever type the part declares
		String caption = FormFields.text(captionPart, "caption");
		if (file.isEmpty()) {
			// a browser's form with no file chosen sends an empty part named file: no photo, as if none were sent
			throw DomainException.invalidFields(List.of(new DomainException.FieldError("file",
					"is empty; choose a JPEG, PNG or WebP image")));
		}
		// a key sent that is no key is refused before anything is stored
		Idempotent.check(key);
		// processed and stored first, with no connection held and no row locked (a stalled store delays only this)
		PhotoService.Upload upload = photos.prepare(actor, id, bytes(file), caption, key != null);
		// then the listing's turn (ListingQueue) for the short transaction that locks its row and inserts the photo
		var outcome = queue.inTurn(id, PhotoService.PROCESSING_WAIT, () -> idempotent.run(IdempotencyScope.user(actor.id()), key,
				new UploadRequest(id, upload.fingerprint(), caption), Photo.class,
				() -> photos.add(actor, upload, caption)));
		PhotoJson photo = PhotoJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/properties/" + id + "/photos/" + photo.id()),
				photo);
	}

	@GetMapping
	@SecurityRequirements
	@Operation(operationId = "listPhotos", summary = "A listing's photos, in gallery order",
			description = "Anyone, without a token; ordered by `position` (0 is the cover). Cursor-paged: `limit`"
					+ " defaults to 50 (a whole gallery) and is clamped to 1–100; pass `next_cursor` back as `cursor`.")
	@ApiResponse(responseCode = "200", description = "One page of photos")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Page<PhotoJson> list(@PathVariable UUID id,
			@Parameter(description = "page size, 1 to 100 (default 50)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return photos.list(id, PageRequest.of(limit == null ? PhotoService.MAX_PHOTOS : limit, cursor))
			.map(PhotoJson::of);
	}

	@Schema(name = "PhotoChange", description = "Only the fields present change.")
	record PhotoBody(
			@Schema(description = "at most 500 characters; an empty string removes the caption", nullable = true) @CodePointLength(max = 500) String caption,
			@Schema(description = "the new place, 0 (the cover) to the number of photos less one; the photos in between shift by one", nullable = true) @Min(0) Integer position) {
	}

	@PatchMapping("/{photo_id}")
	@Operation(operationId = "updatePhoto", summary = "Caption or move a photo (the listing's host or an admin)",
			description = "A `position` outside 0 to the number of photos less one is a 400 `validation_failed`;"
					+ " the photos between the old and the new place shift by one, so positions stay 0, 1, 2...")
	@ApiResponse(responseCode = "200", description = "The photo as it is now")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	PhotoJson update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("photo_id") UUID photoId, @Valid @RequestBody PhotoBody body) {
		return PhotoJson.of(photos.update(actor, id, photoId, body.caption(), body.position()));
	}

	@DeleteMapping("/{photo_id}")
	@Operation(operationId = "deletePhoto", summary = "Delete a photo (the listing's host or an admin)",
			description = "The photos after it move up one; its stored images are removed unless another photo has"
					+ " the same content.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("photo_id") UUID photoId) {
		photos.delete(actor, id, photoId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Refuses a body with one of {@code names} twice, or with a part of another name (400 on that field), as unknown
	 * JSON fields are refused: Spring binds the first of two parts and ignores a part it was not asked for, so a
	 * second file, or a caption sent as {@code captoin}, would be dropped without a word while the client took it
	 * for stored.
	 */
	private static void onlyOnce(HttpServletRequest request, String... names) {
		List<String> taken = List.of(names);
		Map<String, Long> sent;
		try {
			sent = request.getParts()
				.stream()
				.collect(Collectors.groupingBy(Part::getName, LinkedHashMap::new, Collectors.counting()));
		}
		catch (IOException | ServletException ex) {
			throw new MultipartException("The multipart body could not be read", ex);
		}
		List<DomainException.FieldError> errors = new ArrayList<>();
		sent.forEach((name, times) -> {
			if (!taken.contains(name)) {
				errors.add(new DomainException.FieldError(name,
						"is not a part of this upload, which takes " + String.join(" and ", taken)));
			}
			else if (times > 1) {
				errors.add(new DomainException.FieldError(name, "must be sent once"));
			}
		});
		if (!errors.isEmpty()) {
			throw DomainException.invalidFields(errors);
		}
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
