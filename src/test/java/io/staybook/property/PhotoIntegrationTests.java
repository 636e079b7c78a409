package io.staybook.property;

import static io.staybook.property.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** api-contract.md, "Listing photos", over real HTTP: every operation, every bad image, the owner rules, the cover. */
@IntegrationTest
class PhotoIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	TestUser host;

	String id;

	String photos;

	@BeforeEach
	void listing() {
		host = accounts.host();
		id = Listings.id(listings.create(host));
		photos = "/api/v1/properties/" + id + "/photos";
	}

	@Test
	void uploadsJpegPngAndWebpJudgedByContent() {
		Api.Response jpeg = upload(api, host, id, TestImages.jpeg(1600, 1200, 1), "image/jpeg", "The living room");
		assertThat(jpeg.status()).as(jpeg.toString()).isEqualTo(201);
		JsonNode photo = jpeg.body();
		assertThat(photo.path("property_id").asString()).isEqualTo(id);
		assertThat(photo.path("position").asInt()).isZero();
		assertThat(photo.path("caption").asString()).isEqualTo("The living room");
		assertThat(photo.path("width").asInt()).isEqualTo(1600);
		assertThat(photo.path("height").asInt()).isEqualTo(1200);
		assertThat(photo.path("content_type").asString()).isEqualTo("image/jpeg");
		assertThat(photo.path("created_at").isString()).isTrue();
		assertThat(jpeg.header("Location")).isEqualTo(photos + "/" + photo.path("id").asString());
		for (String variant : List.of("thumbnail", "medium", "large", "original")) {
			assertThat(photo.path("urls").path(variant).asString()).matches("/media/[0-9a-f]{64}\\.jpg");
		}
		assertThat(size(photo, "thumbnail")).containsExactly(320, 240);
		assertThat(size(photo, "medium")).containsExactly(1024, 768);
		assertThat(size(photo, "large")).containsExactly(1600, 1200);

		// a PNG declared as a JPEG is a PNG: the content decides
		Api.Response png = upload(api, host, id, TestImages.png(640, 480, 2), "image/jpeg", null);
		assertThat(png.status()).as(png.toString()).isEqualTo(201);
		assertThat(png.body().path("content_type").asString()).isEqualTo("image/png");
		assertThat(png.body().path("position").asInt()).isEqualTo(1);
		assertThat(png.body().path("caption").isNull()).isTrue();

		Api.Response webp = upload(api, host, id, TestImages.WEBP, "application/octet-stream", null);
		assertThat(webp.status()).as(webp.toString()).isEqualTo(201);
		assertThat(webp.body().path("width").asInt()).isEqualTo(400);
		assertThat(webp.body().path("content_type").asString()).isEqualTo("image/jpeg");

		Api.Response list = api.get(photos).send();
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().path("results").findValuesAsString("position")).containsExactly("0", "1", "2");
	}

	@Test
	void refusesEveryBadImageAndChangesNothing() {
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		assertProblem(upload(api, host, id, html, "image/jpeg", null), 415, "unsupported_image");
		assertProblem(upload(api, host, id, "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII), "image/png",
				null), 415, "unsupported_image");
		byte[] gif = TestImages.write(TestImages.picture(400, 300, 1), "gif");
		assertProblem(upload(api, host, id, gif, "image/jpeg", null), 415, "unsupported_image");
		// polyglots: a ZIP, then HTML, after the JPEG's end marker
		byte[] jpeg = TestImages.jpeg(800, 600, 4);
		byte[] zip = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0 };
		assertProblem(upload(api, host, id, TestImages.concat(jpeg, zip), "image/jpeg", null), 415, "unsupported_image");
		assertProblem(upload(api, host, id, TestImages.concat(jpeg, html), "image/jpeg", null), 415,
				"unsupported_image");
		assertProblem(upload(api, host, id, TestImages.concat(TestImages.png(400, 300, 1), html), "image/png", null),
				415, "unsupported_image");
		// a truncated JPEG, PNG or WebP is said to be truncated, not to hold more than one image
		for (byte[] whole : List.of(jpeg, TestImages.png(400, 300, 1), TestImages.WEBP)) {
			Api.Response truncated = upload(api, host, id, java.util.Arrays.copyOf(whole, whole.length / 2),
					"image/jpeg", null);
			assertProblem(truncated, 415, "unsupported_image");
			assertThat(truncated.body().path("detail").asString()).as(truncated.toString()).contains("truncated");
		}
		// a bomb: a few hundred bytes declaring 50000×50000 pixels
		byte[] bomb = TestImages.pngDeclaring(50_000, 50_000);
		assertThat(bomb.length).isLessThan(1000);
		assertProblem(upload(api, host, id, bomb, "image/png", null), 415, "image_too_large");
		assertProblem(upload(api, host, id, TestImages.jpeg(300, 200, 1), "image/jpeg", null), 400, "image_too_small");
		// too big: 10 MiB and a byte
		byte[] big = java.util.Arrays.copyOf(jpeg, 10 * 1024 * 1024 + 1);
		assertProblem(upload(api, host, id, big, "image/jpeg", null), 413, "photo_too_large");
		// not multipart, no file
		Api.Response json = api.post(photos, Map.of("file", "x")).as(host).send();
		assertThat(json.status()).as(json.toString()).isEqualTo(415);
		Api.Response noFile = upload(api, host, id, null, null, "caption only");
		assertThat(noFile.status()).as(noFile.toString()).isEqualTo(400);
		Api.Response longCaption = upload(api, host, id, jpeg, "image/jpeg", "x".repeat(501));
		assertThat(longCaption.status()).as(longCaption.toString()).isEqualTo(400);

		assertThat(api.get(photos).send().body().path("results").size()).isZero();
		assertThat(api.get("/api/v1/properties/" + id).send().body().path("cover_photo").isNull()).isTrue();
	}

	/**
	 * A multipart body the container cannot parse was a 500 (found by trying it as a client); a missing, misnamed or
	 * repeated part was a bare 400 or, for a second file or caption, a 201 that dropped it without a word; so was a
	 * part of a name the upload does not take.
	 */
	@Test
	void aMalformedMultipartBodyOrAPartSentTwiceOrUnknownIsA400ThatStoresNothing() {
		assertProblem(raw("multipart/form-data; boundary=xyz",
				"--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nabc".getBytes(
						StandardCharsets.ISO_8859_1)), 400, "malformed_multipart");
		assertProblem(raw("multipart/form-data", "abc".getBytes(StandardCharsets.ISO_8859_1)), 400,
				"malformed_multipart");

		byte[] jpeg = TestImages.jpeg(800, 600, 4);
		Api.Response misnamed = raw(BOUNDARY_TYPE, parts(part("photo", "a.jpg", jpeg)));
		assertProblem(misnamed, 400, "validation_failed");
		assertThat(misnamed.body().path("errors").get(0).path("field").asString()).isEqualTo("file");

		Api.Response twoFiles = raw(BOUNDARY_TYPE,
				parts(part("file", "a.jpg", jpeg), part("file", "b.jpg", TestImages.jpeg(800, 600, 5))));
		assertProblem(twoFiles, 400, "validation_failed");
		assertThat(twoFiles.body().path("errors").get(0).path("field").asString()).isEqualTo("file");

		Api.Response twoCaptions = raw(BOUNDARY_TYPE, parts(part("file", "a.jpg", jpeg),
				part("caption", null, "one".getBytes(StandardCharsets.UTF_8)),
				part("caption", null, "two".getBytes(StandardCharsets.UTF_8))));
		assertProblem(twoCaptions, 400, "validation_failed");
		assertThat(twoCaptions.body().path("errors").get(0).path("field").asString()).isEqualTo("caption");

		// a part the upload does not take, as an unknown JSON field: the caption it was meant to be is not dropped
		Api.Response misspelt = raw(BOUNDARY_TYPE, parts(part("file", "a.jpg", jpeg),
				part("captoin", null, "The living room".getBytes(StandardCharsets.UTF_8))));
		assertProblem(misspelt, 400, "validation_failed");
		assertThat(misspelt.fieldErrors()).containsExactly("captoin");
		assertThat(misspelt.body().path("errors").get(0).path("message").asString()).contains("file and caption");

		assertThat(api.get(photos).send().body().path("results").size()).isZero();
	}

	private static final String BOUNDARY = "breaker-boundary-5f1c";

	private static final String BOUNDARY_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

	private Api.Response raw(String contentType, byte[] body) {
		return api.post(photos, null)
			.header("Content-Type", contentType)
			.body(HttpRequest.BodyPublishers.ofByteArray(body))
			.as(host)
			.send();
	}

	private static byte[] part(String name, String filename, byte[] content) {
		String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
				+ (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: image/jpeg") + "\r\n\r\n";
		return TestImages.concat(TestImages.concat(head.getBytes(StandardCharsets.UTF_8), content),
				"\r\n".getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] parts(byte[]... parts) {
		byte[] body = new byte[0];
		for (byte[] part : parts) {
			body = TestImages.concat(body, part);
		}
		return TestImages.concat(body, ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aPhotoOver4096PixelsIsKeptSubsampledToAtMost4096() {
		Api.Response big = upload(api, host, id, TestImages.png(5000, 3000, 6), "image/png", null);
		assertThat(big.status()).as(big.toString()).isEqualTo(201);
		assertThat(big.body().path("width").asInt()).isEqualTo(2500);
		assertThat(big.body().path("height").asInt()).isEqualTo(1500);
		assertThat(size(big.body(), "original")).containsExactly(2500, 1500);
		assertThat(size(big.body(), "large").get(0)).isEqualTo(2048);
		assertThat(size(big.body(), "large").get(1)).isBetween(1228, 1229);
	}

	@Test
	void portraitPhotosOfAtLeast240By320AreAccepted() {
		Api.Response portrait = upload(api, host, id, TestImages.jpeg(240, 320, 5), "image/jpeg", null);
		assertThat(portrait.status()).as(portrait.toString()).isEqualTo(201);
	}

	@Test
	void onlyTheHostOrAnAdminChangesPhotos() {
		String photo = upload(api, host, id, TestImages.jpeg(800, 600, 6), "image/jpeg", null).body().path("id")
			.asString();
		TestUser other = accounts.host();
		TestUser guest = accounts.guest();
		byte[] jpeg = TestImages.jpeg(800, 600, 7);
		assertProblem(upload(api, other, id, jpeg, "image/jpeg", null), 403, "not_your_listing");
		assertProblem(upload(api, guest, id, jpeg, "image/jpeg", null), 403, "not_your_listing");
		assertThat(upload(api, null, id, jpeg, "image/jpeg", null).status()).isEqualTo(401);
		assertThat(upload(api, host, UUID.randomUUID().toString(), jpeg, "image/jpeg", null).status()).isEqualTo(404);
		assertProblem(api.patch(photos + "/" + photo, Map.of("caption", "mine")).as(other).send(), 403,
				"not_your_listing");
		assertProblem(api.delete(photos + "/" + photo).as(other).send(), 403, "not_your_listing");
		assertThat(api.delete(photos + "/" + UUID.randomUUID()).as(host).send().status()).isEqualTo(404);
		// the photo of another listing is not found under this one
		String otherListing = Listings.id(listings.create(other));
		assertThat(api.delete("/api/v1/properties/" + otherListing + "/photos/" + photo).as(other).send().status())
			.isEqualTo(404);
		Api.Response byAdmin = api.patch(photos + "/" + photo, Map.of("caption", "by admin")).as(accounts.admin()).send();
		assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
		assertThat(api.get(photos).send().body().path("results").size()).isEqualTo(1);
	}

	@Test
	void movingAPhotoShiftsTheOthersAndDeletingClosesUp() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(upload(api, host, id, TestImages.jpeg(400, 300, i), "image/jpeg", "photo " + i).body().path("id")
				.asString());
		}
		// the last to the front: the others shift back one
		Api.Response moved = api.patch(photos + "/" + ids.get(3), Map.of("position", 0)).as(host).send();
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(moved.body().path("position").asInt()).isZero();
		assertThat(order()).containsExactly(ids.get(3), ids.get(0), ids.get(1), ids.get(2));
		// the front to the third place: the ones between move forward
		api.patch(photos + "/" + ids.get(3), Map.of("position", 2, "caption", "")).as(host).send();
		assertThat(order()).containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(2));
		assertThat(api.get(photos).send().body().path("results").get(2).path("caption").isNull()).isTrue();
		assertProblem(api.patch(photos + "/" + ids.get(0), Map.of("position", 4)).as(host).send(), 400,
				"validation_failed");
		assertProblem(api.patch(photos + "/" + ids.get(0), Map.of("position", -1)).as(host).send(), 400,
				"validation_failed");

		assertThat(api.delete(photos + "/" + ids.get(1)).as(host).send().status()).isEqualTo(204);
		assertThat(order()).containsExactly(ids.get(0), ids.get(3), ids.get(2));
		assertThat(api.get(photos).send().body().path("results").findValuesAsString("position"))
			.containsExactly("0", "1", "2");
		// cursor pages
		Api.Response first = api.get(photos + "?limit=2").send();
		assertThat(first.body().path("results").size()).isEqualTo(2);
		Api.Response second = api.get(photos + "?limit=2&cursor=" + first.body().path("next_cursor").asString()).send();
		assertThat(second.body().path("results").get(0).path("id").asString()).isEqualTo(ids.get(2));
	}

	@Test
	void fiftyPhotosAtMostAlsoInTheDatabase() {
		JsonNode first = upload(api, host, id, TestImages.jpeg(400, 300, 8), "image/jpeg", null).body();
		Map<String, Object> row = jdbc.queryForMap("select * from property_photos where id = ?",
				UUID.fromString(first.path("id").asString()));
		copies(row, UUID.fromString(id), 1, 50);
		assertProblem(upload(api, host, id, TestImages.jpeg(400, 300, 9), "image/jpeg", null), 409, "too_many_photos");
		// the database refuses a 51st whatever the service does
		assertThatThrownBy(() -> jdbc.update("insert into property_photos (id, property_id, position, width, height,"
				+ " content_type, thumbnail_key, medium_key, large_key, original_key, created_at) values (?, ?, 50, 1, 1,"
				+ " 'image/jpeg', ?, ?, ?, ?, now())", UUID.randomUUID(), UUID.fromString(id), row.get("thumbnail_key"),
				row.get("medium_key"), row.get("large_key"), row.get("original_key")))
			.hasMessageContaining("property_photos_position_check");
		assertThat(api.get(photos + "?limit=100").send().body().path("results").size()).isEqualTo(50);
	}

	@Test
	void concurrentUploadsForTheLastPlaceGiveItToOne() throws Exception {
		JsonNode first = upload(api, host, id, TestImages.jpeg(400, 300, 16), "image/jpeg", null).body();
		Map<String, Object> row = jdbc.queryForMap("select * from property_photos where id = ?",
				UUID.fromString(first.path("id").asString()));
		copies(row, UUID.fromString(id), 1, 49);
		List<Api.Response> answers = io.staybook.test.Concurrently.send(4,
				i -> upload(api, host, id, TestImages.jpeg(400, 300, 20 + i), "image/jpeg", null));
		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
		assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(3);
		assertThat(jdbc.queryForObject("select count(*) from property_photos where property_id = ?", Integer.class,
				UUID.fromString(id))).isEqualTo(50);
	}

	@Test
	void locationIsStrippedFromEveryStoredVariant() throws Exception {
		byte[] withGps = TestImages.jpegWithGps(1200, 900);
		assertThat(contains(withGps, "GPS")).isTrue();
		assertThat(contains(withGps, "Exif")).isTrue();
		JsonNode photo = upload(api, host, id, withGps, "image/jpeg", null).body();
		for (String variant : List.of("thumbnail", "medium", "large", "original")) {
			byte[] stored = media(photo.path("urls").path(variant).asString()).body();
			assertThat(ImageIO.read(new ByteArrayInputStream(stored))).as(variant).isNotNull();
			assertThat(contains(stored, "Exif")).as(variant + " has no EXIF").isFalse();
			assertThat(contains(stored, "GPS")).as(variant + " has no GPS").isFalse();
			assertThat(contains(stored, "ns.adobe.com")).as(variant + " has no XMP").isFalse();
		}
	}

	@Test
	void mediaIsImmutableForAYearAndDeletedWithItsLastPhoto() throws Exception {
		byte[] jpeg = TestImages.uniqueJpeg(800, 600);
		JsonNode photo = upload(api, host, id, jpeg, "image/jpeg", null).body();
		String original = photo.path("urls").path("original").asString();
		HttpResponse<byte[]> served = media(original);
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(api.get(original).send().status()).isEqualTo(200);
		assertThat(api.get("/media/" + "0".repeat(64) + ".jpg").send().status()).isEqualTo(404);
		assertThat(api.get("/media/..%2F..%2Fetc%2Fpasswd").send().status()).isIn(400, 404);

		// the same file on another listing shares the objects; they go with the last photo using them
		String otherListing = Listings.id(listings.create(host));
		JsonNode twin = upload(api, host, otherListing, jpeg, "image/jpeg", null).body();
		assertThat(twin.path("urls").path("original").asString()).isEqualTo(original);
		api.delete(photos + "/" + photo.path("id").asString()).as(host).send();
		assertThat(media(original).statusCode()).isEqualTo(200);
		api.delete("/api/v1/properties/" + otherListing + "/photos/" + twin.path("id").asString()).as(host).send();
		assertThat(media(original).statusCode()).isEqualTo(404);
	}

	@Test
	void theCoverFollowsTheFirstPhotoInDetailSearchAndGraphQl() {
		String detail = "/api/v1/properties/" + id;
		Api.Response before = api.get(detail).send();
		assertThat(before.body().path("cover_photo").isNull()).isTrue();
		String city = api.get(detail).send().body().path("city").asString();
		assertThat(cover(api.get("/api/v1/properties?city=" + city).send())).isNull();

		JsonNode a = upload(api, host, id, TestImages.jpeg(400, 300, 11), "image/jpeg", null).body();
		Api.Response after = api.get(detail).send();
		assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
		assertThat(after.body().path("cover_photo")).isEqualTo(a.path("urls"));
		assertThat(cover(api.get("/api/v1/properties?city=" + city).send())).isEqualTo(a.path("urls"));
		assertThat(api.get(detail).header("If-None-Match", before.header("ETag")).send().status()).isEqualTo(200);

		JsonNode b = upload(api, host, id, TestImages.jpeg(400, 300, 12), "image/jpeg", null).body();
		api.patch(photos + "/" + b.path("id").asString(), Map.of("position", 0)).as(host).send();
		assertThat(api.get(detail).send().body().path("cover_photo")).isEqualTo(b.path("urls"));
		assertThat(cover(api.get("/api/v1/properties?city=" + city).send())).isEqualTo(b.path("urls"));
		Api.Response sparse = api.get("/api/v1/properties?fields=id,cover_photo&city=" + city).send();
		assertThat(sparse.body().path("results").get(0).path("cover_photo")).isEqualTo(b.path("urls"));

		Api.Response graphQl = api.post("/graphql", Map.of("query",
				"query($id: ID!) { property(id: $id) { coverPhoto { thumbnail original } photos { id position caption"
						+ " width contentType urls { medium } } } }",
				"variables", Map.of("id", id)))
			.send();
		JsonNode property = graphQl.body().path("data").path("property");
		assertThat(property.path("coverPhoto").path("original").asString())
			.isEqualTo(b.path("urls").path("original").asString());
		assertThat(property.path("photos").findValuesAsString("id"))
			.containsExactly(b.path("id").asString(), a.path("id").asString());

		api.delete(photos + "/" + b.path("id").asString()).as(host).send();
		assertThat(api.get(detail).send().body().path("cover_photo")).isEqualTo(a.path("urls"));
		api.delete(photos + "/" + a.path("id").asString()).as(host).send();
		assertThat(api.get(detail).send().body().path("cover_photo").isNull()).isTrue();
		assertThat(cover(api.get("/api/v1/properties?city=" + city).send())).isNull();
	}

	@Autowired
	io.staybook.test.StatementRecorder recorder;

	/** {@code Property.photos} and {@code coverPhoto} for a page of listings: the same statements for 2 as for 6. */
	@Test
	void aGraphQlPageWithPhotosCostsNoStatementPerListing() {
		String city = Listings.uniqueCity();
		JsonNode photo = upload(api, host, id, TestImages.jpeg(400, 300, 17), "image/jpeg", null).body();
		Map<String, Object> row = jdbc.queryForMap("select * from property_photos where id = ?",
				UUID.fromString(photo.path("id").asString()));
		for (int i = 0; i < 6; i++) {
			UUID listing = UUID.fromString(Listings.id(listings.create(host, Map.of("city", city))));
			copies(row, listing, 0, 2);
		}
		String page = "query($city: String!, $first: Int!) { properties(filter: {city: $city}, first: $first) {"
				+ " edges { node { title coverPhoto { thumbnail } photos { position urls { medium } } } } } }";
		statementsOfPage(page, city, 1);
		List<String> two = statementsOfPage(page, city, 2);
		List<String> six = statementsOfPage(page, city, 6);
		assertThat(six).as("six listings: %s; two: %s", six, two).hasSameSizeAs(two);
	}

	private List<String> statementsOfPage(String document, String city, int first) {
		String tag = "photos-page-" + first + "-" + UUID.randomUUID();
		Api.Response answer = api.post("/graphql", Map.of("query", document, "variables",
				Map.of("city", city, "first", first)))
			.header(io.staybook.test.StatementRecorder.HEADER, tag)
			.send();
		JsonNode edges = answer.body().path("data").path("properties").path("edges");
		assertThat(edges.size()).as(answer.toString()).isEqualTo(first);
		edges.forEach(edge -> {
			assertThat(edge.path("node").path("coverPhoto").path("thumbnail").asString()).startsWith("/media/");
			assertThat(edge.path("node").path("photos").size()).isEqualTo(2);
		});
		List<String> statements = recorder.statements(tag);
		recorder.clear(tag);
		return statements;
	}

	@Test
	void graphQlUpdatesAndDeletesPhotosUnderTheSameRules() {
		JsonNode a = upload(api, host, id, TestImages.jpeg(400, 300, 13), "image/jpeg", null).body();
		JsonNode b = upload(api, host, id, TestImages.jpeg(400, 300, 14), "image/jpeg", null).body();
		String update = "mutation($p: ID!, $id: ID!) { updatePhoto(propertyId: $p, id: $id, input: {position: 0,"
				+ " caption: \"Front\"}) { id position caption } }";
		Map<String, Object> variables = Map.of("p", id, "id", b.path("id").asString());
		Api.Response denied = api.post("/graphql", Map.of("query", update, "variables", variables))
			.as(accounts.host())
			.send();
		assertThat(denied.body().path("errors").get(0).path("extensions").path("classification").asString())
			.isEqualTo("FORBIDDEN");
		Api.Response updated = api.post("/graphql", Map.of("query", update, "variables", variables)).as(host).send();
		assertThat(updated.body().path("data").path("updatePhoto").path("position").asInt()).isZero();
		assertThat(updated.body().path("data").path("updatePhoto").path("caption").asString()).isEqualTo("Front");
		assertThat(order()).containsExactly(b.path("id").asString(), a.path("id").asString());
		Api.Response deleted = api.post("/graphql", Map.of("query",
				"mutation($p: ID!, $id: ID!) { deletePhoto(propertyId: $p, id: $id) }", "variables", variables))
			.as(host)
			.send();
		assertThat(deleted.body().path("data").path("deletePhoto").asBoolean()).isTrue();
		assertThat(order()).containsExactly(a.path("id").asString());
	}

	@Test
	void anUploadWithAnIdempotencyKeyIsMadeOnce() {
		byte[] jpeg = TestImages.jpeg(400, 300, 15);
		Api.Response first = Uploads.call(api, host, id, jpeg, "image/jpeg", "once")
			.header("Idempotency-Key", "photo-" + id)
			.send();
		Api.Response again = Uploads.call(api, host, id, jpeg, "image/jpeg", "once")
			.header("Idempotency-Key", "photo-" + id)
			.send();
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(again.body().path("id")).isEqualTo(first.body().path("id"));
		assertThat(api.get(photos).send().body().path("results").size()).isEqualTo(1);
	}

	@Test
	void theFiftiethPhotosUploadRepeatedWithItsKeyGetsItsFirstAnswer() {
		JsonNode first = upload(api, host, id, TestImages.jpeg(400, 300, 8), "image/jpeg", null).body();
		copies(jdbc.queryForMap("select * from property_photos where id = ?", UUID.fromString(first.path("id").asString())),
				UUID.fromString(id), 1, 49);
		byte[] jpeg = TestImages.jpeg(400, 300, 17);
		Api.Response fiftieth = Uploads.call(api, host, id, jpeg, "image/jpeg", "last")
			.header("Idempotency-Key", "fiftieth-" + id)
			.send();
		assertThat(fiftieth.status()).as(fiftieth.toString()).isEqualTo(201);
		// the gallery is full now, but a repeat of the request that filled it is answered as it was the first time
		Api.Response again = Uploads.call(api, host, id, jpeg, "image/jpeg", "last")
			.header("Idempotency-Key", "fiftieth-" + id)
			.send();
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(again.body().path("id")).isEqualTo(fiftieth.body().path("id"));
		// a new upload, with or without a key of its own, is still refused
		assertProblem(Uploads.call(api, host, id, jpeg, "image/jpeg", "last")
			.header("Idempotency-Key", "fifty-first-" + id)
			.send(), 409, "too_many_photos");
		assertProblem(upload(api, host, id, TestImages.jpeg(400, 300, 18), "image/jpeg", null), 409, "too_many_photos");
		assertThat(api.get(photos + "?limit=100").send().body().path("results").size()).isEqualTo(50);
	}

	/** Photo rows at positions [from, to) of {@code listing}, sharing the objects of {@code row}: written straight. */
	private void copies(Map<String, Object> row, UUID listing, int from, int to) {
		for (int position = from; position < to; position++) {
			jdbc.update("insert into property_photos (id, property_id, position, width, height, content_type,"
					+ " thumbnail_key, medium_key, large_key, original_key, created_at) values (?, ?, ?, 400, 300,"
					+ " 'image/jpeg', ?, ?, ?, ?, now())", UUID.randomUUID(), listing, position,
					row.get("thumbnail_key"), row.get("medium_key"), row.get("large_key"), row.get("original_key"));
		}
	}

	private List<String> order() {
		return api.get(photos).send().body().path("results").findValuesAsString("id");
	}

	private static JsonNode cover(Api.Response search) {
		assertThat(search.status()).as(search.toString()).isEqualTo(200);
		JsonNode cover = search.body().path("results").get(0).path("cover_photo");
		return cover.isNull() ? null : cover;
	}

	private List<Integer> size(JsonNode photo, String variant) {
		try {
			var image = ImageIO.read(new ByteArrayInputStream(media(photo.path("urls").path(variant).asString()).body()));
			return List.of(image.getWidth(), image.getHeight());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private HttpResponse<byte[]> media(String path) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean contains(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
	}

	private static void assertProblem(Api.Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("code").asString()).as(response.toString()).isEqualTo(code);
	}
}
