package io.staybook.notification;

import io.staybook.shared.health.BoundedHealth;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The {@code mail} health component, in place of Spring Boot's ({@code management.health.mail.enabled: false}), when
 * SMTP is configured: a connection to the SMTP server answered within {@link #DEADLINE}, {@value BoundedHealth#DEGRADED}
 * (200) when it fails or does not answer. Spring Boot's waited for the server without end (JavaMail has no timeout by
 * default), so one stalled SMTP server hung {@code /actuator/health}; and its DOWN made the whole node 503, though every
 * request works without SMTP: mail is sent by jobs that wait out the outage ({@link MailJob}).
 */
@Configuration(proxyBeanMethods = false)
class MailHealth {

	/** How long the health endpoint waits for the SMTP server's greeting. */
	static final Duration DEADLINE = Duration.ofSeconds(2);

	/** Registered when the context starts, not by a bean condition, which an AOT-processed jar would fix at build. */
	@Bean
	InitializingBean mailHealthRegistration(ObjectProvider<JavaMailSender> senders,
			ObjectProvider<HealthContributorRegistry> health) {
		return () -> {
			if (senders.getIfAvailable() instanceof JavaMailSenderImpl smtp) {
				health.ifAvailable(registry -> registry.registerContributor("mail", new BoundedHealth(DEADLINE, () -> {
					smtp.testConnection();
					return Map.of("location", smtp.getHost() + ":" + smtp.getPort());
				})));
			}
		};
	}
}
