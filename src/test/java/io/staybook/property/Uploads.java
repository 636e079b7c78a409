package io.staybook.property;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** {@code multipart/form-data} photo uploads over the test {@link Api} (RFC 7578). */
public final class Uploads {

	private static final String BOUNDARY = "staybook-test-boundary-7MA4YWxkTrZu0gW";

	private Uploads() {
	}

	public static Api.Response upload(Api api, TestUser as, String propertyId, byte[] file, String declaredType,
			String caption) {
		return call(api, as, propertyId, file, declaredType, caption).send();
	}

	public static Api.Call call(Api api, TestUser as, String propertyId, byte[] file, String declaredType, String caption) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (file != null) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\""
					+ "\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		if (caption != null) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n"
					+ "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + caption + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		Api.Call call = api.post("/api/v1/properties/" + propertyId + "/photos", null)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.body(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		return as == null ? call : call.as(as);
	}
}
