package io.staybook.media.web;

import io.staybook.media.MediaKeys;
import io.staybook.media.MediaObjects;
import io.staybook.media.MediaStore;
import io.staybook.shared.DomainException;
import io.staybook.shared.web.EvaluatesPreconditions;
import io.staybook.shared.web.Preconditions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored media at {@code /media/<key>} from whichever store is configured. A key names one content for ever
 * (its SHA-256), so the answer is {@code Cache-Control: public, max-age=31536000, immutable} (RFC 9111, RFC 8246) and
 * its key is a strong ETag. Only objects that a photo uses are served ({@link MediaObjects#inUse}): a deleted photo's or a
 * removed listing's images are 404 at once, before the sweep deletes them (OWASP and GDPR data minimisation; copies a
 * CDN or a browser already holds must be purged by the operator, README "Removing stored images").
 */
@RestController
@Tag(name = "Media")
class MediaController {

	static final CacheControl FOR_A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final MediaStore store;

	private final MediaObjects objects;

	MediaController(MediaStore store, MediaObjects objects) {
		this.store = store;
		this.objects = objects;
	}

	@GetMapping(path = MediaKeys.PATH + "{key}", produces = { MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE })
	@SecurityRequirements
	@Operation(operationId = "getMedia", summary = "A stored image (a photo's variant)",
			description = "The URLs of a photo's `urls` point here. Immutable: the key is the SHA-256 of the bytes, so"
					+ " the answer may be cached for a year. 404 once no photo uses it (its photo deleted, its listing removed).")
	@ApiResponse(responseCode = "200", description = "The image",
			content = { @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "404", ref = io.staybook.shared.web.ApiDocs.NOT_FOUND)
	@EvaluatesPreconditions
	ResponseEntity<byte[]> get(
			@Parameter(description = "`<sha-256 hex>.jpg` or `.png`", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.jpg") @PathVariable String key,
			HttpServletRequest request) {
		if (!MediaKeys.isValid(key) || !objects.inUse(key)) {
			throw DomainException.notFound("Media");
		}
		String etag = "\"" + key.substring(0, key.indexOf('.')) + "\"";
		// If-Match and If-None-Match (* too) as for a listing, before the bytes are read
		Preconditions.Outcome outcome = Preconditions.of(request).evaluate(etag);
		if (outcome == Preconditions.Outcome.FAILED) {
			throw Preconditions.failed();
		}
		if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(FOR_A_YEAR).eTag(etag).build();
		}
		byte[] bytes = store.get(key).orElseThrow(() -> DomainException.notFound("Media"));
		return ResponseEntity.ok()
			.cacheControl(FOR_A_YEAR)
			.eTag(etag)
			.contentType(MediaType.parseMediaType(MediaKeys.contentType(key)))
			.body(bytes);
	}
}
