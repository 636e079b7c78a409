package io.staybook.media;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link MediaStore}, chosen at start from {@link MediaSettings#store()} inside a bean that always exists (no
 * condition), so that the AOT-processed jar makes the same choice (shared.aot.AotSettings).
 */
@Configuration(proxyBeanMethods = false)
class MediaConfig {

	@Bean
	MediaStore mediaStore(MediaSettings settings) {
		return switch (settings.store()) {
			case FILESYSTEM -> new FileSystemMediaStore(settings.dir());
			case S3 -> S3MediaStore.of(settings.s3());
		};
	}
}
