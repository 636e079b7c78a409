package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.PrivatePostgres;
import io.staybook.test.TestSupportConfig;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo photos on a database of their own (the shared one has photos, so the demo would load none): drawn and
 * stored as an upload stores its images, before the transaction that inserts their rows (no connection held across
 * the store's calls, and {@code MediaObjects.claim} refuses to run in one), every demo listing gets its
 * {@value PhotoDemoData#PER_LISTING} photos, counted in the media register and served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "staybook.demo-data.enabled=true")
@ActiveProfiles("test")
@Import(TestSupportConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PhotoDemoDataIntegrationTests {

	private static PrivatePostgres postgres;

	@Autowired
	Api api;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void privateServer(DynamicPropertyRegistry registry) throws Exception {
		postgres = PrivatePostgres.startFor(registry);
		String media = Files.createTempDirectory("staybook-demo-media-").toString();
		registry.add("staybook.media.dir", () -> media);
	}

	@AfterAll
	static void stopServer() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void everyDemoListingHasItsPhotosStoredAndServed() {
		int listings = jdbc.queryForObject("select count(*) from properties where deleted_at is null", Integer.class);
		assertThat(listings).isPositive();
		assertThat(jdbc.queryForObject("select count(*) from property_photos", Integer.class))
			.isEqualTo(listings * PhotoDemoData.PER_LISTING);
		assertThat(jdbc.queryForObject("select count(*) from media_objects where photos = 0", Integer.class))
			.as("every drawn image is used").isZero();
		List<String> keys = jdbc.queryForList("select key from media_objects", String.class);
		assertThat(keys).isNotEmpty();
		keys.forEach(key -> assertThat(api.get("/media/" + key).send().status()).as(key).isEqualTo(200));
	}
}
