package io.staybook.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider {@code sandbox} (default, offline) or {@code stripe}
 * @param webhookSecret the HMAC secret of {@code Staybook-Signature} on sandbox webhooks; from the environment only.
 * Without it, sandbox webhooks are refused.
 */
@ConfigurationProperties("staybook.payments")
public record PaymentSettings(@DefaultValue("sandbox") String provider, String webhookSecret) {
}
