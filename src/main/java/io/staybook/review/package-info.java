/**
 * Reviews: a guest rates a completed stay within 14 days of check-out, once per booking, and every review change
 * updates the listing's rating in the same transaction.
 */
package io.staybook.review;
