package io.staybook.media;

import io.staybook.shared.health.BoundedHealth;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link MediaStore}, chosen at start from {@link MediaSettings#store()} inside a bean that always exists (no
 * condition), so that the AOT-processed jar makes the same choice (shared.aot.AotSettings); and its {@code media}
 * health component, {@value BoundedHealth#DEGRADED} (200) when the store fails or does not answer within 2 s: photos
 * cannot be added or read then, every other request works, so admins see it and a load balancer keeps the node.
 */
@Configuration(proxyBeanMethods = false)
class MediaConfig {

	/** How long the health endpoint waits for the store. */
	static final Duration HEALTH_DEADLINE = Duration.ofSeconds(2);

	@Bean
	MediaStore mediaStore(MediaSettings settings) {
		return switch (settings.store()) {
			case FILESYSTEM -> new FileSystemMediaStore(settings.dir());
			case S3 -> S3MediaStore.of(settings.s3());
		};
	}

	@Bean
	InitializingBean mediaHealthRegistration(MediaStore store, MediaSettings settings,
			ObjectProvider<HealthContributorRegistry> health) {
		Map<String, Object> details = Map.of("store", settings.store().name().toLowerCase(java.util.Locale.ROOT));
		return () -> health.ifAvailable(registry -> registry.registerContributor("media",
				new BoundedHealth(HEALTH_DEADLINE, () -> {
					store.check();
					return details;
				})));
	}
}
