package io.staybook.property;

import static io.staybook.property.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V29: the cover's keys on the listing's row are those of its gallery's first photo after every statement that changes
 * the gallery, whoever writes it (the API, an operator's SQL, a reorder in several statements), so that readers need
 * not join {@code property_photos}.
 */
@IntegrationTest
class ListingCoverIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	TestUser host;

	UUID id;

	@BeforeEach
	void listing() {
		host = accounts.host();
		id = UUID.fromString(Listings.id(listings.create(host)));
	}

	@Test
	void theCoverFollowsTheGalleryThroughInsertsMovesAndDeletes() {
		assertThat(cover()).isNull();
		String first = photo(1);
		assertThat(cover()).isEqualTo(first);
		String second = photo(2);
		assertThat(cover()).as("a second photo goes after the first").isEqualTo(first);

		// a reorder in two statements of one transaction, as the deferrable unique position allows
		transactions.executeWithoutResult(status -> {
			jdbc.execute("set constraints property_photos_position_unique deferred");
			jdbc.update("update property_photos set position = 1 where original_key = ? and property_id = ?", first, id);
			jdbc.update("update property_photos set position = 0 where original_key = ? and property_id = ?", second, id);
		});
		assertThat(cover()).isEqualTo(second);

		jdbc.update("delete from property_photos where original_key = ? and property_id = ?", second, id);
		assertThat(cover()).as("the cover deleted: the next photo, even before positions close up").isEqualTo(first);
		jdbc.update("delete from property_photos where property_id = ?", id);
		assertThat(cover()).isNull();
		assertThat(jdbc.queryForObject("select cover_thumbnail_key is null and cover_medium_key is null"
				+ " and cover_large_key is null from properties where id = ?", Boolean.class, id)).isTrue();
	}

	@Test
	void aChangeOfTheCoverIsANewVersionAndAChangeElsewhereInTheGalleryIsNotAnotherWrite() {
		String first = photo(1);
		long version = version();
		jdbc.update("update property_photos set caption = 'The view' where original_key = ? and property_id = ?", first,
				id);
		assertThat(version()).as("the cover's keys did not change: the listing's row is not written").isEqualTo(version);
		jdbc.update("delete from property_photos where property_id = ?", id);
		assertThat(version()).isGreaterThan(version);
	}

	@Test
	void aCoverIsFourVariantsOrNone() {
		assertThatThrownBy(() -> jdbc.update("update properties set cover_original_key = 'x' where id = ?", id))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("properties_cover_whole");
	}

	/** Uploads a photo through the API and answers its original's key. */
	private String photo(int seed) {
		Api.Response uploaded = upload(api, host, id.toString(), TestImages.jpeg(640, 480, seed), "image/jpeg", null);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		return jdbc.queryForObject("select original_key from property_photos where id = ?", String.class,
				UUID.fromString(uploaded.body().path("id").asString()));
	}

	private String cover() {
		Map<String, Object> row = jdbc.queryForMap("select cover_original_key from properties where id = ?", id);
		return (String) row.get("cover_original_key");
	}

	private long version() {
		return jdbc.queryForObject("select version from properties where id = ?", Long.class, id);
	}
}
