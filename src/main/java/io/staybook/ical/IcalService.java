package io.staybook.ical;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.property.ImportedCalendar;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyView;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.Ids;
import io.staybook.shared.jobs.Jobs;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendar sync for REST and GraphQL alike: the listing's secret export URL and its calendar in iCalendar, and the
 * external calendars it imports. Everything but the export itself is for the listing's host alone (401 without a
 * token, 404 for no such listing, 403 {@code not_your_listing} for anyone else, admins included, as for blocks).
 */
@Service
public class IcalService {

	/** How far back the export reaches: stays that ended recently stay visible to platforms that show history. */
	static final int EXPORT_PAST_DAYS = 30;

	/** The most spans one export holds. */
	static final int EXPORT_MAX_SPANS = 5000;

	private final ImportedCalendar calendar;

	private final PropertyService properties;

	private final IcalExports exports;

	private final IcalImports imports;

	private final ExportSecrets secrets;

	private final FeedUrls urls;

	private final IcalSettings settings;

	private final ObjectProvider<Jobs> jobs;

	private final OneTimeTask<UUID> firstSync;

	private final Clock clock;

	IcalService(ImportedCalendar calendar, PropertyService properties, IcalExports exports, IcalImports imports,
			ExportSecrets secrets, FeedUrls urls, IcalSettings settings, ObjectProvider<Jobs> jobs,
			OneTimeTask<UUID> icalFirstSyncTask, Clock clock) {
		this.calendar = calendar;
		this.properties = properties;
		this.exports = exports;
		this.imports = imports;
		this.secrets = secrets;
		this.urls = urls;
		this.settings = settings;
		this.jobs = jobs;
		this.firstSync = icalFirstSyncTask;
		this.clock = clock;
	}

	/**
	 * The listing's export URL, made on first use: {@code <base>/api/v1/properties/{id}/calendar.ics?token=<secret>},
	 * the base being {@code staybook.ical.public-base-url} or else {@code requestBase} (the caller's scheme, host and
	 * port).
	 */
	@Transactional
	public String exportUrl(Actor actor, UUID propertyId, String requestBase) {
		calendar.requireHost(actor, propertyId);
		var stored = exports.find(propertyId);
		if (stored.isEmpty()) {
			byte[] nonce = ExportSecrets.newNonce();
			exports.create(propertyId, nonce, ExportSecrets.hash(secrets.token(propertyId, nonce)), clock.instant());
			stored = exports.find(propertyId);
		}
		String token = secrets.token(propertyId, stored.get().nonce());
		if (!ExportSecrets.matches(token, stored.get().tokenHash())) {
			exports.rehash(propertyId, ExportSecrets.hash(token));
		}
		return url(propertyId, token, requestBase);
	}

	/** A new secret: the URL given before answers 404 from now on. Returns the new URL. */
	@Transactional
	public String rotate(Actor actor, UUID propertyId, String requestBase) {
		calendar.requireHost(actor, propertyId);
		byte[] nonce = ExportSecrets.newNonce();
		String token = secrets.token(propertyId, nonce);
		exports.put(propertyId, nonce, ExportSecrets.hash(token), clock.instant());
		return url(propertyId, token, requestBase);
	}

	/**
	 * The listing's calendar as RFC 5545 text ({@link ExportCalendar}) for whoever holds its secret: every booking that
	 * holds nights and every block of the host's own, from 30 days ago on. Imported blocks are left out (see
	 * {@link ImportedCalendar#exported}).
	 *
	 * @throws DomainException 404 for a wrong or missing token, or no such listing: the same answer, so that the URL
	 * tells nothing without its secret
	 */
	@Transactional(readOnly = true)
	public String calendar(UUID propertyId, String token) {
		var stored = exports.find(propertyId);
		if (stored.isEmpty() || !ExportSecrets.matches(token, stored.get().tokenHash())) {
			throw DomainException.notFound("Calendar");
		}
		PropertyView listing = properties.view(propertyId);
		LocalDate from = LocalDate.ofInstant(clock.instant(), listing.zone()).minusDays(EXPORT_PAST_DAYS);
		return ExportCalendar.write(listing.title(), calendar.exported(propertyId, from, EXPORT_MAX_SPANS),
				clock.instant());
	}

	/**
	 * Checks a feed URL for {@link #createImport}, outside any transaction: call it before the import's transaction
	 * (and before an idempotent request's), so that a stalled name server delays this request alone, never the
	 * listing's row lock or a pooled connection. Refusals come out of {@link #createImport}: a scheme other than http(s), a name
	 * that does not resolve, or one resolving to a refused address ({@link FeedUrls}).
	 */
	public ImportUrl vet(String url) {
		return urls.vet(url);
	}

	/**
	 * Imports the calendar at {@code url} (checked by {@link #vet}) into the listing, then synced right after the
	 * commit and every sync interval after.
	 *
	 * @throws DomainException 400 {@code validation_failed} on {@code url} when {@link #vet} refused it, on
	 * {@code name} for a blank one or one over 100 characters; 409 {@code too_many_imports} past
	 * {@link IcalSettings#maxImports()} per listing
	 */
	@Transactional
	public IcalImport createImport(Actor actor, UUID propertyId, ImportUrl url, String name) {
		calendar.requireHost(actor, propertyId);
		new FieldErrors().require(name != null && !name.isBlank() && Characters.count(name.strip()) <= 100, "name",
				"must be 1 to 100 characters").throwIfAny();
		URI checked = url.uri();
		if (imports.count(propertyId) >= settings.maxImports()) {
			throw DomainException.conflict("too_many_imports",
					"A listing imports at most " + settings.maxImports() + " calendars; remove one first.");
		}
		UUID id = Ids.newId();
		imports.insert(id, propertyId, checked.toString(), name.strip(), actor.id(), clock.instant());
		jobs.getObject().runNewAfterCommit(firstSync.instance(id.toString(), id));
		return imports.find(id).orElseThrow();
	}

	/** The listing's imports, newest first, cursor-paged, each with its latest sync's outcome and conflicts. */
	@Transactional
	public Page<IcalImport> imports(Actor actor, UUID propertyId, PageRequest page) {
		calendar.requireHost(actor, propertyId);
		List<IcalImport> rows = imports.page(propertyId, page.afterId(), page.fetchSize());
		return Page.of(rows, page.limit(), row -> Cursors.encode(row.id()));
	}

	/**
	 * Removes an import and, by the foreign key's cascade, every block it holds (the host's own blocks stay).
	 * @throws DomainException 404 for an import that is not the listing's
	 */
	@Transactional
	public void deleteImport(Actor actor, UUID propertyId, UUID importId) {
		calendar.requireHost(actor, propertyId);
		if (!imports.delete(propertyId, importId)) {
			throw DomainException.notFound("Calendar import");
		}
	}

	private String url(UUID propertyId, String token, String requestBase) {
		String base = settings.publicBaseUrl() == null || settings.publicBaseUrl().isBlank() ? requestBase
				: settings.publicBaseUrl();
		base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return base + "/api/v1/properties/" + propertyId + "/calendar.ics?token=" + token;
	}
}
