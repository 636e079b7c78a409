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

	private final Map<String, String> sources = new ConcurrentHashMap<>();

	record Rendered(String subject, String text, String html) {
	}

	Rendered render(String template, Map<String, String> variables) {
		String text = fill(source(template + ".txt"), variables, false);
		String html = fill(source(template + ".html"), variables, true);
		int newline = text.indexOf('\n');
		String subject = text.substring(0, newline).replaceFirst("^Subject:\\s*", "").strip();
		return new Rendered(subject, text.substring(newline + 1).strip() + "\n", html);
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

	private static String fill(String source, Map<String, String> variables, boolean html) {
		Matcher matcher = PLACEHOLDER.matcher(source);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("Mail template variable missing: " + matcher.group(1));
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}
}
