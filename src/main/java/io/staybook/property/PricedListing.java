package io.staybook.property;

/**
 * A listing as a booking's write reads it, row locked ({@link PropertyService#lockForBooking(java.util.UUID,
 * java.time.LocalDate, java.time.LocalDate)}), with its pricing rules for the stay's nights, read in the same statement.
 */
public record PricedListing(PropertyView listing, PriceRules rules) {
}
