package io.staybook.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.staybook.shared.jobs.JobDataSerializer;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.staybook.booking.BookingService;
import io.staybook.review.Stays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.DeletionRace;
import io.staybook.test.HeldRowRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The contract's "Reviews, two-way and double-blind" over HTTP: hosts review guests, sub-ratings and the listing's
 * per-category averages, double-blind publication from each side before and after (the other side reviewing, or the
 * window closing and the publication sweep, called here as its recurring job calls it), host responses, and the
 * listing's cached detail following every publication.
 */
@IntegrationTest
class TwoWayReviewIntegrationTests {

	@Autowired
	Api api;

	/** How the application stores job data: a node of its own must read and write rows the same way. */
	@Autowired
	JobDataSerializer jobDataSerializer;

	@Autowired
	Accounts accounts;

	@Autowired
	BookingService bookingService;

	@Autowired
	MutableClock clock;

	@Autowired
	ReviewSweep sweep;

	@Autowired
	RecurringTask<Void> publishReviewsTask;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	Stays stays;

	@BeforeEach
	void setUp() {
		stays = new Stays(api, accounts, bookingService, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	// double-blind: the other side reviews

	@Test
	void aReviewIsSeenByItsAuthorAloneUntilTheOtherSideReviewsThenBothArePublished() {
		Stay stay = stays.completed();
		TestUser stranger = accounts.guest();
		String etagBefore = listingEtag(stay);

		var guestReview = post(stay.guest(), withSubRatings(stay.bookingId(), 4, "Lovely flat.", 5, 4, 3, 5, 4, 4));
		assertThat(guestReview.status()).as(guestReview.toString()).isEqualTo(201);
		JsonNode mine = guestReview.body();
		String guestPath = "/api/v1/reviews/" + mine.path("id").asString();
		assertThat(mine.path("subject").asString()).isEqualTo("property");
		assertThat(mine.path("guest_id").isNull()).isTrue();
		assertThat(mine.path("published_at").isNull()).isTrue();
		assertThat(mine.path("cleanliness").asInt()).isEqualTo(5);
		assertThat(mine.path("check_in").asInt()).isEqualTo(3);
		assertThat(mine.path("response").isNull()).isTrue();

		// before: its author sees it, nobody else (the host, another user, an admin, anonymous), in no list or average
		assertThat(api.get(guestPath).as(stay.guest()).send().status()).isEqualTo(200);
		for (TestUser other : List.of(stay.host(), stranger, accounts.admin())) {
			assertThat(api.get(guestPath).as(other).send().status()).as("seen by " + other.email()).isEqualTo(404);
		}
		assertThat(api.get(guestPath).send().status()).isEqualTo(404);
		assertThat(api.patch(guestPath, Map.of("rating", 1)).as(stay.host()).send().status()).isEqualTo(404);
		assertThat(api.delete(guestPath).as(accounts.admin()).send().status()).isEqualTo(404);
		assertThat(ids(list("?property_id=" + stay.propertyId(), null))).isEmpty();
		assertThat(ids(list("?author_id=" + stay.guest().id(), stranger))).isEmpty();
		// the author's own list shows it
		assertThat(ids(list("?author_id=" + stay.guest().id(), stay.guest()))).containsExactly(mine.path("id").asString());
		JsonNode listing = listing(stay);
		assertThat(listing.path("review_count").asInt()).isZero();
		assertThat(listing.path("rating_average").isNull()).isTrue();
		assertThat(listing.path("ratings").path("cleanliness").isNull()).isTrue();
		assertThat(listingEtag(stay)).isEqualTo(etagBefore);
		// the author may still edit it
		var edited = api.patch(guestPath, Map.of("rating", 5, "location", 5)).as(stay.guest()).send();
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.body().path("location").asInt()).isEqualTo(5);
		assertThat(edited.body().path("cleanliness").asInt()).isEqualTo(5);

		// the host reviews the guest: both published in that transaction
		var hostReview = post(stay.host(), body(stay.bookingId(), 3, "Left the kitchen untidy."));
		assertThat(hostReview.status()).as(hostReview.toString()).isEqualTo(201);
		JsonNode theirs = hostReview.body();
		String hostPath = "/api/v1/reviews/" + theirs.path("id").asString();
		assertThat(theirs.path("subject").asString()).isEqualTo("guest");
		assertThat(theirs.path("guest_id").asString()).isEqualTo(stay.guest().id().toString());
		assertThat(theirs.path("author_id").asString()).isEqualTo(stay.host().id().toString());
		assertThat(theirs.path("property_id").asString()).isEqualTo(stay.propertyId().toString());
		assertThat(theirs.path("published_at").isNull()).isFalse();
		assertThat(theirs.path("cleanliness").isNull()).isTrue();

		// after: everyone sees both, the listing counts the guest's
		for (TestUser anyone : List.of(stay.host(), stay.guest(), stranger)) {
			assertThat(api.get(guestPath).as(anyone).send().status()).isEqualTo(200);
			assertThat(api.get(hostPath).as(anyone).send().status()).isEqualTo(200);
		}
		JsonNode published = api.get(guestPath).send().body();
		assertThat(published.path("published_at").asString()).isEqualTo(theirs.path("published_at").asString());
		assertThat(ids(list("?property_id=" + stay.propertyId(), null))).containsExactly(published.path("id").asString());
		assertThat(ids(list("?guest_id=" + stay.guest().id(), stranger))).containsExactly(theirs.path("id").asString());
		listing = listing(stay);
		assertThat(listing.path("review_count").asInt()).isEqualTo(1);
		assertThat(listing.path("rating_average").decimalValue()).isEqualByComparingTo("5.00");
		assertThat(listing.path("ratings").path("cleanliness").decimalValue()).isEqualByComparingTo("5");
		assertThat(listing.path("ratings").path("check_in").decimalValue()).isEqualByComparingTo("3");
		assertThat(listing.path("ratings").path("location").decimalValue()).isEqualByComparingTo("5");
		assertThat(listingEtag(stay)).isNotEqualTo(etagBefore);

		// published reviews can no longer be edited, by either side
		var late = api.patch(guestPath, Map.of("rating", 1)).as(stay.guest()).send();
		assertThat(late.status()).as(late.toString()).isEqualTo(409);
		assertThat(late.body().path("code").asString()).isEqualTo("review_published");
		assertThat(api.patch(hostPath, Map.of("comment", "On reflection")).as(stay.host()).send().status())
			.isEqualTo(409);
	}

	@Test
	void whenTheHostReviewsFirstTheGuestsReviewPublishesBoth() {
		Stay stay = stays.completed();
		String hostPath = "/api/v1/reviews/" + post(stay.host(), body(stay.bookingId(), 5, "Ideal guest.")).body()
			.path("id").asString();
		assertThat(api.get(hostPath).as(stay.host()).send().body().path("published_at").isNull()).isTrue();
		assertThat(api.get(hostPath).as(stay.guest()).send().status()).isEqualTo(404);
		assertThat(ids(list("?guest_id=" + stay.guest().id(), stay.guest()))).isEmpty();

		assertThat(post(stay.guest(), body(stay.bookingId(), 4, "Nice.")).status()).isEqualTo(201);

		assertThat(api.get(hostPath).as(stay.guest()).send().status()).isEqualTo(200);
		assertThat(ids(list("?guest_id=" + stay.guest().id(), stay.guest()))).hasSize(1);
		assertThat(listing(stay).path("review_count").asInt()).isEqualTo(1);
	}

	@Test
	void aSideThatDeletesItsPublishedReviewCannotWriteAnotherWithTheOtherSidesInView() {
		Stay stay = stays.completed();
		assertThat(post(stay.host(), body(stay.bookingId(), 1, "Left a mess.")).status()).isEqualTo(201);
		String mine = post(stay.guest(), body(stay.bookingId(), 5, "Great.")).body().path("id").asString();
		assertThat(listing(stay).path("rating_average").decimalValue()).isEqualByComparingTo("5");
		// the guest now reads the host's review, deletes their own and would write it again, in revenge
		assertThat(api.delete("/api/v1/reviews/" + mine).as(stay.guest()).send().status()).isEqualTo(204);
		var again = post(stay.guest(), body(stay.bookingId(), 1, "Revenge."));
		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.body().path("code").asString()).isEqualTo("reviews_published");
		assertThat(listing(stay).path("review_count").asInt()).isZero();
		// the same for the host
		String theirs = ids(list("?guest_id=" + stay.guest().id(), stay.guest())).getFirst();
		assertThat(api.delete("/api/v1/reviews/" + theirs).as(stay.host()).send().status()).isEqualTo(204);
		assertThat(post(stay.host(), body(stay.bookingId(), 5, "Second thoughts.")).status()).isEqualTo(201);
	}

	@Test
	void bothSidesPostingAtOnceBothEndUpPublished() throws Exception {
		for (int round = 0; round < 4; round++) {
			Stay stay = stays.completed();
			List<Api.Response> responses = Concurrently.send(2,
					i -> i == 0 ? post(stay.guest(), body(stay.bookingId(), 4, "Guest side"))
							: post(stay.host(), body(stay.bookingId(), 5, "Host side")));
			assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
			for (Api.Response response : responses) {
				JsonNode seen = api.get("/api/v1/reviews/" + response.body().path("id").asString()).send().body();
				assertThat(seen.path("published_at").isNull()).as("round " + round).isFalse();
			}
			assertThat(listing(stay).path("review_count").asInt()).isEqualTo(1);
		}
	}

	// double-blind: the window closes and the sweep publishes

	@Test
	void whenTheWindowClosesTheSweepPublishesEachSidesLoneReviewAndTheCachedListingFollows() {
		Stay guestOnly = stays.completed();
		Stay hostOnly = stays.completed(guestOnly.listing());
		JsonNode guestReview = post(guestOnly.guest(),
				withSubRatings(guestOnly.bookingId(), 2, "Noisy.", 2, 3, null, null, null, 1)).body();
		JsonNode hostReview = post(hostOnly.host(), body(hostOnly.bookingId(), 4, "Quiet guest.")).body();
		String guestPath = "/api/v1/reviews/" + guestReview.path("id").asString();
		String hostPath = "/api/v1/reviews/" + hostReview.path("id").asString();
		// a read before fills the listing's cache
		String etagBefore = listingEtag(guestOnly);
		assertThat(listing(guestOnly).path("review_count").asInt()).isZero();

		// the last day of the window: still unpublished, and the sweep leaves them
		stays.moveTo(guestOnly.listing(), guestOnly.checkOut().plusDays(ReviewService.WINDOW_DAYS), LocalTime.of(23, 0));
		sweep.sweep();
		assertThat(api.get(guestPath).send().status()).isEqualTo(404);
		assertThat(api.get(hostPath).as(hostOnly.guest()).send().status()).isEqualTo(404);

		// the day after: the window has closed; nobody can review any more, and the sweep publishes both
		stays.moveTo(hostOnly.listing(), hostOnly.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1), LocalTime.of(0, 1));
		var tooLate = post(guestOnly.host(), body(guestOnly.bookingId(), 3, "Late"));
		assertThat(tooLate.status()).as(tooLate.toString()).isEqualTo(403);
		assertThat(tooLate.body().path("code").asString()).isEqualTo("review_window_closed");
		// published from the moment the window closed, whether or not the sweep has run (ReviewWindowClose...Tests)
		assertThat(api.get(guestPath).send().status()).as("published as the window closed").isEqualTo(200);
		assertThat(sweep.sweep()).isGreaterThanOrEqualTo(2);

		JsonNode published = api.get(guestPath).send().body();
		assertThat(published.path("published_at").isNull()).isFalse();
		assertThat(api.get(hostPath).as(hostOnly.guest()).send().status()).isEqualTo(200);
		assertThat(ids(list("?guest_id=" + hostOnly.guest().id(), guestOnly.guest())))
			.containsExactly(hostReview.path("id").asString());
		assertThat(ids(list("?property_id=" + guestOnly.propertyId(), null)))
			.containsExactly(guestReview.path("id").asString());
		// the cached listing was dropped by the job's transaction: no reader gets the old rating
		JsonNode listing = listing(guestOnly);
		assertThat(listing.path("review_count").asInt()).isEqualTo(1);
		assertThat(listing.path("rating_average").decimalValue()).isEqualByComparingTo("2.00");
		assertThat(listing.path("ratings").path("accuracy").decimalValue()).isEqualByComparingTo("3");
		assertThat(listing.path("ratings").path("value").decimalValue()).isEqualByComparingTo("1");
		assertThat(listing.path("ratings").path("check_in").isNull()).isTrue();
		assertThat(listingEtag(guestOnly)).isNotEqualTo(etagBefore);
		// a second sweep has nothing of these left
		sweep.sweep();
		assertThat(listing(guestOnly).path("review_count").asInt()).isEqualTo(1);
	}

	@Test
	void theRecurringJobPublishesAReviewWhoseWindowHasClosed() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay.guest(), body(stay.bookingId(), 3, "Fine")).body().path("id")
			.asString();
		stays.moveTo(stay.listing(), stay.checkOut().plusDays(ReviewService.WINDOW_DAYS + 1), LocalTime.of(1, 0));
		// the job's row may be left from an earlier run with its next run later than the time travelled to
		jdbc.update("update scheduled_tasks set execution_time = ? where task_name = ? and not picked",
				java.sql.Timestamp.from(clock.instant()), ReviewJobs.PUBLISH);
		// a node of its own on the application's database and clock, running only this job
		Scheduler node = Scheduler.create(dataSource, List.of())
			.schedulerName(new SchedulerName.Fixed("review-node"))
			.clock(clock::instant)
			.startTasks(publishReviewsTask)
			.serializer(jobDataSerializer)
			.pollingInterval(Duration.ofMillis(100))
			.threads(1)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
		try {
			node.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> api.get(path).send().status() == 200);
		}
		finally {
			node.stop();
		}
		assertThat(listing(stay).path("review_count").asInt()).isEqualTo(1);
	}

	// sub-ratings and the listing's averages

	@Test
	void theListingAveragesEachSubRatingOverThePublishedReviewsThatGaveItAndFollowsDeletion() {
		Stays.Listing place = stays.listing();
		List<String> paths = new ArrayList<>();
		int[][] given = { { 5, 4 }, { 4, 0 }, { 3, 3 } }; // rating, cleanliness (0: not given)
		for (int[] g : given) {
			Stay stay = stays.completed(place);
			var body = g[1] == 0 ? body(stay.bookingId(), g[0], "v1 client")
					: withSubRatings(stay.bookingId(), g[0], "With categories", g[1], null, null, null, null, null);
			paths.add("/api/v1/reviews/" + post(stay.guest(), body).body().path("id").asString());
			post(stay.host(), body(stay.bookingId(), 5, "Fine guest"));
		}
		JsonNode listing = api.get("/api/v1/properties/" + place.id()).send().body();
		assertThat(listing.path("review_count").asInt()).isEqualTo(3);
		assertThat(listing.path("rating_average").decimalValue()).isEqualByComparingTo("4.00");
		assertThat(listing.path("ratings").path("cleanliness").decimalValue()).isEqualByComparingTo("3.50");
		assertThat(listing.path("ratings").path("accuracy").isNull()).isTrue();

		var deleted = api.delete(paths.get(0)).as(accounts.admin()).send();
		assertThat(deleted.status()).isEqualTo(204);
		listing = api.get("/api/v1/properties/" + place.id()).send().body();
		assertThat(listing.path("review_count").asInt()).isEqualTo(2);
		assertThat(listing.path("rating_average").decimalValue()).isEqualByComparingTo("3.50");
		assertThat(listing.path("ratings").path("cleanliness").decimalValue()).isEqualByComparingTo("3.00");
	}

	@Test
	void deletingAnUnpublishedReviewLeavesTheListingAsItWas() {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay.guest(), body(stay.bookingId(), 1, "Hmm")).body().path("id")
			.asString();
		assertThat(api.delete(path).as(stay.guest()).send().status()).isEqualTo(204);
		assertThat(api.get(path).as(stay.guest()).send().status()).isEqualTo(404);
		assertThat(listing(stay).path("review_count").asInt()).isZero();
	}

	@Test
	void subRatingsOutsideOneToFiveOrOnAReviewOfAGuestAreRefused() {
		Stay stay = stays.completed();
		assertFields(post(stay.guest(), withSubRatings(stay.bookingId(), 4, "x", 0, 6, null, null, null, null)),
				"cleanliness", "accuracy");
		var fraction = new LinkedHashMap<String, Object>(body(stay.bookingId(), 4, "x"));
		fraction.put("value", 4.5);
		assertFields(post(stay.guest(), fraction), "value");
		assertFields(post(stay.host(), withSubRatings(stay.bookingId(), 4, "x", 5, null, null, null, null, null)),
				"cleanliness");
		assertThat(ids(list("?author_id=" + stay.guest().id(), stay.guest()))).isEmpty();
		assertThat(ids(list("?author_id=" + stay.host().id(), stay.host()))).isEmpty();
		// a sub-rating sent as null is not given (v1 clients send none)
		var nulls = new HashMap<String, Object>(body(stay.bookingId(), 4, "x"));
		nulls.put("cleanliness", null);
		assertThat(post(stay.guest(), nulls).status()).isEqualTo(201);
	}

	// the host's review of the guest

	@Test
	void theHostReviewsTheGuestOnceOnlyForACompletedStay() {
		Stay stay = stays.completed();
		assertThat(post(stay.host(), body(stay.bookingId(), 5, "Great")).status()).isEqualTo(201);
		var again = post(stay.host(), body(stay.bookingId(), 4, "Again"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body().path("code").asString()).isEqualTo("already_reviewed");

		Stays.Listing place = stays.listing();
		Stay upcoming = stays.confirmed(place, accounts.guest(), stays.today(place).plusDays(30), 2);
		var early = post(upcoming.host(), body(upcoming.bookingId(), 5, "Too soon"));
		assertThat(early.status()).isEqualTo(403);
		assertThat(early.body().path("code").asString()).isEqualTo("not_completed");
		// someone who is neither side cannot see the booking
		assertThat(post(accounts.host(), body(stay.bookingId(), 5, "Who?")).status()).isEqualTo(404);
	}

	@Test
	void aGuestsReviewsAreListedForSignedInUsersOnly() {
		Stay stay = stays.completed();
		post(stay.host(), body(stay.bookingId(), 5, "Great"));
		post(stay.guest(), body(stay.bookingId(), 5, "Great too"));

		var anonymous = api.get("/api/v1/reviews?guest_id=" + stay.guest().id()).send();
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		JsonNode page = list("?guest_id=" + stay.guest().id(), accounts.guest());
		assertThat(page.path("results").size()).isEqualTo(1);
		assertThat(page.path("results").get(0).path("subject").asString()).isEqualTo("guest");
		assertThat(page.path("next_cursor").isNull()).isTrue();
		assertThat(ids(list("?guest_id=" + UUID.randomUUID(), accounts.guest()))).isEmpty();
		assertThat(api.get("/api/v1/reviews?guest_id=nope").as(accounts.guest()).send().status()).isEqualTo(400);
	}

	@Test
	void aReviewOfAGuestIsShownToSignedInUsersOnlyOnEveryPath() {
		Stay stay = stays.completed();
		String guestReview = post(stay.host(), body(stay.bookingId(), 2, "Noisy after midnight.")).body().path("id")
			.asString();
		String listingReview = post(stay.guest(), body(stay.bookingId(), 5, "Great")).body().path("id").asString();

		// anonymously: not by id, not in any list (REST and GraphQL)
		assertThat(api.get("/api/v1/reviews/" + guestReview).send().status()).isEqualTo(404);
		assertThat(ids(list("?author_id=" + stay.host().id(), null))).isEmpty();
		assertThat(ids(list("?limit=100", null))).doesNotContain(guestReview).contains(listingReview);
		JsonNode one = api.post("/graphql", Map.of("query", "query($id: ID!) { review(id: $id) { comment } }",
				"variables", Map.of("id", guestReview))).send().body();
		assertThat(one.path("data").path("review").isNull()).as(one.toString()).isTrue();
		assertThat(one.path("errors").get(0).path("extensions").path("classification").asString())
			.isEqualTo("NOT_FOUND");
		JsonNode byAuthor = api.post("/graphql", Map.of("query",
				"query($a: ID!) { reviews(authorId: $a) { edges { node { comment } } } }", "variables",
				Map.of("a", stay.host().id().toString()))).send().body();
		assertThat(byAuthor.path("data").path("reviews").path("edges").size()).as(byAuthor.toString()).isZero();

		// signed in: as before
		TestUser anyone = accounts.guest();
		assertThat(api.get("/api/v1/reviews/" + guestReview).as(anyone).send().status()).isEqualTo(200);
		assertThat(ids(list("?author_id=" + stay.host().id(), anyone))).containsExactly(guestReview);
		assertThat(api.get("/api/v1/reviews/" + listingReview).send().status()).isEqualTo(200);
	}

	// the host's response

	@Test
	void theListingsHostRespondsOnceToAPublishedReviewOfTheListing() {
		Stay stay = stays.completed();
		JsonNode guestReview = post(stay.guest(), body(stay.bookingId(), 4, "Good")).body();
		String path = "/api/v1/reviews/" + guestReview.path("id").asString();
		// unpublished: the host cannot see it
		assertThat(respond(stay.host(), path, "Thanks").status()).isEqualTo(404);
		JsonNode hostReview = post(stay.host(), body(stay.bookingId(), 5, "Great")).body();

		assertFields(respond(stay.host(), path, "  "), "body");
		assertFields(respond(stay.host(), path, "x".repeat(1001)), "body");
		var notHost = respond(stay.guest(), path, "Me too");
		assertThat(notHost.status()).isEqualTo(403);
		assertThat(notHost.body().path("code").asString()).isEqualTo("host_only");
		assertThat(respond(accounts.host(), path, "Me too").status()).isEqualTo(403);
		assertThat(api.post(path + "/response", Map.of("body", "Anon")).send().status()).isEqualTo(401);

		var answered = respond(stay.host(), path, " Thank you, come back! ");
		assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
		assertThat(answered.header("Location")).isEqualTo(path);
		assertThat(answered.body().path("response").path("body").asString()).isEqualTo("Thank you, come back!");
		assertThat(answered.body().path("response").path("created_at").asString()).isNotBlank();
		assertThat(api.get(path).send().body().path("response")).isEqualTo(answered.body().path("response"));

		var twice = respond(stay.host(), path, "Again");
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.body().path("code").asString()).isEqualTo("already_responded");
		var ofGuest = respond(stay.host(), "/api/v1/reviews/" + hostReview.path("id").asString(), "Hm");
		assertThat(ofGuest.status()).isEqualTo(409);
		assertThat(ofGuest.body().path("code").asString()).isEqualTo("not_a_listing_review");
		// anyone but the listing's host is refused as such, whatever the review's subject
		assertThat(respond(stay.guest(), "/api/v1/reviews/" + hostReview.path("id").asString(), "Hm").body()
			.path("code").asString()).isEqualTo("host_only");
		assertThat(respond(stay.host(), "/api/v1/reviews/" + UUID.randomUUID(), "Hm").status()).isEqualTo(404);
		assertThat(respond(stay.host(), path, "x".repeat(1000)).status()).as("exactly 1,000 but answered")
			.isEqualTo(409);
	}

	/**
	 * A response its host wrote while the host's account was being deleted locked only the review's row and landed
	 * (201) right after the deletion had removed the listing with the account: a response by an account that no
	 * longer existed, on a listing that was gone. V51 makes it wait for the listing's removal and refuses it with the
	 * 401 any deleted account's request gets.
	 */
	@Test
	void aResponseWrittenWhileTheHostIsDeletedIsRefused() throws Exception {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay.guest(), body(stay.bookingId(), 4, "Good")).body().path("id")
			.asString();
		post(stay.host(), body(stay.bookingId(), 5, "Great"));

		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, stay.host(),
				() -> respond(stay.host(), path, "Written as the account went"));

		assertThat(late.status()).as(late.toString()).isEqualTo(401);
		assertThat(late.body().path("code").asString()).isEqualTo("unauthorized");
		assertThat(jdbc.queryForObject("select count(*) from reviews where booking_id = ? and response_body is not null",
				Integer.class, stay.bookingId())).isZero();
	}

	/**
	 * The same race with the listing alone deleted by its host: the response, sent while the deletion held the
	 * listing's row (waiting here on a hold's booking row that it cancels), landed on a listing that was gone. Now it
	 * waits for the removal and gets the 404 a response after it gets.
	 */
	@Test
	void aResponseWrittenWhileTheListingIsDeletedIsNotFound() throws Exception {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay.guest(), body(stay.bookingId(), 4, "Good")).body().path("id")
			.asString();
		post(stay.host(), body(stay.bookingId(), 5, "Great"));
		Stay hold = stays.booked(stay.listing(), accounts.guest(), stays.today(stay.listing()).plusDays(30), 2);

		List<Api.Response> answers = HeldRowRace.race(dataSource, "select 1 from bookings where id = ? for update",
				hold.bookingId(),
				() -> api.delete("/api/v1/properties/" + stay.listing().id()).as(stay.host()).send(),
				() -> respond(stay.host(), path, "Written as the listing went"));

		assertThat(answers.get(0).status()).as("the deletion: %s", answers.get(0)).isEqualTo(204);
		assertThat(answers.get(1).status()).as(answers.get(1).toString()).isEqualTo(404);
		assertThat(jdbc.queryForObject("select count(*) from reviews where booking_id = ? and response_body is not null",
				Integer.class, stay.bookingId())).isZero();
	}

	@Test
	void respondingConcurrentlyAnswersOnce() throws Exception {
		Stay stay = stays.completed();
		String path = "/api/v1/reviews/" + post(stay.guest(), body(stay.bookingId(), 4, "Good")).body().path("id")
			.asString();
		post(stay.host(), body(stay.bookingId(), 5, "Great"));
		List<Api.Response> responses = Concurrently.send(4, i -> respond(stay.host(), path, "Answer " + i));
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(3);
	}

	private Api.Response respond(TestUser user, String reviewPath, String text) {
		return api.post(reviewPath + "/response", Map.of("body", text)).as(user).send();
	}

	private Api.Response post(TestUser user, Map<String, ?> body) {
		return api.post("/api/v1/reviews", body).as(user).send();
	}

	private static Map<String, Object> body(UUID bookingId, int rating, String comment) {
		return Map.of("booking_id", bookingId, "rating", rating, "comment", comment);
	}

	private static Map<String, Object> withSubRatings(UUID bookingId, int rating, String comment, Integer cleanliness,
			Integer accuracy, Integer checkIn, Integer communication, Integer location, Integer value) {
		Map<String, Object> body = new LinkedHashMap<>(body(bookingId, rating, comment));
		putIfSet(body, "cleanliness", cleanliness);
		putIfSet(body, "accuracy", accuracy);
		putIfSet(body, "check_in", checkIn);
		putIfSet(body, "communication", communication);
		putIfSet(body, "location", location);
		putIfSet(body, "value", value);
		return body;
	}

	private static void putIfSet(Map<String, Object> body, String name, Integer value) {
		if (value != null) {
			body.put(name, value);
		}
	}

	private JsonNode list(String query, TestUser as) {
		Api.Call call = api.get("/api/v1/reviews" + query);
		var response = (as == null ? call : call.as(as)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private JsonNode listing(Stay stay) {
		var response = api.get("/api/v1/properties/" + stay.propertyId()).send();
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private String listingEtag(Stay stay) {
		return api.get("/api/v1/properties/" + stay.propertyId()).send().header("ETag");
	}

	private static void assertFields(Api.Response response, String... fields) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.fieldErrors()).containsExactlyInAnyOrder(fields);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(review -> ids.add(review.path("id").asString()));
		return ids;
	}
}
