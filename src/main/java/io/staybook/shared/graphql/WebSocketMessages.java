package io.staybook.shared.graphql;

import java.io.IOException;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL WebSocket's handler (Boot's, made as Boot makes it: the service's JSON mapper, the
 * {@code spring.graphql.websocket} timeouts and {@code spring.graphql.cors} origins), except that a message that is
 * not JSON the mapper reads (a NUL in a string, which the service refuses everywhere, or no JSON at all) closes the
 * socket with 4400, graphql-transport-ws's "invalid message". It closed it with 1011, a server error, and logged the
 * exception at ERROR with a stack trace and the message's text, a {@code connection_init}'s bearer token included.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketMessages {

	/** graphql-transport-ws: "the server will close the socket with 4400: invalid message". */
	static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			GraphQlCorsProperties cors, JsonMapper json) {
		return new CheckedHandler(handler, new JacksonJsonHttpMessageConverter(json), properties.getWebsocket(),
				cors.toCorsConfiguration());
	}

	/** Closes the socket with 4400 on a message that cannot be read. */
	private static final class CheckedHandler extends GraphQlWebSocketHandler {

		/** {@code origins}: null for none configured, when Spring's own check of the handshake's origin applies. */
		CheckedHandler(WebGraphQlHandler handler, JacksonJsonHttpMessageConverter converter,
				GraphQlProperties.Websocket socket, CorsConfiguration origins) {
			super(handler, converter, socket.getConnectionInitTimeout(), socket.getKeepAlive(),
					origins != null ? origins : new CorsConfiguration());
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			try {
				super.handleTextMessage(session, message);
			}
			catch (HttpMessageNotReadableException ex) {
				close(session);
			}
		}

		private static void close(WebSocketSession session) throws IOException {
			if (session.isOpen()) {
				session.close(INVALID_MESSAGE);
			}
		}
	}
}
