package io.staybook.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail verification, password reset and e-mail change, under {@code staybook.accounts}.
 *
 * @param requireVerifiedEmailToBook true: a guest whose address is not verified may not book (403
 *        {@code email_not_verified}); false (default): anyone signed in may
 * @param verificationTtl how long the token mailed at registration stays valid (default 48 hours)
 * @param passwordResetTtl how long a password reset token stays valid (the contract: 30 minutes)
 * @param emailChangeTtl how long the token mailed to a new address stays valid (default 24 hours)
 */
@ConfigurationProperties("staybook.accounts")
public record AccountSettings(@DefaultValue("false") boolean requireVerifiedEmailToBook,
		@DefaultValue("48h") Duration verificationTtl, @DefaultValue("30m") Duration passwordResetTtl,
		@DefaultValue("24h") Duration emailChangeTtl) {

	/** @throws IllegalArgumentException for a token lifetime that is not positive */
	public AccountSettings {
		for (Duration ttl : new Duration[] { verificationTtl, passwordResetTtl, emailChangeTtl }) {
			if (!ttl.isPositive()) {
				throw new IllegalArgumentException("staybook.accounts token lifetimes must be positive, got " + ttl);
			}
		}
	}
}
