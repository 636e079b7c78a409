package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * No access log writes a query string: a calendar feed's URL carries its secret there ({@code ?token=}), and the
 * default formats log the request line whole (OWASP ASVS 4.0.3 V7.1.1, 5.0 V16.2.5). In front of the nodes, nginx
 * (ops/nginx; its defaults {@code combined} and the image's {@code main}): every {@code access_log} names a format
 * defined in the file, and no format logs a variable that holds the query. In the nodes, Tomcat's access log (off
 * unless switched on), whose default pattern {@code common} has the request line {@code %r}.
 */
class AccessLogUnitTests {

	/** nginx variables that hold the query string, alone or within the request line or URI. */
	private static final Pattern QUERY_VARIABLES = Pattern
		.compile("\\$(request|request_uri|args|query_string|arg_\\w+|is_args)\\b");

	private static final Pattern FORMAT = Pattern.compile("log_format\\s+(\\w+)\\s+((?:'[^']*'\\s*)+);");

	private static final Pattern ACCESS_LOG = Pattern.compile("access_log\\s+([^;]+);");

	@ParameterizedTest
	@ValueSource(strings = { "ops/nginx/cluster.conf.template", "ops/nginx/compose.conf" })
	void theAccessLogHoldsNoQueryString(String file) throws IOException {
		String config = withoutComments(Files.readString(Path.of(file)));
		Map<String, String> formats = new HashMap<>();
		Matcher format = FORMAT.matcher(config);
		while (format.find()) {
			formats.put(format.group(1), format.group(2));
		}
		List<String[]> logs = new ArrayList<>();
		Matcher log = ACCESS_LOG.matcher(config);
		while (log.find()) {
			logs.add(log.group(1).trim().split("\\s+"));
		}

		// compose.conf sits inside the image's http block, whose access_log has the image's format: it must override it
		assertThat(logs).as(file + ": an access_log of its own").isNotEmpty();
		for (String[] directive : logs) {
			if (directive[0].equals("off")) {
				continue;
			}
			assertThat(directive).as(file + ": " + String.join(" ", directive) + " names its format")
				.hasSizeGreaterThan(1);
			assertThat(formats).as(file + ": format " + directive[1]).containsKey(directive[1]);
			assertThat(formats.get(directive[1])).as(file + ": format " + directive[1])
				.doesNotContainPattern(QUERY_VARIABLES);
		}
	}

	@Test
	void tomcatsAccessLogPatternHoldsNoQueryStringNorHeaders() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yaml"));
		String pattern = yaml.getObject().getProperty("server.tomcat.accesslog.pattern");

		// %r: the request line; %q: the query; %{..}i: a request header (Authorization); common/combined hold %r
		assertThat(pattern).as("server.tomcat.accesslog.pattern").isNotBlank()
			.doesNotContain("%r", "%q", "}i", "common", "combined");
	}

	private static String withoutComments(String config) {
		return config.replaceAll("(?m)#.*$", "");
	}
}
