package io.staybook.property;

import io.staybook.media.MediaObjects;
import io.staybook.media.MediaStore;
import io.staybook.shared.DemoDataSwitch;
import io.staybook.shared.Ids;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos for the demo listings ({@link PropertyDemoData}): {@value #IMAGES} pictures drawn with Java2D at start (a
 * sky, a house and a door in varied colours; no network, no files shipped), each put through the same processing as
 * an upload, and {@value #PER_LISTING} of them given to every demo listing, sharing the stored objects. Loaded once,
 * when no listing has a photo yet; about a second.
 */
@Component
@Order(21)
class PhotoDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PhotoDemoData.class);

	static final int IMAGES = 8;

	static final int PER_LISTING = 3;

	private final JdbcClient jdbc;

	private final PhotoRows rows;

	private final MediaStore store;

	private final Clock clock;

	private final DemoDataSwitch demoData;

	private final MediaObjects objects;

	private final TransactionTemplate transactions;

	PhotoDemoData(JdbcClient jdbc, PhotoRows rows, MediaStore store, Clock clock, DemoDataSwitch demoData,
			MediaObjects objects, TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.rows = rows;
		this.store = store;
		this.clock = clock;
		this.demoData = demoData;
		this.objects = objects;
	}

	/** Draws and stores the images first, as an upload does (no transaction open meanwhile), then inserts the rows. */
	@Override
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()
				|| jdbc.sql("select exists (select 1 from property_photos)").query(Boolean.class).single()) {
			return;
		}
		List<UUID> listings = jdbc.sql("select id from properties where deleted_at is null order by id")
			.query(UUID.class)
			.list();
		if (listings.isEmpty()) {
			return;
		}
		List<PhotoImages.Processed> images = new ArrayList<>();
		List<MediaObjects.Claim> claims = new ArrayList<>();
		for (int i = 0; i < IMAGES; i++) {
			PhotoImages.Processed image = PhotoImages.process(PhotoImages.writePng(picture(i)));
			// listed before stored, so that the sweep knows them; kept by the rows that name them (MediaSweep)
			claims.add(objects.claim(image.variants().stream().map(PhotoImages.Variant::key).toList()));
			image.variants().forEach(variant -> store.put(variant.key(), variant.bytes()));
			images.add(image);
		}
		transactions.executeWithoutResult(status -> insert(listings, images, claims));
		log.info("Loaded {} demo photos ({} images drawn)", listings.size() * PER_LISTING, IMAGES);
	}

	private void insert(List<UUID> listings, List<PhotoImages.Processed> images, List<MediaObjects.Claim> claims) {
		for (int l = 0; l < listings.size(); l++) {
			for (int position = 0; position < PER_LISTING; position++) {
				// one after the other, so each goes last: at positions 0, 1, 2
				rows.insert(Ids.newId(), listings.get(l), position == 0 ? "The house" : null,
						images.get((l + position * 3) % IMAGES), clock.instant());
			}
		}
		claims.forEach(objects::keep);
	}

	/** A 800×600 picture: a sky, a lawn, a house with a roof, windows and a door, coloured by {@code n}. */
	static BufferedImage picture(int n) {
		BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			float hue = n / (float) IMAGES;
			g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(0.58f, 0.5f, 0.95f), 0, 400,
					Color.getHSBColor(0.55f, 0.2f, 1f)));
			g.fillRect(0, 0, 800, 420);
			g.setColor(Color.getHSBColor(0.3f, 0.6f, 0.6f));
			g.fillRect(0, 420, 800, 180);
			g.setColor(Color.getHSBColor(hue, 0.45f, 0.9f));
			g.fillRect(220, 250, 360, 220);
			g.setColor(Color.getHSBColor((hue + 0.5f) % 1, 0.6f, 0.55f));
			g.fillPolygon(new int[] { 190, 400, 610 }, new int[] { 260, 120, 260 }, 3);
			g.setColor(new Color(250, 250, 235));
			g.fillRect(260, 300, 80, 70);
			g.fillRect(460, 300, 80, 70);
			g.setColor(Color.getHSBColor(hue, 0.7f, 0.35f));
			g.fillRect(370, 360, 60, 110);
			g.setColor(new Color(255, 230, 120));
			g.fillOval(640 - n * 40, 50, 70, 70);
		}
		finally {
			g.dispose();
		}
		return image;
	}
}
