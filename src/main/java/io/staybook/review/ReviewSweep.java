package io.staybook.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes published the reviews whose window has closed without the other side reviewing, which read published from
 * that moment ({@link Review#isPublished(Instant)}): at that moment ({@code publish_due}), with their listings'
 * aggregates and updated_at as readers already saw them (V40), so that its write changes nothing visible; one indexed
 * statement per batch
 * ({@code reviews_publish_due_idx}), never one job per review. Each batch is one transaction that publishes its
 * reviews and updates the aggregates (and version) of the listings they are of, so that no reader sees a published
 * review outside its listing's average. Rows locked by an author's edit are skipped and taken by the next run; safe on
 * several nodes at once.
 */
@Component
class ReviewSweep {

	private final JdbcClient jdbc;

	private final ReviewService reviews;

	private final ReviewSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ReviewSweep(JdbcClient jdbc, ReviewService reviews, ReviewSettings settings,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Publishes every review due by now, a batch per transaction; returns how many. */
	int sweep() {
		int published = 0;
		while (true) {
			Integer batch = transactions.execute(status -> publishBatch(clock.instant()));
			published += batch;
			if (batch < settings.batch()) {
				return published;
			}
		}
	}

	private int publishBatch(Instant now) {
		List<Published> rows = jdbc.sql("""
				update reviews set published_at = publish_due
				where id in (select id from reviews where published_at is null and publish_due <= :now
				             order by publish_due limit :batch for update skip locked)
				returning property_id, subject, publish_due""")
			.param("now", Timestamp.from(now))
			.param("batch", settings.batch())
			.query((rs, row) -> new Published(rs.getObject("property_id", UUID.class), rs.getString("subject"),
					rs.getTimestamp("publish_due").toInstant()))
			.list();
		// each listing once, in id order (the lock order), as updated when the last of its reviews was published
		new TreeMap<>(rows.stream()
			.filter(row -> row.subject().equals("property"))
			.collect(Collectors.toMap(Published::propertyId, Published::at, BinaryOperator.maxBy(Instant::compareTo))))
			.forEach(reviews::rerate);
		return rows.size();
	}

	private record Published(UUID propertyId, String subject, Instant at) {
	}
}
