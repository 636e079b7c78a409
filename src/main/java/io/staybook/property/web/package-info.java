/**
 * The listings' REST endpoints; {@link io.staybook.property.web.PropertyResponses.PropertyJson} is named so that other
 * modules' lists of listings (wishlists) answer with the very same JSON.
 */
@NamedInterface("web")
package io.staybook.property.web;

import org.springframework.modulith.NamedInterface;
