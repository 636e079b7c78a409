package io.staybook.payment.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param latency how long each sandbox call takes, like a real provider's round trip */
@ConfigurationProperties("staybook.payments.sandbox")
public record SandboxSettings(@DefaultValue("300ms") Duration latency) {
}
