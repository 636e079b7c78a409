package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text fields of a {@code multipart/form-data} body (RFC 7578), read from the part's own bytes. Spring binds a
 * {@code String} part through the message converter of the part's declared type (a part declared
 * {@code application/json} was parsed as JSON) and the container decodes a field leniently (bytes that are not UTF-8
 * became U+FFFD, stored without a word), and either takes a file for a field; here a field is decoded strictly.
 */
public final class FormFields {

	private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)",
			Pattern.CASE_INSENSITIVE);

	private FormFields() {
	}

	/**
	 * The text of the field {@code part} (named {@code field} in errors), or null for none: its bytes decoded by the
	 * charset its {@code Content-Type} names, else UTF-8 (RFC 7578 §5.1.2; what browsers and {@code curl -F} send).
	 * @throws DomainException 400 {@code validation_failed} on {@code field} for a file (a part with a
	 * {@code filename}) or bytes that are not text in that charset (malformed UTF-8, an unknown charset)
	 */
	public static String text(Part part, String field) {
		if (part == null) {
			return null;
		}
		if (part.getSubmittedFileName() != null) {
			throw invalid(field, "must be a text field, not a file (a part with a filename)");
		}
		Charset charset = charset(part.getContentType());
		if (charset == null) {
			throw invalid(field, "must be text in UTF-8 or a charset its Content-Type names");
		}
		try (InputStream in = part.getInputStream()) {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(in.readAllBytes()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw invalid(field, "must be text in " + charset.name() + " (it holds bytes that are not)");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The charset a part's {@code Content-Type} names; UTF-8 when it names none; null when it is no charset. Read by
	 * hand: Spring's media type parser refuses the whole type for an unknown charset, which would then be read as none.
	 */
	private static Charset charset(String contentType) {
		Matcher charset = contentType == null ? null : CHARSET.matcher(contentType);
		if (charset == null || !charset.find()) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(charset.group(1));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static DomainException invalid(String field, String message) {
		return DomainException.invalidFields(List.of(new DomainException.FieldError(field, message)));
	}
}
