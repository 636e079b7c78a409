package io.staybook.reconciliation;

import io.staybook.shared.DomainException;
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

/** The reconciliation's last report, for admins. */
@RestController
@Tag(name = "Administration")
class ReconciliationController {

	private final Reconciliation reconciliation;

	ReconciliationController(Reconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	@GetMapping("/api/v1/admin/reconciliation")
	@Operation(operationId = "getReconciliation",
			summary = "The money reconciliation (admins only): every broken money invariant, with the records involved",
			description = "Admins only; anyone else gets 403 `admin_only`. The report of the last run of the recurring"
					+ " check (every `staybook.reconciliation.interval`, 15 minutes by default), or of a run made now"
					+ " with `refresh=true` or when none has run yet. Each discrepancy names its `kind` (the README's"
					+ " \"Money invariants\", R1–R8), the booking, payment and refund involved where there is one,"
					+ " and what was `expected` against what is (`actual`): amounts as decimal strings, or statuses."
					+ " At most 1000 of each kind.")
	@ApiResponse(responseCode = "200", description = "The report; an empty `discrepancies` when all holds")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	ReconciliationReport report(@AuthenticationPrincipal Actor actor, @Parameter(
			description = "true: check now (may take seconds: the provider is asked about recent payments)") @RequestParam(
					defaultValue = "false") boolean refresh) {
		if (!actor.isAdmin()) {
			throw DomainException.forbidden("admin_only", "Only admins may see the reconciliation.");
		}
		return refresh ? reconciliation.run() : reconciliation.latest().orElseGet(reconciliation::run);
	}
}
