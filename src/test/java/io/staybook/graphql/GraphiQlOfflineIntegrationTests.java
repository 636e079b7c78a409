package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * GraphiQL works without internet: {@code /graphiql} references only files of this service, and each of them is
 * served, to anyone, with its content type. The page has no inline script or style, so its Content-Security-Policy
 * ({@code default-src 'self'}) holds. (That it renders and runs a query in a browser cut off from the internet was
 * checked by hand with headless Chromium; see issue 9.)
 */
@IntegrationTest
class GraphiQlOfflineIntegrationTests {

	static final Pattern REFERENCE = Pattern.compile("\\b(src|href)\\s*=\\s*[\"']([^\"']+)[\"']",
			Pattern.CASE_INSENSITIVE);

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Test
	void everyAssetOfThePageIsServedByThisService() {
		Api.Response page = api.get("/graphiql").send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");

		List<String> references = new ArrayList<>();
		Matcher matcher = REFERENCE.matcher(page.text());
		while (matcher.find()) {
			references.add(matcher.group(2));
		}
		assertThat(references).as("scripts and stylesheets of the page").hasSizeGreaterThanOrEqualTo(5);

		for (String reference : references) {
			URI uri = URI.create("http://localhost:" + port + "/graphiql").resolve(reference);
			assertThat(uri.getHost() + ":" + uri.getPort()).as(reference + " is on another host")
				.isEqualTo("localhost:" + port);
			Api.Response asset = api.get(uri.getRawPath()).send();
			assertThat(asset.status()).as(reference).isEqualTo(200);
			assertThat(asset.text()).as(reference).isNotBlank();
			assertThat(asset.contentType()).as(reference).startsWith(expectedType(reference));
		}
	}

	/**
	 * A Range the page or one of its files cannot satisfy was a 416 that carried the whole file all the same (Spring's
	 * functional response sets 416 and then writes the resource). These few small files are served whole whatever the
	 * Range (RFC 9110 §14.2 lets a server ignore it), so no answer both refuses and sends the content.
	 */
	@Test
	void aRangeIsIgnoredNeverA416ThatCarriesTheFile() {
		for (String path : List.of("/graphiql", "/graphiql/graphiql-start.js", "/graphiql/graphiql-page.css")) {
			Api.Response whole = api.get(path).send();
			for (String range : List.of("bytes=999999-", "bytes=0-10", "bytes=5-1", "bytes=99999999999999999999999-")) {
				Api.Response ranged = api.get(path).header("Range", range).send();
				assertThat(ranged.status()).as(path + " " + range + ": " + ranged).isEqualTo(200);
				assertThat(ranged.text()).as(path + " " + range).isEqualTo(whole.text());
				assertThat(ranged.contentType()).as(path + " " + range).isEqualTo(whole.contentType());
			}
		}
	}

	@Test
	void thePageNeedsNoInlineScriptOrStyleAndSaysSo() {
		Api.Response page = api.get("/graphiql").send();

		assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self';")
			.doesNotContain("unsafe-inline", "unsafe-eval", "http");
		Matcher scripts = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(page.text());
		int count = 0;
		while (scripts.find()) {
			count++;
			assertThat(scripts.group(1)).as("every script is a file").contains("src=");
		}
		assertThat(count).isPositive();
		assertThat(page.text()).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=")
			.doesNotContainIgnoringCase("javascript:");
	}

	private static String expectedType(String reference) {
		if (reference.endsWith(".js")) {
			return "text/javascript";
		}
		if (reference.endsWith(".css")) {
			return "text/css";
		}
		throw new AssertionError("the page references something that is neither a script nor a stylesheet: "
				+ reference);
	}
}
