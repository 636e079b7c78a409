package io.staybook.user.graphql;

import io.staybook.user.AccountRecovery;
import io.staybook.user.web.UserRequests;
import jakarta.validation.Valid;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * E-mail verification and password reset over GraphQL: the same service calls, rules and throttles as REST
 * ({@code io.staybook.user.web.AccountController}); each mutation answers {@code true} or an error.
 */
@Controller
class AccountGraphQl {

	private final AccountRecovery recovery;

	AccountGraphQl(AccountRecovery recovery) {
		this.recovery = recovery;
	}

	@MutationMapping
	boolean verifyEmail(@Arguments @Valid UserRequests.VerifyEmail input,
			@ContextValue(name = ClientAddress.KEY, required = false) String clientAddress) {
		recovery.verifyEmail(input.token(), clientAddress);
		return true;
	}

	@MutationMapping
	boolean requestPasswordReset(@Arguments @Valid UserRequests.PasswordReset input,
			@ContextValue(name = ClientAddress.KEY, required = false) String clientAddress) {
		recovery.requestPasswordReset(input.email(), clientAddress);
		return true;
	}

	@MutationMapping
	boolean confirmPasswordReset(@Arguments @Valid UserRequests.PasswordResetConfirm input,
			@ContextValue(name = ClientAddress.KEY, required = false) String clientAddress) {
		recovery.confirmPasswordReset(input.token(), input.password(), clientAddress);
		return true;
	}
}
