package io.staybook.message.graphql;

import graphql.execution.DataFetcherResult;
import io.staybook.message.ConversationView;
import io.staybook.message.MessageService;
import io.staybook.message.MessageView;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.graphql.WebSocketAuthentication;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.ratelimit.RateLimits;
import io.staybook.shared.security.Actor;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The GraphQL twins of {@code /api/v1/conversations}, and the {@code messageAdded} subscription: the same service,
 * the same rules. Opening a conversation and sending a message take one request from the {@code message} rate limit,
 * as their REST twins do.
 */
@Controller
class MessageGraphQl {

	private final MessageService messages;

	private final Idempotent idempotent;

	private final RateLimits limits;

	private final WebSocketAuthentication sockets;

	MessageGraphQl(MessageService messages, Idempotent idempotent, RateLimits limits, WebSocketAuthentication sockets) {
		this.messages = messages;
		this.idempotent = idempotent;
		this.limits = limits;
		this.sockets = sockets;
	}

	record OpenConversationInput(UUID propertyId, String body) {
	}

	record SendMessageInput(String body) {
	}

	/** What identifies a message's creation (as REST's): the same input in another conversation is another request. */
	record SendRequest(UUID conversationId, SendMessageInput input) {
	}

	@QueryMapping
	Connection<ConversationView> conversations(@AuthenticationPrincipal Actor actor, @Argument Integer first,
			@Argument String after) {
		var page = Connections.page(first, after);
		return Connections.of(messages.list(Actor.required(actor), page), page);
	}

	@QueryMapping
	ConversationView conversation(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return messages.get(Actor.required(actor), id);
	}

	@QueryMapping(name = "messages")
	Connection<MessageView> messagesOf(@AuthenticationPrincipal Actor actor, @Argument UUID conversationId,
			@Argument Integer first, @Argument String after) {
		var page = Connections.page(first, after);
		return Connections.of(messages.messages(Actor.required(actor), conversationId, page), page);
	}

	@MutationMapping
	DataFetcherResult<ConversationView> openConversation(@AuthenticationPrincipal Actor actor,
			@Argument OpenConversationInput input, @Argument String idempotencyKey) {
		Actor writer = writer(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(writer.id()), idempotencyKey, input,
				ConversationView.class, () -> messages.open(writer, input.propertyId(), input.body())));
	}

	@MutationMapping
	DataFetcherResult<MessageView> sendMessage(@AuthenticationPrincipal Actor actor, @Argument UUID conversationId,
			@Argument SendMessageInput input, @Argument String idempotencyKey) {
		Actor writer = writer(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(writer.id()), idempotencyKey,
				new SendRequest(conversationId, input), MessageView.class,
				() -> messages.send(writer, conversationId, input.body())));
	}

	@MutationMapping
	boolean markConversationRead(@AuthenticationPrincipal Actor actor, @Argument UUID conversationId) {
		messages.read(Actor.required(actor), conversationId);
		return true;
	}

	/**
	 * Over WebSocket the caller is the socket's ({@link WebSocketAuthentication}), over SSE the request's; either way
	 * the stream lasts as long as that sign-in (the token's expiry, a revocation of the account's tokens).
	 */
	@SubscriptionMapping
	Flux<MessageView> messageAdded(@AuthenticationPrincipal Actor actor, @Argument UUID conversationId) {
		return sockets.whileSignedIn(messages.subscribe(Actor.required(actor), conversationId));
	}

	private Actor writer(Actor actor) {
		Actor writer = Actor.required(actor);
		limits.acquire(RateLimits.MESSAGE, "account:" + writer.id(), "too_many_requests",
				"Too many messages; try again later.");
		return writer;
	}
}
