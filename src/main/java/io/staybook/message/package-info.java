/**
 * Messaging: one conversation per guest and listing, with the listing's host; messages stored as written and shown to
 * the other side with contact details masked until the two have a confirmed booking together; unread counts per
 * side; a digest mail to the recipient at most once per conversation per 15 minutes; and the GraphQL subscription
 * {@code messageAdded}, delivered on every node (Redis pub/sub when Redis is configured, PostgreSQL
 * {@code NOTIFY}/{@code LISTEN} otherwise).
 */
package io.staybook.message;
