package io.staybook.message.web;

import io.staybook.message.ConversationView;
import io.staybook.message.MessageService;
import io.staybook.message.MessageView;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.MultiLine;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/conversations}: a guest's conversations with hosts about listings, and their messages. */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Messages")
class MessageController {

	private static final String PARTICIPANTS = " Only its guest and its host; for anyone else (admins too) it does not"
			+ " exist (404 `not_found`).";

	private static final String MASKING = " Until the two have a booking together that was confirmed (status"
			+ " `confirmed`, `checked_in` or `completed`), e-mail addresses, phone numbers and links in the other"
			+ " side's messages read `[hidden]`; the sender sees what they wrote.";

	private static final String BODY = "1 to 5,000 characters, not only white space";

	private final MessageService service;

	private final Idempotent idempotent;

	MessageController(MessageService service, Idempotent idempotent) {
		this.service = service;
		this.idempotent = idempotent;
	}

	record OpenBody(@NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID propertyId,
			@NotNull @Schema(description = BODY, requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
					maxLength = MessageService.MAX_BODY, example = "Hi! Is the flat quiet at night?") @MultiLine String body) {
	}

	record SendBody(@NotNull @Schema(description = BODY, requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
			maxLength = MessageService.MAX_BODY, example = "We land at 14:00; can we check in at 15:00?") @MultiLine String body) {
	}

	/** What identifies a message's creation: the same body in another conversation is another request. */
	record SendRequest(UUID conversationId, SendBody body) {
	}

	@Schema(name = "Conversation")
	record ConversationJson(UUID id, UUID propertyId,
			@Schema(nullable = true, description = "the most relevant booking of this guest at this listing: an ongoing"
					+ " or upcoming stay, else a pending request or hold, else the latest past stay, else any; null if"
					+ " none") UUID bookingId,
			PersonJson guest, PersonJson host, java.time.Instant lastMessageAt,
			@Schema(description = "the other side's messages written after the caller last marked the conversation read") long unreadCount) {

		static ConversationJson of(ConversationView c) {
			return new ConversationJson(c.id(), c.propertyId(), c.bookingId(), PersonJson.of(c.guest()),
					PersonJson.of(c.host()), c.lastMessageAt(), c.unreadCount());
		}
	}

	@Schema(name = "ConversationParticipant")
	record PersonJson(UUID id, String firstName) {

		static PersonJson of(ConversationView.Person p) {
			return new PersonJson(p.id(), p.firstName());
		}
	}

	@Schema(name = "Message")
	record MessageJson(UUID id, UUID conversationId, UUID senderId,
			@Schema(description = "as written for its sender; with contact details as `[hidden]` for the other side"
					+ " until the two have a confirmed booking together") String body,
			java.time.Instant createdAt) {

		static MessageJson of(MessageView m) {
			return new MessageJson(m.id(), m.conversationId(), m.senderId(), m.body(), m.createdAt());
		}
	}

	@PostMapping
	@Operation(operationId = "openConversation",
			summary = "Write to a listing's host: opens your conversation about it, or continues it",
			description = "One conversation per guest and listing: a second call continues the same conversation"
					+ " (201 with it again) and adds the message. A listing that does not exist or was deleted is a"
					+ " 404; its own host gets a 403 `own_listing`. The host is mailed (at most once per conversation"
					+ " per 15 minutes, later messages together in the next mail). Rate-limited as writes"
					+ " (`message`)." + MASKING + ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "The conversation, with the message added")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<ConversationJson> open(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody OpenBody body) {
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, body, ConversationView.class,
				() -> service.open(actor, body.propertyId(), body.body()));
		ConversationJson created = ConversationJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/conversations/" + created.id()), created);
	}

	@GetMapping
	@Operation(operationId = "listConversations", summary = "Your conversations, as guest and as host",
			description = "Latest activity (last message) first, ties by id. Cursor-paged: `limit` defaults to 20 and"
					+ " is clamped to 1–100; pass `next_cursor` back as `cursor` until it is null (a cursor not made"
					+ " by the service is a 400 `validation_failed`). A conversation that gets a new message meanwhile"
					+ " moves to the top, so it is not repeated further down.")
	@ApiResponse(responseCode = "200", description = "One page of conversations")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	Page<ConversationJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return service.list(actor, PageRequest.of(limit, cursor)).map(ConversationJson::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getConversation", summary = "One of your conversations", description = PARTICIPANTS)
	@ApiResponse(responseCode = "200", description = "The conversation")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ConversationJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return ConversationJson.of(service.get(actor, id));
	}

	@GetMapping("/{id}/messages")
	@Operation(operationId = "listMessages", summary = "A conversation's messages, oldest first",
			description = PARTICIPANTS + MASKING + " Cursor-paged, oldest first: `limit` defaults to 20 and is clamped"
					+ " to 1–100; pass `next_cursor` back as `cursor` until it is null; messages written later come"
					+ " on the following pages.")
	@ApiResponse(responseCode = "200", description = "One page of messages")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Page<MessageJson> messages(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return service.messages(actor, id, PageRequest.of(limit, cursor)).map(MessageJson::of);
	}

	@PostMapping("/{id}/messages")
	@Operation(operationId = "sendMessage", summary = "Write in one of your conversations",
			description = PARTICIPANTS + " The other side is mailed at most once per conversation per 15 minutes"
					+ " (later messages together in the next mail), and `messageAdded` subscribers are told on every"
					+ " node. When the other side has deleted their account the conversation takes no more messages"
					+ " (409 `conversation_closed`). Rate-limited as writes (`message`)." + ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "The message, as written; `Location` is the conversation's messages")
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
	ResponseEntity<MessageJson> send(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody SendBody body) {
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, new SendRequest(id, body),
				MessageView.class, () -> service.send(actor, id, body.body()));
		// a message has no URL of its own: Location is the list it is read in
		return IdempotentResponses.created(outcome, URI.create("/api/v1/conversations/" + id + "/messages"),
				MessageJson.of(outcome.value()));
	}

	@PostMapping("/{id}/read")
	@Operation(operationId = "markConversationRead", summary = "Mark everything in a conversation read, up to now",
			description = PARTICIPANTS + " The caller's `unread_count` becomes 0 until the other side writes again.")
	@ApiResponse(responseCode = "204", description = "Marked read")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> read(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		service.read(actor, id);
		return ResponseEntity.noContent().build();
	}
}
