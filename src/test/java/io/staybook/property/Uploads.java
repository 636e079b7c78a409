package io.staybook.property;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** {@code multipart/form-data} photo uploads over the test {@link Api} (RFC 7578). */
public final class Uploads {

	/** The boundary of every form built here. */
	public static final String BOUNDARY = "staybook-test-boundary-7MA4YWxkTrZu0gW";

	/** The {@code Content-Type} of a form built here. */
	public static final String FORM = "multipart/form-data; boundary=" + BOUNDARY;

	private Uploads() {
	}

	public static Api.Response upload(Api api, TestUser as, String propertyId, byte[] file, String declaredType,
			String caption) {
		return call(api, as, propertyId, file, declaredType, caption).send();
	}

	public static Api.Call call(Api api, TestUser as, String propertyId, byte[] file, String declaredType, String caption) {
		byte[] filePart = file == null ? new byte[0] : part("file", "photo.jpg", declaredType, file);
		byte[] captionPart = caption == null ? new byte[0]
				: part("caption", null, "text/plain; charset=UTF-8", caption.getBytes(StandardCharsets.UTF_8));
		Api.Call call = api.post("/api/v1/properties/" + propertyId + "/photos", null)
			.header("Content-Type", FORM)
			.body(HttpRequest.BodyPublishers.ofByteArray(form(filePart, captionPart)));
		return as == null ? call : call.as(as);
	}

	/** One part of a form; a null filename or type leaves that out. Header text is sent as UTF-8, as browsers do. */
	public static byte[] part(String name, String filename, String type, byte[] content) {
		String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
				+ (filename == null ? "" : "; filename=\"" + filename + "\"")
				+ (type == null ? "" : "\r\nContent-Type: " + type) + "\r\n\r\n";
		return raw(head, content, "\r\n");
	}

	/** {@code head} and {@code tail} as UTF-8 around {@code content}: a part written by hand. */
	public static byte[] raw(String head, byte[] content, String tail) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** The parts, then the closing boundary. */
	public static byte[] form(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}
}
