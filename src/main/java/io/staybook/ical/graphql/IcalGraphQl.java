package io.staybook.ical.graphql;

import graphql.execution.DataFetcherResult;
import io.staybook.ical.IcalImport;
import io.staybook.ical.IcalService;
import io.staybook.ical.ImportUrl;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.security.Actor;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** Calendar sync over GraphQL: the same service calls, and rules, as the REST endpoints. */
@Controller
class IcalGraphQl {

	private final IcalService ical;

	private final Idempotent idempotent;

	IcalGraphQl(IcalService ical, Idempotent idempotent) {
		this.ical = ical;
		this.idempotent = idempotent;
	}

	record IcalExport(String exportUrl) {
	}

	record CreateIcalImportInput(String url, String name) {
	}

	/** What identifies a creation (the same as REST's): the same input for another listing is another request. */
	record ImportRequest(UUID propertyId, CreateIcalImportInput input) {
	}

	@QueryMapping
	IcalExport icalExport(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@ContextValue(name = RequestBase.KEY) String base) {
		return new IcalExport(ical.exportUrl(actor, propertyId, base));
	}

	@QueryMapping
	Connection<IcalImport> icalImports(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@Argument Integer first, @Argument String after) {
		var page = Connections.page(first, after);
		return Connections.of(ical.imports(actor, propertyId, page), page);
	}

	@MutationMapping
	IcalExport rotateIcalSecret(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@ContextValue(name = RequestBase.KEY) String base) {
		return new IcalExport(ical.rotate(actor, propertyId, base));
	}

	@MutationMapping
	DataFetcherResult<IcalImport> createIcalImport(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@Argument CreateIcalImportInput input, @Argument String idempotencyKey) {
		Actor host = Actor.required(actor);
		ImportUrl url = ical.vet(input.url());
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(host.id()), idempotencyKey,
				new ImportRequest(propertyId, input), IcalImport.class,
				() -> ical.createImport(host, propertyId, url, input.name())));
	}

	@MutationMapping
	boolean deleteIcalImport(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@Argument UUID importId) {
		ical.deleteImport(actor, propertyId, importId);
		return true;
	}
}
