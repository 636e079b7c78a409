package io.staybook.message;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.shared.jobs.Jobs;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails one side of a conversation about the other side's new messages: at most once per conversation per
 * {@link MessageSettings#mailInterval()}, the messages written meanwhile together in the next mail (a digest), each
 * masked as that reader sees it, and none that reader has read by then. The limit is held by the database: a mail is
 * sent only by the job whose conditional update of the side's {@code *_mailed_at} succeeds, so two nodes (or two
 * jobs) never both mail within the interval.
 * <p>
 * Each message plans a {@code message-digest} job: at once when the side's interval has passed (one instance per
 * message), else at the interval's end (one instance per side and interval, shared by the messages written in it).
 * A job that finds the interval not yet over plans the one at its end.
 */
@Component
class MessageMails {

	static final String TASK = "message-digest";

	/** What a digest job is about: one side of one conversation. */
	record Digest(UUID conversationId, UUID recipientId) implements Serializable {
	}

	private final DigestRows rows;

	private final ConversationRows conversations;

	private final Jobs jobs;

	private final ObjectProvider<OneTimeTask<Digest>> task;

	private final Notifications notifications;

	private final MessageSettings settings;

	private final Clock clock;

	MessageMails(DigestRows rows, ConversationRows conversations, Jobs jobs, ObjectProvider<OneTimeTask<Digest>> task,
			Notifications notifications, MessageSettings settings, Clock clock) {
		this.rows = rows;
		this.conversations = conversations;
		this.jobs = jobs;
		this.task = task;
		this.notifications = notifications;
		this.settings = settings;
		this.clock = clock;
	}

	/** In the message's transaction: plans the job that mails {@code recipientId} about it. */
	void plan(UUID conversationId, UUID recipientId, UUID messageId) {
		Instant now = clock.instant();
		Instant mailedAt = rows.mailedAt(conversationId, recipientId);
		Digest digest = new Digest(conversationId, recipientId);
		if (mailedAt == null || !mailedAt.plus(settings.mailInterval()).isAfter(now)) {
			jobs.runAfterCommit(task.getObject().instance(conversationId + ":" + recipientId + ":m-" + messageId, digest));
		}
		else {
			later(digest, mailedAt.plus(settings.mailInterval()));
		}
	}

	/** The job: mails the side its unread, not yet mailed messages, if its interval has passed. */
	@Transactional
	void run(Digest digest) {
		Instant now = clock.instant();
		List<MessageView> waiting = rows.waiting(digest.conversationId(), digest.recipientId());
		if (waiting.isEmpty()) {
			return;
		}
		Instant through = waiting.getLast().createdAt();
		Instant notBefore = now.minus(settings.mailInterval());
		if (!rows.claim(digest.conversationId(), digest.recipientId(), now, notBefore, through)) {
			Instant mailedAt = rows.mailedAt(digest.conversationId(), digest.recipientId());
			later(digest, mailedAt == null ? now : mailedAt.plus(settings.mailInterval()));
			return;
		}
		DigestRows.Recipient to = rows.recipient(digest.conversationId(), digest.recipientId()).orElse(null);
		ConversationRows.Row row = conversations.find(digest.conversationId(), digest.recipientId()).orElse(null);
		if (to == null || row == null) {
			return; // the recipient's account was deleted meanwhile
		}
		List<MessageView> shown = waiting.stream()
			.limit(settings.digestSize())
			.map(m -> new MessageAdded(row.view().guest().id(), row.view().host().id(), row.revealed(), m)
				.viewFor(digest.recipientId()))
			.toList();
		String quoted = shown.stream()
			.map(m -> to.senderName() + " (" + m.createdAt() + "):\n" + m.body())
			.collect(Collectors.joining("\n\n"));
		int more = waiting.size() - shown.size();
		notifications.send(new Mail("message-digest:" + digest.conversationId() + ":" + digest.recipientId() + ":"
				+ now.toEpochMilli(), to.email(), "message_digest",
				Map.of("first_name", to.firstName(), "sender_name", to.senderName(), "property_title",
						to.propertyTitle(), "count", Integer.toString(waiting.size()), "messages",
						quoted + (more > 0 ? "\n\n… and " + more + " more" : ""), "conversation_id",
						digest.conversationId().toString())));
	}

	private void later(Digest digest, Instant at) {
		jobs.runAt(task.getObject()
			.instance(digest.conversationId() + ":" + digest.recipientId() + ":w-" + at.toEpochMilli(), digest), at);
	}
}
