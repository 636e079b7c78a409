package io.staybook.shared.graphql;

import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL WebSocket message that is not one of the protocol's ({@code graphql-transport-ws}) JSON messages closes the
 * socket with {@code 4400 Invalid message}, as the protocol says ("Receiving a message of a type or format which is not
 * specified in this document will result in an immediate socket closure with the event 4400"). Spring for GraphQL
 * reads each message with the application's JSON mapper and lets a message it cannot read escape: text that is no
 * JSON, a {@code payload} that is no object, or a NUL in a variable (refused as in every JSON body,
 * {@code shared.web.TextDeserializer}) closed the socket as a server failure ({@code 1011}) and was logged at
 * ERROR with its stack trace. This is Spring Boot's own handler bean (which then backs off), with that one refusal
 * added; the mapping Boot builds for {@code spring.graphql.websocket.path} takes it.
 */
@Configuration(proxyBeanMethods = false)
class InvalidSocketMessages {

	/** Reads a message's shape only; its values are read by Spring for GraphQL with the application's mapper. */
	private static final JsonMapper SHAPE = JsonMapper.builder().build();

	/** The protocol's close status for a message of a type or format it does not specify. */
	static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			GraphQlCorsProperties cors, ObjectProvider<ServerHttpMessageConvertersCustomizer> customizers) {
		GraphQlProperties.Websocket socket = properties.getWebsocket();
		CorsConfiguration origins = cors.toCorsConfiguration();
		return origins == null
				? new Handler(handler, json(customizers), socket.getConnectionInitTimeout(), socket.getKeepAlive())
				: new Handler(handler, json(customizers), socket.getConnectionInitTimeout(), socket.getKeepAlive(),
						origins);
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
			if (converter.canRead(java.util.Map.class, MediaType.APPLICATION_JSON)) {
				return (HttpMessageConverter<Object>) converter;
			}
		}
		throw new IllegalStateException("No JSON converter");
	}

	private static final class Handler extends GraphQlWebSocketHandler {

		Handler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout,
				Duration keepAlive) {
			super(handler, json, initTimeout, keepAlive);
		}

		Handler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout, Duration keepAlive,
				CorsConfiguration origins) {
			super(handler, json, initTimeout, keepAlive, origins);
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			if (!wellFormed(message.getPayload())) {
				refuse(session);
				return;
			}
			try {
				super.handleTextMessage(session, message);
			}
			catch (HttpMessageNotReadableException unreadable) {
				// the client's bad message (a NUL, say), not the server's failure: nothing to log beyond the close
				refuse(session);
			}
		}

		private static void refuse(WebSocketSession session) {
			try {
				session.close(INVALID_MESSAGE);
			}
			catch (IOException alreadyGone) {
				// the client left meanwhile: nothing is left to refuse
			}
		}
	}

	/**
	 * Whether {@code text} has the shape of a protocol message, whose members Spring for GraphQL casts without a check
	 * ({@code "payload": 7} was a {@link ClassCastException}): a JSON object whose {@code type} and {@code id} are texts
	 * if given, and whose {@code payload}, if given, is an object with a text {@code query} and {@code operationName} and
	 * an object {@code variables} and {@code extensions}, each if given.
	 */
	static boolean wellFormed(String text) {
		JsonNode message;
		try {
			message = SHAPE.readTree(text);
		}
		catch (JacksonException notJson) {
			return false;
		}
		if (message == null || !message.isObject() || !textOrAbsent(message.get("type"))
				|| !textOrAbsent(message.get("id"))) {
			return false;
		}
		JsonNode payload = message.get("payload");
		if (payload == null || payload.isNull()) {
			return true;
		}
		return payload.isObject() && textOrAbsent(payload.get("query")) && textOrAbsent(payload.get("operationName"))
				&& objectOrAbsent(payload.get("variables")) && objectOrAbsent(payload.get("extensions"));
	}

	private static boolean textOrAbsent(JsonNode member) {
		return member == null || member.isNull() || member.isString();
	}

	private static boolean objectOrAbsent(JsonNode member) {
		return member == null || member.isNull() || member.isObject();
	}
}
