package io.staybook.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL over WebSocket client speaking {@code graphql-transport-ws} (the protocol of the graphql-ws library) by
 * hand over the JDK's WebSocket, for tests: {@code connection_init} with a bearer token, {@code subscribe}, and each
 * message the server sends, in order. {@code GraphQlSocket.open(port, token)}.
 */
public final class GraphQlSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How often {@link #next()} looks whether the connection closed while it waits. */
	private static final Duration CLOSE_CHECK = Duration.ofMillis(20);

	private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private GraphQlSocket(int port, String path, String origin) {
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.connectTimeout(Duration.ofSeconds(5));
		if (origin != null) {
			builder.header("Origin", origin);
		}
		this.socket = builder.buildAsync(URI.create("ws://localhost:" + port + path), new Listener()).join();
	}

	/** Connected to {@code /graphql-ws} and initialised with {@code {"Authorization": "Bearer <token>"}} (none if null). */
	public static GraphQlSocket open(int port, String accessToken) {
		return open(port, accessToken, null);
	}

	/**
	 * Connected as a browser page of {@code origin} connects ({@code Origin} on the handshake; none if null), and
	 * initialised with the token; the handshake's refusal fails with a {@link java.util.concurrent.CompletionException}.
	 */
	public static GraphQlSocket open(int port, String accessToken, String origin) {
		GraphQlSocket socket = new GraphQlSocket(port, "/graphql-ws", origin);
		Map<String, Object> init = new LinkedHashMap<>();
		init.put("type", "connection_init");
		if (accessToken != null) {
			init.put("payload", Map.of("Authorization", "Bearer " + accessToken));
		}
		socket.send(init);
		return socket;
	}

	/** Connected to {@code /graphql-ws} and initialised with {@code payload} as it is (a credential of any shape). */
	public static GraphQlSocket init(int port, Map<String, Object> payload) {
		GraphQlSocket socket = new GraphQlSocket(port, "/graphql-ws", null);
		socket.send(Map.of("type", "connection_init", "payload", payload));
		return socket;
	}

	/** Sends a {@code subscribe} message under {@code id}. */
	public void subscribe(String id, String query, Map<String, Object> variables) {
		send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query, "variables", variables)));
	}

	/**
	 * Runs a query or mutation over the socket under {@code id}, as graphql-ws clients may: its result (the
	 * {@code next} message's payload, {@code data} and {@code errors}), after which the server must send
	 * {@code complete}.
	 */
	public JsonNode execute(String id, String document, Map<String, Object> variables) {
		subscribe(id, document, variables);
		JsonNode result = next("next");
		if (!id.equals(result.path("id").asString()) || !id.equals(next("complete").path("id").asString())) {
			throw new AssertionError("Expected the result of " + id + ", got " + result);
		}
		return result.path("payload");
	}

	/**
	 * The next message from the server, waiting up to 10 seconds; fails the test if none comes, at once when the
	 * connection has closed with none queued (the listener queues each message before it hears the close).
	 */
	public JsonNode next() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		try {
			while (true) {
				boolean over = closed.isDone();
				long wait = over ? 0 : Math.min(CLOSE_CHECK.toNanos(), deadline - System.nanoTime());
				JsonNode message = received.poll(wait, TimeUnit.NANOSECONDS);
				if (message != null) {
					return message;
				}
				if (over) {
					String how = closed.handle((code, error) -> code == null ? "with " + error : "with " + code).join();
					throw new AssertionError("No message from the server: it closed the connection " + how);
				}
				if (System.nanoTime() - deadline >= 0) {
					throw new AssertionError("No message from the server within 10 seconds");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next message, which must be of {@code type} ({@code connection_ack}, {@code next}, {@code error}...). */
	public JsonNode next(String type) {
		JsonNode message = next();
		if (!type.equals(message.path("type").asString())) {
			throw new AssertionError("Expected a " + type + " message, got " + message);
		}
		return message;
	}

	/** The close code the server ended the connection with, waiting up to 10 seconds. */
	public int closeCode() {
		return closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** Whether nothing more arrives within {@code wait} (for "this subscriber got nothing" checks). */
	public boolean quietFor(Duration wait) throws InterruptedException {
		return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
	}

	/**
	 * Waits until the subscriptions of these sockets are live: a subscription is registered a moment after its
	 * {@code subscribe} message, so a message sent at once could go by unseen. Sends ping number {@code i} (a message
	 * whose {@code messageAdded.body} is {@code "ping <i>"}) until every socket receives the same one; the pings before
	 * it arrived earlier on each socket (a subscription keeps the order) and are dropped, so nothing is left queued.
	 */
	public static void awaitLive(List<GraphQlSocket> sockets, IntConsumer sendPing) throws InterruptedException {
		for (int i = 0; i < 50; i++) {
			sendPing.accept(i);
			String ping = "ping " + i;
			boolean all = true;
			for (GraphQlSocket socket : sockets) {
				all &= socket.drainUntil(ping, Duration.ofMillis(300));
			}
			if (all) {
				return;
			}
		}
		throw new AssertionError("The subscriptions never received a ping");
	}

	/**
	 * Waits until {@code count} subscriptions of this socket are live: sends ping number {@code i} until that many
	 * subscription ids receive the same one. Subscriptions of one socket may be registered in any order and a moment
	 * after their {@code subscribe} (several are handled at once), and a message written before may still be on its
	 * way; after this, nothing sent before the ping is left to arrive (a subscription keeps the order).
	 */
	public void awaitLive(int count, IntConsumer sendPing) throws InterruptedException {
		for (int i = 0; i < 50; i++) {
			sendPing.accept(i);
			String ping = "ping " + i;
			Set<String> live = new HashSet<>();
			long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
			while (live.size() < count) {
				JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (message == null) {
					break;
				}
				if (ping.equals(message.path("payload").path("data").path("messageAdded").path("body").asString())) {
					live.add(message.path("id").asString());
				}
			}
			if (live.size() == count) {
				return;
			}
		}
		throw new AssertionError("The " + count + " subscriptions never all received a ping");
	}

	private boolean drainUntil(String body, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (message == null) {
				return false;
			}
			if (body.equals(message.path("payload").path("data").path("messageAdded").path("body").asString())) {
				return true;
			}
		}
	}

	/** Sends {@code text} as it is, for tests of messages that are not the protocol's. */
	public void sendText(String text) {
		socket.sendText(text, true).join();
	}

	private void send(Object message) {
		socket.sendText(JSON.writeValueAsString(message), true).join();
	}

	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			try {
				socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
			}
			catch (java.util.concurrent.CompletionException ex) {
				// the server closed it meanwhile (4401, say) and the client answered that close first: nothing to do
				if (!socket.isOutputClosed()) {
					throw ex;
				}
			}
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				received.add(JSON.readTree(text.toString()));
				text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.completeExceptionally(error);
		}
	}
}
