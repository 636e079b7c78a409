package io.staybook.property;

import io.staybook.user.UserSummary;

/** A listing with its host's name, as the APIs show it. */
public record Listing(PropertyView property, UserSummary host) {
}
