package io.staybook.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders {@code mail/<name>.txt} (first line {@code Subject: …}) and {@code mail/<name>.html}, replacing
 * {@code {{variable}}} by its value, HTML-escaped in the HTML body. An unknown variable is an error, not a blank.
 */
@Component
class MailTemplates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

	/** Line breaks and other control characters (Unicode category Cc, and the line and paragraph separators). */
	private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

	private final Map<String, String> sources = new ConcurrentHashMap<>();

	record Rendered(String subject, String text, String html) {
	}

	/**
	 * The mail of {@code template} with {@code variables}. The subject is the text template's first line filled on its
	 * own, each value's line breaks and other control characters made spaces: a value (a name a user chose) cannot end
	 * the subject early and push its rest into the body.
	 */
	Rendered render(String template, Map<String, String> variables) {
		String source = source(template + ".txt");
		int newline = source.indexOf('\n');
		String subject = fill(source.substring(0, newline), variables, false, true).replaceFirst("^Subject:\\s*", "")
			.strip();
		String text = fill(source.substring(newline + 1), variables, false, false);
		String html = fill(source(template + ".html"), variables, true, false);
		return new Rendered(subject, text.strip() + "\n", html);
	}

	private String source(String name) {
		return sources.computeIfAbsent(name, key -> {
			try {
				return new ClassPathResource("mail/" + key).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No mail template " + key, ex);
			}
		});
	}

	private static String fill(String source, Map<String, String> variables, boolean html, boolean oneLine) {
		Matcher matcher = PLACEHOLDER.matcher(source);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("Mail template variable missing: " + matcher.group(1));
			}
			String line = oneLine ? CONTROLS.matcher(value).replaceAll(" ") : value;
			matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(line) : line));
		}
		matcher.appendTail(out);
		return out.toString();
	}
}
