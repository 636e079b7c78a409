/**
 * Wishlists: a guest's private, named lists of listings, at most 100 an account and 1,000 listings a list, held by
 * the database; a listing leaves every list when it is removed, and an account's lists go with it.
 */
package io.staybook.wishlist;
