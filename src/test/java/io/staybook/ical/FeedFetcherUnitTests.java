package io.staybook.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * {@link FeedFetcher} against a hostile feed server written byte by byte on a loopback socket (WireMock cannot send
 * a response that never ends its headers).
 */
class FeedFetcherUnitTests {

	static final IcalSettings SETTINGS = new IcalSettings("", "", true, Duration.ofMinutes(15), Duration.ofSeconds(3),
			DataSize.ofKilobytes(64), 5, Duration.ofDays(550), 20, 20);

	final FeedFetcher fetcher = new FeedFetcher(new FeedUrls(SETTINGS), SETTINGS);

	/**
	 * A server that answers one request with {@code head} and then, endlessly (up to 4 GiB), 64 KiB runs of 'a';
	 * {@code sent} counts the bytes it got out before the client hung up.
	 */
	static ServerSocket hostile(String head, AtomicLong sent) throws IOException {
		ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			try (Socket socket = server.accept()) {
				socket.getInputStream().read(new byte[8192]);
				OutputStream out = socket.getOutputStream();
				out.write(head.getBytes(StandardCharsets.ISO_8859_1));
				byte[] run = new byte[64 * 1024];
				Arrays.fill(run, (byte) 'a');
				while (sent.get() < 4L << 30) {
					out.write(run);
					sent.addAndGet(run.length);
				}
			}
			catch (IOException ex) {
				// the client hung up: what this server is for
			}
		});
		return server;
	}

	/**
	 * One endless header line (or chunk-size line) was buffered whole until the timeout: 139 MB in 3 s on loopback,
	 * a node's heap within the 10 s (found by trying it as a feed's server). Now the line is refused past
	 * {@link FeedFetcher#MAX_LINE}, a few socket buffers after.
	 */
	@Test
	void anEndlessHeaderOrChunkLineIsCutOffAtTheLineLimit() throws Exception {
		for (String head : new String[] { "HTTP/1.1 200 OK\r\nX-Endless: ",
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" }) {
			AtomicLong sent = new AtomicLong();
			try (ServerSocket server = hostile(head, sent)) {
				assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + server.getLocalPort() + "/feed.ics"))
					.isInstanceOf(FeedFetcher.FetchFailed.class)
					.as(head)
					.hasMessageNotContaining("did not answer");
			}
			assertThat(sent.get()).as("bytes the server got out after " + head.strip()).isLessThan(16L << 20);
		}
	}

	@Test
	void tooManyHeadersAreRefused() throws Exception {
		String head = "HTTP/1.1 200 OK\r\n" + "X-Many: a\r\n".repeat(FeedFetcher.MAX_HEADERS + 1) + "X-Endless: ";
		try (ServerSocket server = hostile(head, new AtomicLong())) {
			assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + server.getLocalPort() + "/feed.ics"))
				.isInstanceOf(FeedFetcher.FetchFailed.class)
				.hasMessageContaining("more than " + FeedFetcher.MAX_HEADERS + " headers");
		}
	}
}
