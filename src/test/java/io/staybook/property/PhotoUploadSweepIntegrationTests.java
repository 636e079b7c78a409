package io.staybook.property;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertNoLeak;
import static io.staybook.property.Uploads.BOUNDARY;
import static io.staybook.property.Uploads.FORM;
import static io.staybook.property.Uploads.form;
import static io.staybook.property.Uploads.part;
import static io.staybook.property.Uploads.raw;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The photo upload ({@code POST /api/v1/properties/{id}/photos}, api-contract.md, "Listing photos") swept with every
 * way a client (browser FormData, {@code curl -F}, a generated client, a broken proxy) gets the multipart request
 * wrong, as the JSON endpoints were swept: each is a 4xx {@code application/problem+json} with the contract's code,
 * names no class, and changes nothing (no photo row, no media object claimed, the listing's version as it was).
 * Then the photo's PATCH with bad values.
 */
@IntegrationTest
class PhotoUploadSweepIntegrationTests {

	private static final byte[] JPEG = TestImages.jpeg(400, 300, 31);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	TestUser host;

	String id;

	String photos;

	@BeforeEach
	void listing() {
		host = accounts.host();
		id = Listings.id(listings.create(host));
		photos = "/api/v1/properties/" + id + "/photos";
		objectsBefore = objects();
		versionBefore = version();
	}

	// -- the parts --

	@Test
	void aMissingFilePartIsA400OnFile() {
		refused(send(FORM, form(field("caption", "The living room"))), 400, "validation_failed", "file");
		// no part at all: only the closing delimiter
		refused(send(FORM, form()), 400, "validation_failed", "file");
	}

	/** {@code curl -F file=@x} sends a file; {@code -F file=x} and a FormData string send a field, no file. */
	@Test
	void aFileSentAsAPlainFieldIsA400OnFile() {
		JsonNode problem = refused(send(FORM, form(part("file", null, null, JPEG))), 400, "validation_failed", "file");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("filename");
		refused(send(FORM, form(field("file", "photo.jpg"))), 400, "validation_failed", "file");
	}

	@Test
	void twoFilePartsAreA400OnFile() {
		refused(send(FORM, form(file("a.jpg", JPEG), file("b.jpg", TestImages.jpeg(400, 300, 32)))), 400,
				"validation_failed", "file");
	}

	/** A browser's FormData for a file input with no file chosen: {@code filename=""} and no bytes. */
	@Test
	void anEmptyFileIsA400OnFile() {
		refused(send(FORM, form(part("file", "", "application/octet-stream", new byte[0]))), 400,
				"validation_failed", "file");
		refused(send(FORM, form(file("photo.jpg", new byte[0]))), 400, "validation_failed", "file");
	}

	/** The name is never read, nor stored: the stored object's key is the content's hash whatever the name. */
	@Test
	void aWeirdFilenameIsIgnored() {
		List<String> names = List.of("../../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow.jpg", "a\tb.jpg",
				"x".repeat(255) + ".jpg", "caf\u00e9 \u263a.jpg", "%2e%2e%2fphoto.jpg", "photo.php.jpg");
		int seed = 40;
		for (String name : names) {
			Api.Response response = send(FORM, form(file(name, TestImages.jpeg(400, 300, seed++))));
			assertThat(response.status()).as(name + ": " + response).isEqualTo(201);
			assertThat(response.body().path("urls").path("original").asString()).matches("/media/[0-9a-f]{64}\\.jpg");
		}
	}

	/** A name no part header can carry (too long for the container's part header limit) is refused, not a 500. */
	@Test
	void aFilenameTooLongForThePartHeaderIsA400() {
		Api.Response response = send(FORM, form(file("x".repeat(20_000) + ".jpg", JPEG)));
		refusedWith(response, 400);
	}

	@Test
	void aFilenameWithControlCharactersIsIgnoredOrRefusedCleanly() {
		for (String name : List.of("a\u0000b.jpg", "a\u0007b.jpg", "a\u007fb.jpg")) {
			Api.Response response = send(FORM, form(file(name, TestImages.jpeg(400, 300, 50 + name.charAt(1)))));
			assertThat(response.status()).as(name + ": " + response).isIn(201, 400);
			if (response.status() == 400) {
				refusedWith(response, 400);
			}
		}
	}

	/** The declared type is never read: missing, wrong or malformed, the content decides. */
	@Test
	void aMissingWrongOrMalformedPartContentTypeIsIgnored() {
		int seed = 60;
		for (String type : Arrays.asList(null, "text/plain", "application/json", "image/", "garbage", "image/gif")) {
			Api.Response response = send(FORM, form(part("file", "p.jpg", type, TestImages.jpeg(400, 300, seed++))));
			assertThat(response.status()).as(type + ": " + response).isEqualTo(201);
		}
	}

	@Test
	void bytesThatAreNoImageAreA415() {
		refused(send(FORM, form(file("a.jpg", "not an image at all".getBytes(StandardCharsets.UTF_8)))), 415,
				"unsupported_image");
		refused(send(FORM, form(file("a.jpg", new byte[] { (byte) 0xFF, (byte) 0xD8 }))), 415, "unsupported_image");
		byte[] png = TestImages.png(400, 300, 3);
		refused(send(FORM, form(file("a.png", Arrays.copyOf(png, png.length - 20)))), 415, "unsupported_image");
		refused(send(FORM, form(file("a.jpg", Arrays.copyOf(JPEG, JPEG.length - 100)))), 415, "unsupported_image");
		refused(send(FORM, form(file("bomb.png", TestImages.pngDeclaring(60_000, 60_000)))), 415, "image_too_large");
	}

	@Test
	void aBadCaptionIsA400OnCaption() {
		refused(send(FORM, form(file("a.jpg", JPEG), field("caption", "x".repeat(501)))), 400, "validation_failed",
				"caption");
		refused(send(FORM, form(file("a.jpg", JPEG), field("caption", "a\u0000b"))), 400, "validation_failed",
				"caption");
		refused(send(FORM, form(file("a.jpg", JPEG), field("caption", "one\r\ntwo"))), 400, "validation_failed",
				"caption");
		// over the container's limit for a text field (2 MiB), within the body's 11 MiB
		refusedWith(send(FORM, form(file("a.jpg", JPEG), field("caption", "x".repeat(3 * 1024 * 1024)))), 400);
		// a charset that is none
		refused(send(FORM, form(file("a.jpg", JPEG), part("caption", null, "text/plain; charset=nonesuch",
				"x".getBytes(StandardCharsets.US_ASCII)))), 400, "validation_failed", "caption");
		// not UTF-8: a lone continuation byte, an overlong NUL, a truncated sequence
		for (byte[] bad : List.of(new byte[] { 'a', (byte) 0x80 }, new byte[] { (byte) 0xC0, (byte) 0x80 },
				new byte[] { 'a', (byte) 0xE2, (byte) 0x82 })) {
			refused(send(FORM, form(file("a.jpg", JPEG), part("caption", null, null, bad))), 400,
					"validation_failed", "caption");
			refused(send(FORM, form(file("a.jpg", JPEG), part("caption", null, "text/plain; charset=UTF-8", bad))),
					400, "validation_failed", "caption");
		}
	}

	/** A caption sent as a file (a part with a filename) is not a caption. */
	@Test
	void aCaptionSentAsAFileIsA400OnCaption() {
		refused(send(FORM, form(file("a.jpg", JPEG), part("caption", "caption.txt", "text/plain",
				"The living room".getBytes(StandardCharsets.UTF_8)))), 400, "validation_failed", "caption");
		refused(send(FORM, form(file("a.jpg", JPEG), part("caption", "b.jpg", "image/jpeg", JPEG))), 400,
				"validation_failed", "caption");
	}

	/**
	 * A browser's FormData and {@code curl -F caption=...} send the caption with no Content-Type: it is UTF-8 (RFC 7578
	 * §5.1.2, HTML's form submission), not ISO-8859-1, and is stored as sent; so is one declared {@code text/plain}.
	 */
	@Test
	void aCaptionWithoutAContentTypeIsReadAsUtf8() {
		String caption = "Caf\u00e9 \u2615 \uD83C\uDFD6 na\u00efve";
		Api.Response bare = send(FORM, form(file("a.jpg", TestImages.jpeg(400, 300, 70)),
				part("caption", null, null, caption.getBytes(StandardCharsets.UTF_8))));
		assertThat(bare.status()).as(bare.toString()).isEqualTo(201);
		assertThat(bare.body().path("caption").asString()).isEqualTo(caption);
		Api.Response plain = send(FORM, form(file("a.jpg", TestImages.jpeg(400, 300, 71)),
				part("caption", null, "text/plain", caption.getBytes(StandardCharsets.UTF_8))));
		assertThat(plain.status()).as(plain.toString()).isEqualTo(201);
		assertThat(plain.body().path("caption").asString()).isEqualTo(caption);
		// 500 characters is the limit, counted as characters, not bytes nor UTF-16 units
		Api.Response longest = send(FORM, form(file("a.jpg", TestImages.jpeg(400, 300, 72)),
				part("caption", null, null, "\uD83C\uDFD6".repeat(500).getBytes(StandardCharsets.UTF_8))));
		assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
	}

	/** A caption is text whatever type its part declares: not parsed as JSON, read in the charset it names. */
	@Test
	void aCaptionIsReadAsTextWhateverItsDeclaredType() {
		Api.Response json = send(FORM, form(file("a.jpg", TestImages.jpeg(400, 300, 73)),
				part("caption", null, "application/json", "The living room".getBytes(StandardCharsets.UTF_8))));
		assertThat(json.status()).as(json.toString()).isEqualTo(201);
		assertThat(json.body().path("caption").asString()).isEqualTo("The living room");
		Api.Response latin1 = send(FORM, form(file("a.jpg", TestImages.jpeg(400, 300, 74)),
				part("caption", null, "text/plain; charset=ISO-8859-1", "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))));
		assertThat(latin1.status()).as(latin1.toString()).isEqualTo(201);
		assertThat(latin1.body().path("caption").asString()).isEqualTo("Caf\u00e9");
	}

	/** The document still shows the caption as a text field of at most 500 characters, the file as binary. */
	@Test
	void theDocumentShowsTheCaptionAsText() {
		JsonNode post = api.get("/v3/api-docs").send().body().path("paths").path("/api/v1/properties/{id}/photos")
			.path("post");
		JsonNode schema = post.path("requestBody").path("content").path("multipart/form-data").path("schema");
		assertThat(schema.path("properties").path("caption").path("type").asString()).as(schema.toString())
			.isEqualTo("string");
		assertThat(schema.path("properties").path("caption").path("maxLength").asInt()).as(schema.toString())
			.isEqualTo(500);
		assertThat(schema.path("properties").path("caption").has("format")).as(schema.toString()).isFalse();
		assertThat(schema.path("properties").path("file").path("format").asString()).as(schema.toString())
			.isEqualTo("binary");
		assertThat(schema.path("required").toString()).as(schema.toString()).contains("file").doesNotContain("caption");
	}

	@Test
	void anUnknownPartIsA400OnIt() {
		refused(send(FORM, form(file("a.jpg", JPEG), field("title", "x"))), 400, "validation_failed", "title");
		refused(send(FORM, form(file("a.jpg", JPEG), part("thumbnail", "t.jpg", "image/jpeg", JPEG))), 400,
				"validation_failed", "thumbnail");
	}

	@Test
	void manyPartsAreA400() {
		byte[][] parts = new byte[40][];
		parts[0] = file("a.jpg", JPEG);
		for (int i = 1; i < parts.length; i++) {
			parts[i] = field("extra" + i, "x");
		}
		refusedWith(send(FORM, form(parts)), 400);
	}

	@Test
	void aPartWithoutAUsableContentDispositionIsA400() {
		byte[] noDisposition = raw("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\n\r\n", JPEG, "\r\n");
		refusedWith(send(FORM, form(noDisposition)), 400);
		byte[] noName = raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\n", JPEG,
				"\r\n");
		refusedWith(send(FORM, form(noName)), 400);
		byte[] attachment = raw("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"file\";"
				+ " filename=\"a.jpg\"\r\n\r\n", JPEG, "\r\n");
		refusedWith(send(FORM, form(attachment)), 400);
	}

	// -- the body as a whole --

	/**
	 * A body the parser cannot read as {@code multipart/form-data}: 400 {@code malformed_multipart}. A well-formed body
	 * with no part in it (an empty body, a body whose delimiter is not the declared boundary, which then has only a
	 * preamble) is a 400 on the missing {@code file} instead, which the client can act on as well.
	 */
	@Test
	void aBodyThatIsNoMultipartIsA400() {
		byte[] body = form(file("a.jpg", JPEG));
		String text = new String(body, StandardCharsets.ISO_8859_1);
		Map<String, Api.Response> sent = new java.util.LinkedHashMap<>();
		sent.put("no boundary", send("multipart/form-data", body));
		sent.put("another boundary", send("multipart/form-data; boundary=other", body));
		sent.put("cut in the file", send(FORM, Arrays.copyOf(body, body.length / 2)));
		sent.put("cut before the close", send(FORM, Arrays.copyOf(body, body.length - BOUNDARY.length() - 6)));
		sent.put("empty", send(FORM, new byte[0]));
		sent.put("bare LF", send(FORM, text.replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1)));
		sent.put("empty boundary", send("multipart/form-data; boundary=", body));
		sent.put("quoted empty boundary", send("multipart/form-data; boundary=\"\"", body));
		sent.put("headers never end", send(FORM, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"")
			.getBytes(StandardCharsets.US_ASCII)));
		List<String> answers = new java.util.ArrayList<>();
		sent.forEach((what, response) -> answers.add(what + ": " + response.status() + " "
				+ response.body().path("code").asString() + " " + response.contentType()));
		assertThat(answers).allSatisfy(answer -> assertThat(answer)
			.matches(".*: (400 (malformed_multipart|validation_failed)|415 unsupported_media_type)"
					+ " application/problem\\+json(;charset=UTF-8)?"));
		sent.values().forEach(response -> {
			assertProblem(response, response.status());
			assertNoLeak(response);
		});
		assertThat(answers.get(0)).contains("malformed_multipart");
		assertThat(answers.get(2)).contains("malformed_multipart");
		assertThat(answers.get(3)).contains("malformed_multipart");
		assertUnchanged();
		// a boundary longer than RFC 2046's 70 characters is read all the same: the body is otherwise sound
		Api.Response longBoundary = send("multipart/form-data; boundary=" + "b".repeat(200),
				text.replace(BOUNDARY, "b".repeat(200)).getBytes(StandardCharsets.ISO_8859_1));
		assertThat(longBoundary.status()).as(longBoundary.toString()).isEqualTo(201);
	}

	@Test
	void aBodyOfAnotherTypeIsA415() {
		byte[] body = form(file("a.jpg", JPEG));
		refused(send("multipart/mixed; boundary=" + BOUNDARY, body), 415, "unsupported_media_type");
		refused(send("multipart/related; boundary=" + BOUNDARY, body), 415, "unsupported_media_type");
		refused(send("application/octet-stream", JPEG), 415, "unsupported_media_type");
		refused(send("image/jpeg", JPEG), 415, "unsupported_media_type");
		refused(send("application/x-www-form-urlencoded", "caption=x".getBytes(StandardCharsets.US_ASCII)), 415,
				"unsupported_media_type");
		refused(send("application/json", "{\"file\":\"x\"}".getBytes(StandardCharsets.US_ASCII)), 415,
				"unsupported_media_type");
		refused(send(null, body), 415, "unsupported_media_type");
	}

	@Test
	void aBodyOverTheUploadLimitIsA413() {
		byte[] big = form(file("a.jpg", Arrays.copyOf(JPEG, 11 * 1024 * 1024 + 1)));
		refused(send(FORM, big), 413, "payload_too_large");
		Api.Response chunked = api.post(photos, null)
			.header("Content-Type", FORM)
			.body(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.as(host)
			.send();
		refused(chunked, 413, "payload_too_large");
		// a file over 10 MiB in a body within 11 MiB
		refused(send(FORM, form(file("a.jpg", Arrays.copyOf(JPEG, 10 * 1024 * 1024 + 1)))), 413, "photo_too_large");
	}

	// -- the headers --

	@Test
	void aBadIdempotencyKeyIsA400() {
		byte[] body = form(file("a.jpg", JPEG));
		for (String key : List.of("", "   ", "k".repeat(256))) {
			Api.Response response = api.post(photos, null)
				.header("Content-Type", FORM)
				.header("Idempotency-Key", key)
				.body(HttpRequest.BodyPublishers.ofByteArray(body))
				.as(host)
				.send();
			assertThat(response.status()).as(key + ": " + response).isEqualTo(400);
			refusedWith(response, 400);
		}
	}

	// -- who and where --

	@Test
	void onlyTheHostOfAListingThatExistsMayUpload() {
		byte[] body = form(file("a.jpg", JPEG));
		refused(send(FORM, body, accounts.host()), 403, "not_your_listing");
		refused(send(FORM, body, accounts.guest()), 403, "not_your_listing");
		refused(send(FORM, body, null), 401, "unauthorized");
		assertProblem(api.post("/api/v1/properties/" + UUID.randomUUID() + "/photos", null)
			.header("Content-Type", FORM)
			.body(HttpRequest.BodyPublishers.ofByteArray(body))
			.as(host)
			.send(), 404);
		for (String malformed : List.of("not-a-uuid", "123", id.replace("-", ""), id + "0")) {
			Api.Response response = api.post("/api/v1/properties/" + malformed + "/photos", null)
				.header("Content-Type", FORM)
				.body(HttpRequest.BodyPublishers.ofByteArray(body))
				.as(host)
				.send();
			assertThat(response.status()).as(malformed + ": " + response).isIn(400, 404);
			assertProblem(response, response.status());
		}
		assertUnchanged();
	}

	// -- PATCH --

	@Test
	void aPatchWithBadValuesIsA400AndChangesNothing() {
		JsonNode photo = send(FORM, form(file("a.jpg", JPEG), field("caption", "first"))).body();
		String path = photos + "/" + photo.path("id").asString();
		long version = version();
		List<Object> bodies = List.of(Map.of("caption", "x".repeat(501)), Map.of("caption", "a\u0000b"),
				Map.of("caption", "a\nb"), Map.of("caption", 12), Map.of("caption", List.of("x")),
				Map.of("position", 1), Map.of("position", -1), Map.of("position", "0"), Map.of("position", 0.5),
				Map.of("position", 1L << 40), Map.of("position", true), Map.of("positon", 0), Map.of("url", "x"));
		for (Object body : bodies) {
			Api.Response response = api.patch(path, body).as(host).send();
			assertProblem(response, 400);
			assertThat(response.body().path("code").asString()).as(response.toString()).isEqualTo("validation_failed");
		}
		for (String raw : List.of("", "{", "[]", "null", "\"caption\"", "{\"caption\":\"a\",\"caption\":\"b\"}")) {
			Api.Response response = api.patch(path, null)
				.header("Content-Type", "application/json")
				.raw(raw)
				.as(host)
				.send();
			assertThat(response.status()).as(raw + ": " + response).isEqualTo(400);
			assertProblem(response, 400);
		}
		Api.Response multipart = api.patch(path, null)
			.header("Content-Type", FORM)
			.body(HttpRequest.BodyPublishers.ofByteArray(form(field("caption", "x"))))
			.as(host)
			.send();
		assertProblem(multipart, 415);
		assertProblem(api.patch(photos + "/not-a-uuid", Map.of("caption", "x")).as(host).send(), 400);
		assertProblem(api.patch(photos + "/" + UUID.randomUUID(), Map.of("caption", "x")).as(host).send(), 404);
		assertProblem(api.patch(path, Map.of("caption", "x")).as(accounts.guest()).send(), 403);
		assertProblem(api.patch(path, Map.of("caption", "x")).send(), 401);
		assertThat(version()).isEqualTo(version);
		JsonNode now = api.get(photos).send().body().path("results").get(0);
		assertThat(now.path("caption").asString()).isEqualTo("first");
		assertThat(now.path("position").asInt()).isZero();
	}

	// -- helpers --

	private long objectsBefore = -1;

	private long versionBefore = -1;

	/** Asserts a refusal with this status and code (and field, if given) that changed nothing. */
	private JsonNode refused(Api.Response response, int status, String code, String... fields) {
		JsonNode body = fields.length > 0 ? assertFieldErrors(response, fields) : assertProblem(response, status);
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(body.path("code").asString()).as(response.toString()).isEqualTo(code);
		assertUnchanged();
		return body;
	}

	/** Asserts a refusal with one of these statuses, any code, that changed nothing. */
	private void refusedWith(Api.Response response, Integer... statuses) {
		assertThat(response.status()).as(response.toString()).isIn((Object[]) statuses);
		assertProblem(response, response.status());
		assertThat(response.body().path("code").asString()).as(response.toString()).isNotBlank();
		assertNoLeak(response);
		assertUnchanged();
	}

	private void assertUnchanged() {
		assertThat(jdbc.queryForObject("select count(*) from property_photos where property_id = ?", Integer.class,
				UUID.fromString(id))).isZero();
		assertThat(version()).isEqualTo(versionBefore);
		assertThat(objects()).isEqualTo(objectsBefore);
	}

	private long objects() {
		return jdbc.queryForObject("select count(*) from media_objects", Long.class);
	}

	private long version() {
		return jdbc.queryForObject("select version from properties where id = ?", Long.class, UUID.fromString(id));
	}

	private Api.Response send(String contentType, byte[] body) {
		return send(contentType, body, host);
	}

	private Api.Response send(String contentType, byte[] body, TestUser as) {
		Api.Call call = api.post(photos, null).body(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			call.header("Content-Type", contentType);
		}
		return as == null ? call.send() : call.as(as).send();
	}

	private static byte[] file(String filename, byte[] content) {
		return part("file", filename, "image/jpeg", content);
	}

	private static byte[] field(String name, String value) {
		return part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
	}
}
