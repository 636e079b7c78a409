package io.staybook.property;

import io.staybook.shared.DemoDataSwitch;
import io.staybook.shared.money.Money;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * About 200 listings in ten real cities, spread within a few kilometres of each centre, with varied types, prices and
 * amenities. Generated from a fixed seed, so every machine gets the same demo, and loaded once.
 */
@Component
@Order(20)
class PropertyDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PropertyDemoData.class);

	static final int PER_CITY = 20;

	private static final BigDecimal CLEANING_SHARE = new BigDecimal("0.2");

	/** A priced listing's Friday and Saturday nights, as a share of its base price. */
	private static final BigDecimal WEEKEND_SHARE = new BigDecimal("1.25");

	/** A priced listing's fee per night for each guest above those included, as a share of its base price. */
	private static final BigDecimal EXTRA_GUEST_SHARE = new BigDecimal("0.1");

	record City(String name, String country, double lat, double lng, String timezone, String currency, int basePrice) {
	}

	static final List<City> CITIES = List.of(new City("Lisbon", "Portugal", 38.7223, -9.1393, "Europe/Lisbon", "EUR", 90),
			new City("Paris", "France", 48.8566, 2.3522, "Europe/Paris", "EUR", 140),
			new City("Barcelona", "Spain", 41.3874, 2.1686, "Europe/Madrid", "EUR", 110),
			new City("London", "United Kingdom", 51.5072, -0.1276, "Europe/London", "GBP", 150),
			new City("New York", "United States", 40.7128, -74.0060, "America/New_York", "USD", 180),
			new City("San Francisco", "United States", 37.7749, -122.4194, "America/Los_Angeles", "USD", 170),
			new City("Mexico City", "Mexico", 19.4326, -99.1332, "America/Mexico_City", "MXN", 1200),
			new City("Tokyo", "Japan", 35.6762, 139.6503, "Asia/Tokyo", "JPY", 15000),
			new City("Sydney", "Australia", -33.8688, 151.2093, "Australia/Sydney", "AUD", 160),
			new City("Auckland", "New Zealand", -36.8485, 174.7633, "Pacific/Auckland", "NZD", 140));

	private static final List<String> ADJECTIVES = List.of("Sunny", "Quiet", "Charming", "Modern", "Cosy", "Bright",
			"Spacious", "Historic", "Elegant", "Airy");

	private static final List<String> AMENITIES = List.of("wifi", "kitchen", "washer", "air_conditioning", "heating",
			"free_parking", "pool", "workspace", "tv", "balcony", "elevator", "pets_allowed");

	private final Properties properties;

	private final UserService users;

	private final Clock clock;

	private final DemoDataSwitch demoData;

	PropertyDemoData(Properties properties, UserService users, Clock clock, DemoDataSwitch demoData) {
		this.demoData = demoData;
		this.properties = properties;
		this.users = users;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		List<UUID> hosts = users.demoAccounts(Role.HOST);
		if (hosts.isEmpty() || properties.count() > 0) {
			return;
		}
		Random random = new Random(42);
		List<Property> listings = new ArrayList<>();
		for (City city : CITIES) {
			for (int i = 0; i < PER_CITY; i++) {
				listings.add(listing(city, i, hosts.get((i + city.name().length()) % hosts.size()), random));
			}
		}
		properties.saveAll(listings);
		log.info("Loaded {} demo listings in {} cities", listings.size(), CITIES.size());
	}

	/**
	 * A listing type as a demo title and description say it: "guest house", and "place" for {@code other}, which
	 * made titles such as "Sunny other in Lisbon #9".
	 */
	static String kind(PropertyType type) {
		return type == PropertyType.OTHER ? "place" : type.json().replace('_', ' ');
	}

	private Property listing(City city, int index, UUID host, Random random) {
		PropertyType type = PropertyType.values()[random.nextInt(PropertyType.values().length)];
		String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
		String kind = kind(type);
		int guests = 1 + random.nextInt(8);
		// in whole units of the currency's smallest unit (whole yen in Tokyo), as listings must be
		Money price = new Money(BigDecimal.valueOf(city.basePrice() * (0.5 + random.nextDouble() * 1.5))
			.setScale(Money.digits(city.currency()), RoundingMode.HALF_UP), city.currency());
		List<String> amenities = AMENITIES.stream().filter(a -> random.nextInt(3) > 0).sorted().toList();
		// within about 6 km of the centre
		double lat = city.lat() + (random.nextDouble() - 0.5) * 0.1;
		double lng = city.lng() + (random.nextDouble() - 0.5) * 0.1 / Math.cos(Math.toRadians(city.lat()));
		int minNights = 1 + random.nextInt(3);
		boolean priced = index % 3 == 0;
		return new Property(new PropertyDetails(host, adjective + " " + kind + " in " + city.name() + " #" + (index + 1),
				"A " + adjective.toLowerCase() + " " + kind + " for up to " + guests + " guests in " + city.name()
						+ ", close to cafes, parks and public transport.",
				type, (10 + index) + " Demo Street", city.name(), city.country(), lat, lng, city.timezone(), price.amount(),
				price.share(CLEANING_SHARE).amount(), city.currency(), guests,
				Math.max(1, guests / 2), Math.max(1, guests / 2 + random.nextInt(2)), 1 + random.nextInt(2),
				amenities, minNights, 30 + random.nextInt(60),
				CancellationPolicy.values()[random.nextInt(CancellationPolicy.values().length)],
				// every fourth listing takes requests to book, so that a host sees both kinds; every third has pricing
				// rules (a dearer weekend, weekly and monthly discounts, a fee per guest above two less than it sleeps)
				index % 4 != 3, priced ? price.share(WEEKEND_SHARE).amount() : null, false, priced ? 10 : 0,
				priced ? 25 : 0, priced ? Math.max(1, guests - 2) : null,
				priced ? price.share(EXTRA_GUEST_SHARE).amount() : BigDecimal.ZERO), clock.instant());
	}
}
