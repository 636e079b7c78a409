package io.staybook.ical;

import io.staybook.property.ImportedCalendar;
import io.staybook.property.PropertyService;
import io.staybook.shared.DomainException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync of one import: the feed is fetched and read outside any transaction (up to the fetch timeout), then, in one
 * short transaction with the listing's and the import's rows locked, its events are applied to the calendar
 * ({@link ImportedCalendar#apply}) and the outcome recorded. A feed that cannot be fetched or read changes no block and
 * leaves its reason in {@code last_error}: a platform's outage must not reopen the dates it holds. An import whose
 * listing was delisted is removed.
 */
@Component
class IcalSync {

	private static final Logger log = LoggerFactory.getLogger(IcalSync.class);

	private final IcalImports imports;

	private final ImportedCalendar calendar;

	private final PropertyService properties;

	private final FeedFetcher fetcher;

	private final IcalSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IcalSync(IcalImports imports, ImportedCalendar calendar, PropertyService properties, FeedFetcher fetcher,
			IcalSettings settings, TransactionTemplate transactions, Clock clock) {
		this.imports = imports;
		this.calendar = calendar;
		this.properties = properties;
		this.fetcher = fetcher;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Syncs each import in turn (the sweep's batch). One whose sync fails unexpectedly (a fault of ours or the
	 * database's, not a bad feed, which {@link #sync} records itself) is logged and told in its {@code last_error}, and
	 * the others still sync: an exception ended the batch, so the imports claimed after it, other hosts' among them,
	 * waited a whole sync interval for nothing.
	 */
	void syncEach(List<UUID> importIds) {
		for (UUID id : importIds) {
			try {
				sync(id);
			}
			catch (RuntimeException ex) {
				log.warn("Calendar import {} could not be synced", id, ex);
				try {
					transactions.executeWithoutResult(tx -> imports.failed(id, UNEXPECTED));
				}
				catch (RuntimeException again) {
					log.warn("Calendar import {}: its failure could not be recorded", id, again);
				}
			}
		}
	}

	static final String UNEXPECTED = "The feed could not be synced; it is tried again at its next turn.";

	/** Syncs the import now; an import that no longer exists is nothing to do. Never throws for a bad feed. */
	void sync(UUID importId) {
		var found = imports.find(importId);
		if (found.isEmpty()) {
			return;
		}
		IcalImport feed = found.get();
		ZoneId zone;
		try {
			zone = properties.view(feed.propertyId()).zone();
		}
		catch (DomainException ex) {
			transactions.executeWithoutResult(tx -> imports.delete(feed.propertyId(), importId));
			return;
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		FeedParser.Parsed parsed;
		try {
			parsed = FeedParser.parse(fetcher.fetch(feed.url()), zone, today, settings.horizon().toDays());
		}
		catch (FeedFetcher.FetchFailed | FeedParser.Unreadable ex) {
			log.info("Calendar import {} not synced: {}", importId, ex.getMessage());
			transactions.executeWithoutResult(tx -> imports.failed(importId, ex.getMessage()));
			return;
		}
		transactions.executeWithoutResult(tx -> {
			if (calendar.lockListed(feed.propertyId()).isEmpty() || !imports.lock(importId)) {
				return;
			}
			var applied = calendar.apply(feed.propertyId(), importId, parsed.events());
			String warning = parsed.skipped() == 0 ? null
					: parsed.skipped() + " events of the feed could not be read and were skipped.";
			imports.synced(importId, clock.instant(), warning, applied.conflicts());
			log.info("Calendar import {} synced: {} blocks created, {} moved, {} removed, {} conflicts", importId,
					applied.created(), applied.moved(), applied.removed(), applied.conflicts().size());
		});
	}
}
