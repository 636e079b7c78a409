package io.staybook.shared.web;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.shared.validation.Characters;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The API's one rule for text over REST ({@link Characters#fault}): a single-line field (a name, a title, an address,
 * a city, a wishlist's name, a caption, a query parameter) takes no control character of Unicode's category Cc, tab,
 * line feed and carriage return included; a multi-line one (a listing's description, a message's body) takes those
 * three and no other; a password takes anything but NUL. A refusal is a 400 {@code validation_failed} naming the field,
 * and nothing is stored; the database refuses what gets past the service (V57). The service stored BEL, ESC, DEL and
 * the C1 controls in every text before.
 */
@IntegrationTest
class ControlCharactersIntegrationTests {

	/** BEL, an ANSI escape sequence (clear the screen), backspace, DEL, the C1 controls NEL and CSI, U+FFFE. */
	static final List<String> CONTROLS = List.of("a\u0007b", "a\u001b[2Jb", "a\u0008b", "a\u007fb", "a\u0085b",
			"a\u009b31mb", "a\ufffeb");

	static final List<String> LINE_BREAKS = List.of("a\nb", "a\rb", "a\tb", "a\r\nb");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aControlCharacterOrALineBreakInASingleLineFieldIsA400NamingItAndStoresNothing() {
		Accounts.TestUser host = accounts.host();
		for (String bad : concat(CONTROLS, LINE_BREAKS)) {
			String email = Accounts.uniqueEmail("controls");
			refused(api.post("/api/v1/users", Map.of("first_name", bad, "last_name", "B", "email", email, "password",
					Accounts.PASSWORD)).send(), "first_name", bad);
			assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email))
				.isZero();
			refused(api.patch("/api/v1/users/me", Map.of("last_name", bad)).as(host).send(), "last_name", bad);
			for (String field : List.of("title", "address", "city", "country")) {
				String city = Listings.uniqueCity();
				Map<String, String> body = field.equals("city") ? Map.of(field, bad) : Map.of(field, bad, "city", city);
				refused(listings.post(host, body), field, bad);
				assertThat(jdbc.queryForObject("select count(*) from properties where city = ?", Integer.class, city))
					.isZero();
			}
			refused(api.post("/api/v1/wishlists", Map.of("name", bad)).as(host).send(), "name", bad);
		}
		assertThat(api.get("/api/v1/users/me").as(host).send().body().path("last_name").asString()).isEqualTo("host");
		assertThat(jdbc.queryForObject("select count(*) from wishlists where user_id = ?", Integer.class, host.id()))
			.isZero();
	}

	@Test
	void aControlCharacterOrALineBreakInAQueryParameterIsA400NamingIt() {
		for (String bad : List.of("%07", "%1B%5B2J", "%7F", "%C2%85", "%0A", "%0D", "%09")) {
			assertFieldErrors(api.get("/api/v1/properties?city=a" + bad + "b").send(), "city");
			assertFieldErrors(api.get("/api/v1/properties?q=sea" + bad + "view").send(), "q");
			assertFieldErrors(api.get("/api/v1/reviews?cursor=" + bad).send(), "cursor");
		}
		assertThat(api.get("/api/v1/properties?q=sea%20view").send().status()).isEqualTo(200);
	}

	@Test
	void aMultiLineFieldTakesTabsAndLineBreaksButNoOtherControlCharacter() {
		Accounts.TestUser host = accounts.host();
		String paragraphs = "Two rooms.\r\n\r\nBig windows,\tquiet street.\nFive minutes from the station.";
		JsonNode listing = listings.create(host, Map.of("description", paragraphs));
		assertThat(listing.path("description").asString()).isEqualTo(paragraphs);
		String id = Listings.id(listing);
		assertThat(jdbc.queryForObject("select description from properties where id = ?::uuid", String.class, id))
			.isEqualTo(paragraphs);

		Accounts.TestUser guest = accounts.guest();
		Api.Response opened = api.post("/api/v1/conversations", Map.of("property_id", id, "body", "Hello!\n\tAnna"))
			.as(guest)
			.send();
		assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

		for (String bad : CONTROLS) {
			refused(api.patch("/api/v1/properties/" + id, Map.of("description", bad)).as(host).send(), "description",
					bad);
			refused(api.post("/api/v1/conversations", Map.of("property_id", id, "body", bad)).as(guest).send(), "body",
					bad);
		}
		assertThat(jdbc.queryForObject("select description from properties where id = ?::uuid", String.class, id))
			.isEqualTo(paragraphs);
		assertThat(jdbc.queryForObject("select count(*) from messages where sender_id = ?", Integer.class, guest.id()))
			.isEqualTo(1);
	}

	/** NIST SP 800-63B §5.1.1.2: a password is only hashed, so any characters but NUL are taken, as before. */
	@Test
	void aPasswordTakesControlCharactersButNoNul() {
		String email = Accounts.uniqueEmail("secret");
		String password = "bell\u0007 tab\t escape\u001b";
		Api.Response registered = api.post("/api/v1/users", Map.of("first_name", "Ada", "last_name", "L", "email",
				email, "password", password)).send();
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		assertThat(accounts.login(email, password).accessToken()).isNotBlank();
		assertFieldErrors(api.post("/api/v1/auth/token", Map.of("email", email, "password", "a\u0000b")).send(),
				"password");
	}

	/** A caption comes in a multipart part, which no JSON rule reads. */
	@Test
	void aPhotoCaptionIsOneLine() {
		Accounts.TestUser host = accounts.host();
		String id = Listings.id(listings.create(host));
		for (String bad : List.of("a\u0007b", "a\u001b[2Jb", "a\nb", "a\tb")) {
			refused(Uploads.upload(api, host, id, TestImages.jpeg(640, 480, 1), "image/jpeg", bad), "caption", bad);
		}
		assertThat(jdbc.queryForObject("select count(*) from property_photos where property_id = ?::uuid",
				Integer.class, id))
			.isZero();
	}

	/** V57: what gets past the service (an operator's SQL, a future endpoint) is refused by the columns' checks. */
	@Test
	void theDatabaseRefusesAControlCharacterWrittenPastTheService() {
		Accounts.TestUser host = accounts.host();
		String id = Listings.id(listings.create(host));
		assertThatThrownBy(() -> jdbc.update("update users set first_name = 'A' || chr(7) where id = ?", host.id()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("users_first_name_no_controls");
		assertThatThrownBy(() -> jdbc.update("update users set last_name = E'A\\nB' where id = ?", host.id()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("users_last_name_no_controls");
		assertThatThrownBy(() -> jdbc.update("update properties set title = 'a' || chr(133) where id = ?::uuid", id))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("properties_title_no_controls");
		assertThatThrownBy(
				() -> jdbc.update("update properties set description = 'a' || chr(27) || '[2J' where id = ?::uuid", id))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("properties_description_no_controls");
		assertThatThrownBy(() -> jdbc.update("""
				insert into wishlists (id, user_id, name, created_at, updated_at)
				values (?, ?, 'a' || chr(127), now(), now())""", UUID.randomUUID(), host.id()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("wishlists_name_no_controls");
		// a description holds paragraphs
		assertThat(jdbc.update("update properties set description = E'a\\r\\n\\tb' where id = ?::uuid", id))
			.isEqualTo(1);
	}

	private static void refused(Api.Response response, String field, String bad) {
		JsonNode problem = assertFieldErrors(response, field);
		assertThat(problem.path("code").asString()).as(response.toString()).isEqualTo("validation_failed");
		String message = problem.path("errors").get(0).path("message").asString();
		assertThat(message).as("%s for %s", response, bad.replaceAll("\\p{Cntrl}", "?"))
			.isEqualTo(Characters.fault(bad, false).equals(Characters.HAS_LINE_BREAK) ? Characters.HAS_LINE_BREAK
					: Characters.fault(bad, true));
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}
}
