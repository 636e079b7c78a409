package io.staybook.notification.web;

import io.staybook.notification.MailInbox;
import io.staybook.notification.MailInbox.CaughtMail;
import io.staybook.shared.DomainException;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The development mail catcher's mails ({@link MailInbox}), for admins. */
@RestController
@Tag(name = "Administration")
class MailInboxController {

	private final MailInbox inbox;

	MailInboxController(MailInbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/api/v1/admin/mail")
	@Operation(operationId = "listCaughtMail", summary = "Mails caught on a run without SMTP (admins only), newest first",
			description = "Admins only; anyone else gets 403 `admin_only`. On the zero-setup run (embedded database,"
					+ " demo data, no `spring.mail.host`) every mail the service sends is kept as an `.eml` file in"
					+ " `.staybook/mail` and listed here, with its plain-text and HTML bodies, in which every mailed token"
					+ " (verification, password reset, e-mail change) reads `[hidden]`: the demo admin's password is"
					+ " public, so the tokens are only in the `.eml` files. With SMTP configured (`spring.mail.host`), or"
					+ " `staybook.mail.inbox.enabled=false`,"
					+ " this is a 404 `not_found`. `to` narrows the list to one recipient (any letter case)."
					+ ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of caught mails")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Page<CaughtMail> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "only mails to this address") @RequestParam(required = false) String to,
			@Parameter(description = "page size, 1 to 100") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		if (!Actor.required(actor).isAdmin()) {
			throw DomainException.forbidden("admin_only", "Only admins may read caught mail.");
		}
		if (!inbox.enabled()) {
			throw DomainException.notFound("Mail inbox");
		}
		return inbox.list(to, PageRequest.of(limit, cursor));
	}
}
