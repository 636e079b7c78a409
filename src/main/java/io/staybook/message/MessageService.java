package io.staybook.message;

import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;

/**
 * Who may do what with conversations: a conversation is its guest's and its host's; for anyone else, admins included,
 * it does not exist (404). Any account may open a conversation about a listing that is not its own (its host gets 403
 * {@code own_listing}); opening it again continues the same one. Bodies are 1 to 5,000 characters (Unicode code
 * points) and not only white space. A conversation whose other side deleted their account stays readable and takes no
 * new messages (409 {@code conversation_closed}); one about a listing deleted since stays open. REST and GraphQL both
 * call these methods.
 */
@Service
public class MessageService {

	/** The contract's longest message, in characters. */
	public static final int MAX_BODY = 5000;

	private final ConversationRows conversations;

	private final MessageRows messages;

	private final MessageMails mails;

	private final MessageBus bus;

	private final Subscriptions subscriptions;

	private final Clock clock;

	MessageService(ConversationRows conversations, MessageRows messages, MessageMails mails, MessageBus bus,
			Subscriptions subscriptions, Clock clock) {
		this.conversations = conversations;
		this.messages = messages;
		this.mails = mails;
		this.bus = bus;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	/**
	 * Opens the caller's conversation with the listing's host, or continues it, with a first (next) message.
	 *
	 * @throws DomainException 404 for no such (or a deleted) listing, 403 {@code own_listing} for its host, 400 for a
	 *         bad body
	 */
	@Transactional
	public ConversationView open(Actor actor, UUID propertyId, String body) {
		String text = checkBody(body);
		ConversationRows.Listing listing = conversations.listing(propertyId)
			.filter(found -> !found.deleted())
			.orElseThrow(() -> DomainException.notFound("Property"));
		if (actor.is(listing.hostId())) {
			throw DomainException.forbidden("own_listing", "A host cannot open a conversation about their own listing.");
		}
		UUID id = conversations.openOrContinue(Ids.newId(), propertyId, actor.id(), listing.hostId(), clock.instant());
		append(actor, writer(actor, id), text);
		return participant(actor, id).view();
	}

	/** The caller's conversations, latest activity first, cursor-paged. */
	@Transactional(readOnly = true)
	public Page<ConversationView> list(Actor actor, PageRequest page) {
		Position after = Position.of(page.cursor());
		List<ConversationView> found = conversations
			.page(actor.id(), after.at(), after.id(), page.fetchSize())
			.stream()
			.map(ConversationRows.Row::view)
			.toList();
		return Page.of(found, page.limit(), c -> Cursors.encode(c.lastMessageAt(), c.id()));
	}

	/** @throws DomainException 404 unless the caller takes part in it */
	@Transactional(readOnly = true)
	public ConversationView get(Actor actor, UUID id) {
		return participant(actor, id).view();
	}

	/**
	 * The conversation's messages, oldest first, as the caller sees them (contact details of the other side masked
	 * until the two have a confirmed booking together).
	 *
	 * @throws DomainException 404 unless the caller takes part in it
	 */
	@Transactional(readOnly = true)
	public Page<MessageView> messages(Actor actor, UUID id, PageRequest page) {
		ConversationRows.Row row = participant(actor, id);
		Position after = Position.of(page.cursor());
		List<MessageView> found = messages.page(id, after.at(), after.id(), page.fetchSize())
			.stream()
			.map(message -> new MessageAdded(row.view().guest().id(), row.view().host().id(), row.revealed(), message)
				.viewFor(actor.id()))
			.toList();
		return Page.of(found, page.limit(), m -> Cursors.encode(m.createdAt(), m.id()));
	}

	/**
	 * Writes a message; the other side is mailed (at most once per conversation per {@code mail-interval}) and every
	 * subscriber is told once it is committed.
	 *
	 * @return the message as its sender sees it: as written
	 * @throws DomainException 404 unless the caller takes part in it, 400 for a bad body, 409
	 *         {@code conversation_closed} when the other side's account was deleted, 401 when the caller's was
	 *         meanwhile (V46)
	 */
	@Transactional
	public MessageView send(Actor actor, UUID id, String body) {
		String text = checkBody(body);
		return append(actor, writer(actor, id), text);
	}

	/**
	 * Marks every message of the other side written up to now as read.
	 *
	 * @throws DomainException 404 unless the caller takes part in it; 401 {@code unauthorized} when the caller's
	 *         account was deleted while the read waited for it (V54's {@code conversations_reader_active})
	 */
	@Transactional
	public void read(Actor actor, UUID id) {
		writer(actor, id);
		// stamped once the conversation is locked: a message still being written is stamped after the read or before it
		// and then committed before it, never stamped before and committed after
		try {
			conversations.read(id, actor.id(), clock.instant());
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "conversations_reader_active")) {
				throw DomainException.accountDeleted();
			}
			throw ex;
		}
	}

	/**
	 * The messages written in this conversation from now on, on any node, each as the caller sees it (the caller's own
	 * included). At most {@code max-subscriptions} open at once per account and node.
	 *
	 * @throws DomainException 404 unless the caller takes part in it, 429 {@code too_many_subscriptions}
	 */
	@Transactional(readOnly = true)
	public Flux<MessageView> subscribe(Actor actor, UUID id) {
		participant(actor, id);
		UUID reader = actor.id();
		return subscriptions.hold(reader, bus.events()
			.filter(event -> event.message().conversationId().equals(id))
			.map(event -> event.viewFor(reader)));
	}

	private MessageView append(Actor actor, ConversationRows.Row row, String text) {
		if (row.otherSideDeleted(actor.id())) {
			throw DomainException.conflict("conversation_closed",
					"The other side of this conversation deleted their account.");
		}
		UUID conversationId = row.view().id();
		MessageView message;
		try {
			message = messages.insert(Ids.newId(), conversationId, actor.id(), text, clock.instant());
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "messages_sender_active")) {
				throw DomainException.accountDeleted();
			}
			throw ex;
		}
		conversations.touched(conversationId, message.createdAt());
		mails.plan(conversationId, row.otherSide(actor.id()), message.id());
		MessageAdded event = new MessageAdded(row.view().guest().id(), row.view().host().id(), row.revealed(), message);
		// within the transaction: the bus announces it only if it commits (NOTIFY is sent at commit)
		bus.publish(event);
		return message;
	}

	private ConversationRows.Row participant(Actor actor, UUID id) {
		return conversations.find(id, actor.id()).orElseThrow(MessageService::notFound);
	}

	/** {@link #participant}, with the conversation locked for a message or a read ({@link ConversationRows#lock}). */
	private ConversationRows.Row writer(Actor actor, UUID id) {
		return conversations.lock(id, actor.id()).orElseThrow(MessageService::notFound);
	}

	private static DomainException notFound() {
		return DomainException.notFound("Conversation");
	}

	private static String checkBody(String body) {
		if (body == null || Characters.isBlank(body)) {
			throw DomainException.invalidField("body", "must not be blank");
		}
		if (Characters.count(body) > MAX_BODY) {
			throw DomainException.invalidField("body", "must be at most " + MAX_BODY + " characters");
		}
		String fault = Characters.fault(body, true);
		if (fault != null) {
			throw DomainException.invalidField("body", fault);
		}
		return body;
	}

	/** A keyset position: a time and an id; both null on the first page. */
	private record Position(Instant at, UUID id) {

		static Position of(String cursor) {
			if (cursor == null) {
				return new Position(null, null);
			}
			List<String> keys = Cursors.decode(cursor, 2);
			try {
				return new Position(Cursors.instant(keys.get(0)), Ids.parse(keys.get(1)));
			}
			catch (IllegalArgumentException ex) {
				throw Cursors.invalid();
			}
		}
	}
}
