package io.staybook.shared.graphql;

import io.staybook.shared.web.BodySizeLimitFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A GraphQL WebSocket message that is not one of the protocol's ({@code graphql-transport-ws}) JSON messages closes the
 * socket with {@code 4400 Invalid message}, as the protocol says ("Receiving a message of a type or format which is not
 * specified in this document will result in an immediate socket closure with the event 4400"). Spring for GraphQL
 * reads each message with the application's JSON mapper and lets a message it cannot read escape: text that is no
 * JSON, a {@code payload} that is no object, or a NUL in a variable (refused as in every JSON body,
 * {@code shared.web.TextDeserializer}) closed the socket as a server failure ({@code 1011}) and was logged at
 * ERROR with its stack trace. Each message is parsed once, by that mapper, and its shape checked on what it read.
 * <p>
 * A message may be as long as the body of a GraphQL request over HTTP ({@link BodySizeLimitFilter#MAX_BYTES}) and
 * its envelope ({@link #MAX_MESSAGE_BYTES}), counted in UTF-8 bytes as received, as that body's limit counts them:
 * the container's own limit, 8 KiB, closed the socket (1009) for a subscription whose document had a few fragments or
 * whose variables were long, which {@code POST /graphql} takes. The container hands a message on in parts, decoded
 * (its buffer stays 8 KiB a socket), that are put together here up to that limit ({@link MessageParts}); a longer one
 * closes the socket with RFC 6455's {@code 1009 Message too big}, which graphql-ws clients take for fatal and do not
 * retry (a 4xxx code the protocol does not define would have them resend it).
 * <p>
 * This is Spring Boot's own handler bean (which then backs off), with these additions and
 * {@link SocketRequestErrors}; the mapping Boot builds for {@code spring.graphql.websocket.path} takes it.
 */
@Configuration(proxyBeanMethods = false)
class InvalidSocketMessages {

	/** The protocol's close status for a message of a type or format it does not specify. */
	static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

	/**
	 * The longest message taken, in UTF-8 bytes (RFC 6455 §5.6: a text message's payload is UTF-8): a GraphQL request
	 * body of {@code POST /graphql}'s limit and room for the envelope around it as the payload of a {@code subscribe}
	 * message ({@code {"type": "subscribe", "id": ..., "payload": ...}}).
	 */
	static final long MAX_MESSAGE_BYTES = BodySizeLimitFilter.MAX_BYTES + 4096;

	/** RFC 6455's close status for a message too big to process. */
	static final CloseStatus TOO_BIG = new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(), "Message too big");

	/** The session attribute holding the parts of a message received so far. */
	private static final String PARTS = InvalidSocketMessages.class.getName() + ".parts";

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			GraphQlCorsProperties cors, ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers) {
		GraphQlProperties.Websocket socket = properties.getWebsocket();
		CorsConfiguration origins = cors.toCorsConfiguration();
		WebGraphQlHandler requests = new SocketRequestErrors(handler);
		HttpMessageConverter<Object> json = new ProtocolMessages(json(customizers));
		return origins == null
				? new Handler(requests, json, socket.getConnectionInitTimeout(), socket.getKeepAlive())
				: new Handler(requests, json, socket.getConnectionInitTimeout(), socket.getKeepAlive(), origins);
	}

	/** The JSON converter Spring Boot gives its own handler: the first server converter that reads a JSON object. */
	@SuppressWarnings("unchecked")
	private static HttpMessageConverter<Object> json(
			ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers) {
		HttpMessageConverters.ServerBuilder builder = (HttpMessageConverters.ServerBuilder) HttpMessageConverters
			.forServer()
			.registerDefaults();
		customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
		for (HttpMessageConverter<?> converter : builder.build()) {
			if (converter.canRead(Map.class, MediaType.APPLICATION_JSON)) {
				return (HttpMessageConverter<Object>) converter;
			}
		}
		throw new IllegalStateException("No JSON converter");
	}

	static final class Handler extends GraphQlWebSocketHandler {

		Handler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout,
				Duration keepAlive) {
			super(handler, json, initTimeout, keepAlive);
		}

		Handler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout, Duration keepAlive,
				CorsConfiguration origins) {
			super(handler, json, initTimeout, keepAlive, origins);
		}

		/** Parts, so that a long message is held here up to {@link #MAX_MESSAGE_BYTES}, not in the container. */
		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage part) throws Exception {
			TextMessage whole = whole(session, part);
			if (whole == null) {
				return;
			}
			try {
				super.handleTextMessage(session, whole);
			}
			catch (HttpMessageNotReadableException unreadable) {
				// the client's bad message (a NUL, say), not the server's failure: nothing to log beyond the close
				refuse(session, INVALID_MESSAGE);
			}
		}

		/**
		 * The message {@code part} ends, or null while more is to come or when it is too long (the socket then
		 * closed with {@link #TOO_BIG}).
		 */
		private static TextMessage whole(WebSocketSession session, TextMessage part) {
			if (!session.isOpen()) {
				// the rest of a message refused as too long, read on before the close took effect
				return null;
			}
			MessageParts parts = (MessageParts) session.getAttributes().get(PARTS);
			if (parts == null && part.isLast()) {
				// a message in one part, as every short one is
				return MessageParts.fits(part.getPayload()) ? part : tooBig(session);
			}
			if (parts == null) {
				parts = new MessageParts();
				session.getAttributes().put(PARTS, parts);
			}
			if (!parts.add(part.getPayload())) {
				session.getAttributes().remove(PARTS);
				return tooBig(session);
			}
			if (!part.isLast()) {
				return null;
			}
			session.getAttributes().remove(PARTS);
			return new TextMessage(parts.text);
		}

		private static TextMessage tooBig(WebSocketSession session) {
			refuse(session, TOO_BIG);
			return null;
		}

		private static void refuse(WebSocketSession session, CloseStatus status) {
			try {
				session.close(status);
			}
			catch (IOException alreadyGone) {
				// the client left meanwhile: nothing is left to refuse
			}
		}
	}

	/**
	 * The parts of one message received so far, as the container decoded them, and their size in UTF-8 bytes: the
	 * size of what the client sent, as the container decodes only valid UTF-8 (RFC 6455 §8.1; it closes the socket
	 * with 1007 otherwise), and re-encoding gives back the same bytes. A text's bytes are not counted while three per
	 * UTF-16 unit (the most a unit takes: a character of the Basic Multilingual Plane, three bytes; one beyond it, two
	 * units and four bytes) keeps the whole within the limit, so that a message of up to a third of the limit in
	 * characters is never counted, and each unit of a longer one is counted once.
	 */
	static final class MessageParts {

		/** The text received so far. */
		final StringBuilder text = new StringBuilder();

		/** {@link #text}'s UTF-8 bytes, or at least as many (three a unit) until {@link #counted}. */
		private long bytes;

		/** Whether {@link #bytes} is exact. */
		private boolean counted;

		/**
		 * Adds {@code part} to the message, unless the message would then be over {@link #MAX_MESSAGE_BYTES}
		 * (false: nothing is added).
		 */
		boolean add(String part) {
			long most = 3L * part.length();
			if (!counted && bytes + most <= MAX_MESSAGE_BYTES) {
				bytes += most;
			}
			else {
				if (!counted) {
					bytes = utf8Bytes(text);
					counted = true;
				}
				long partBytes = utf8Bytes(part);
				if (bytes + partBytes > MAX_MESSAGE_BYTES) {
					return false;
				}
				bytes += partBytes;
			}
			text.append(part);
			return true;
		}

		/** Whether {@code text}, a whole message, is within {@link #MAX_MESSAGE_BYTES}; counted only if need be. */
		static boolean fits(CharSequence text) {
			return 3L * text.length() <= MAX_MESSAGE_BYTES
					|| text.length() <= MAX_MESSAGE_BYTES && utf8Bytes(text) <= MAX_MESSAGE_BYTES;
		}

		/**
		 * The UTF-8 bytes of {@code text}: one for a unit below U+0080, two below U+0800, two for each unit of a
		 * surrogate pair (four for the pair, as the pair's character takes), three for any other unit.
		 */
		static long utf8Bytes(CharSequence text) {
			long bytes = 0;
			for (int i = 0; i < text.length(); i++) {
				char unit = text.charAt(i);
				bytes += unit < 0x80 ? 1 : unit < 0x800 || Character.isSurrogate(unit) ? 2 : 3;
			}
			return bytes;
		}
	}

	/**
	 * The application's JSON converter, whose reading of a message (the only parse of its text) is refused when it is
	 * not of the protocol's shape ({@link #wellFormed}), as one it cannot read at all is.
	 */
	static final class ProtocolMessages implements HttpMessageConverter<Object> {

		private final HttpMessageConverter<Object> json;

		ProtocolMessages(HttpMessageConverter<Object> json) {
			this.json = json;
		}

		@Override
		public boolean canRead(Class<?> type, MediaType mediaType) {
			return json.canRead(type, mediaType);
		}

		@Override
		public boolean canWrite(Class<?> type, MediaType mediaType) {
			return json.canWrite(type, mediaType);
		}

		@Override
		public List<MediaType> getSupportedMediaTypes() {
			return json.getSupportedMediaTypes();
		}

		@Override
		public List<MediaType> getSupportedMediaTypes(Class<?> type) {
			return json.getSupportedMediaTypes(type);
		}

		@Override
		public Object read(Class<?> type, HttpInputMessage input) throws IOException {
			Object message = json.read(type, input);
			if (message instanceof GraphQlWebSocketMessage read && wellFormed(read)) {
				return read;
			}
			throw new HttpMessageNotReadableException("Not a graphql-transport-ws message", input);
		}

		@Override
		public void write(Object message, MediaType contentType, HttpOutputMessage output) throws IOException {
			json.write(message, contentType, output);
		}
	}

	/**
	 * Whether {@code message} has the shape of a protocol message, whose members Spring for GraphQL casts without a
	 * check ({@code "payload": 7} was a {@link ClassCastException}): its {@code payload}, if given, an object with a text
	 * {@code query} and {@code operationName} and an object {@code variables} and {@code extensions}, each if given.
	 * Its {@code type} and {@code id} are texts if given, as the mapper reads them (it converts no number or boolean to
	 * a text, {@code shared.web.StrictJsonConfig}), and it is a JSON object, or the mapper reads no message.
	 */
	static boolean wellFormed(GraphQlWebSocketMessage message) {
		Object payload = message.getPayload();
		if (payload == null) {
			return true;
		}
		return payload instanceof Map<?, ?> members && textOrAbsent(members.get("query"))
				&& textOrAbsent(members.get("operationName")) && objectOrAbsent(members.get("variables"))
				&& objectOrAbsent(members.get("extensions"));
	}

	private static boolean textOrAbsent(Object member) {
		return member == null || member instanceof String;
	}

	private static boolean objectOrAbsent(Object member) {
		return member == null || member instanceof Map;
	}
}
